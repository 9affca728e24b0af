import Columnar
import Diagnostics

/// Field paths of a scan: a projected column may be a field nested in a STRUCT column
/// (`car.make` is column `car`, path `[0]`), so a provider that reads fields directly
/// (the JSON scan) produces flat typed leaves instead of boxed STRUCT values. Providers
/// that cannot read fields get the whole columns asked for and the fields are taken out
/// of them (`FieldPathSource`), so a path is always honoured.
extension ScanNode {
    /// The field path of projected column `k` (empty: the whole column).
    public func path(at k: Int) -> [Int] {
        k < fieldPaths.count ? fieldPaths[k] : []
    }

    /// True when some projected column reads a field inside its table column.
    public var readsFields: Bool { fieldPaths.contains { !$0.isEmpty } }

    /// Appends table column `column` read at `path`, or finds it when already projected;
    /// returns its index among the projected columns.
    public mutating func project(_ column: Int, path: [Int]) -> Int {
        for k in projection.indices where projection[k] == column && self.path(at: k) == path { return k }
        if !path.isEmpty && fieldPaths.count < projection.count {
            fieldPaths += [[Int]](repeating: [], count: projection.count - fieldPaths.count)
        }
        projection.append(column)
        if !fieldPaths.isEmpty { fieldPaths.append(path) }
        return projection.count - 1
    }

    /// The field produced for `field` read at `path`: named `car.make`, typed as the leaf.
    /// A path that does not lead through STRUCTs stops where it fails (never traps).
    public static func field(_ field: Field, path: [Int]) -> Field {
        var name = field.name
        var type = field.type
        for index in path {
            guard case let .struct(fields) = type, index >= 0, index < fields.count else { break }
            name += "." + fields[index].name
            type = fields[index].type
        }
        return Field(name: name, type: type, nullable: path.isEmpty ? field.nullable : true)
    }

    /// Opens partition `partition` of `count` of this scan through its provider, with the
    /// field paths when some column reads a field.
    public func open(partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        let provider = table.provider
        guard readsFields else {
            return try provider.scan(projection: projection, partition: partition, of: count, filters: filters)
        }
        let paths = projection.indices.map { path(at: $0) }
        return try provider.scan(projection: projection, fieldPaths: paths, partition: partition, of: count, filters: filters)
    }
}
