/// A named, typed column of a result or table.
public struct Field: Sendable, Hashable {
    /// Column name as shown in results.
    public var name: String
    /// Type.
    public var type: DataType
    /// False when the column is declared NOT NULL.
    public var nullable: Bool

    /// Creates a field.
    public init(name: String, type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// The columns of a result or table, in order.
public struct Schema: Sendable, Hashable {
    /// Fields in order.
    public var fields: [Field]

    /// Creates a schema.
    public init(_ fields: [Field]) { self.fields = fields }

    /// Column types in order.
    public var types: [DataType] { fields.map(\.type) }
    /// Column names in order.
    public var names: [String] { fields.map(\.name) }
    /// Number of columns.
    public var count: Int { fields.count }

    /// Index of the first field named `name`, case-insensitively.
    public func index(of name: String) -> Int? {
        let lower = name.lowercased()
        return fields.firstIndex { $0.name.lowercased() == lower }
    }
}
