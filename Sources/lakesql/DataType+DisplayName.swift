import Columnar

extension DataType {
    /// Lower-case type name for the table header line, as DuckDB shows it:
    /// `integer`, `varchar`, `decimal(12,2)`, `struct(a integer)`, `varchar[]`.
    var displayName: String {
        switch self {
        case let .struct(fields):
            return "struct(" + fields.map { "\($0.name) \($0.type.displayName)" }.joined(separator: ", ") + ")"
        case let .array(element):
            return element.displayName + "[]"
        default:
            return description.lowercased()
        }
    }

    /// True when cells of this type are right-aligned in tables (numbers).
    var alignsRight: Bool { isNumeric }
}
