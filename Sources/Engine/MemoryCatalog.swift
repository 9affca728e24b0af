import Columnar
import Diagnostics
import Planner
import SQLSyntax

/// The session's catalog: schemas holding tables and views, names case-insensitive.
final class MemoryCatalog: CatalogProvider {
    enum Object {
        case table(MemoryTable, definition: CreateTable?)
        case view(CreateView, sql: String)
    }

    /// The schema of one-part names.
    let defaultSchema = "main"
    var schemas: [String: [String: (name: String, object: Object)]] = ["main": [:]]
    /// Index name → (schema, table) it was created on; indexes have no effect on plans.
    var indexes: [String: (schema: String, name: String)] = [:]

    /// (schema, name) of a written name, lower-cased.
    func split(_ parts: [String]) throws(SQLError) -> (schema: String, name: String) {
        switch parts.count {
        case 1: return (defaultSchema, parts[0].lowercased())
        case 2: return (parts[0].lowercased(), parts[1].lowercased())
        case 3: return (parts[1].lowercased(), parts[2].lowercased())
        default: throw SQLError(.name, "improper qualified name (too many dotted names): \(parts.joined(separator: "."))")
        }
    }

    func object(_ parts: [String]) throws(SQLError) -> (name: String, object: Object)? {
        let (s, n) = try split(parts)
        return schemas[s]?[n]
    }

    func lookup(_ name: [String]) throws(SQLError) -> CatalogEntry? {
        guard let (display, obj) = try object(name) else { return nil }
        switch obj {
        case let .table(t, _):
            return .table(TableHandle(name: display, provider: t))
        case let .view(v, sql):
            return .view(name: display, query: v.query, columns: v.columns.map(\.value), sql: sql)
        }
    }

    func allRelationNames() -> [String] {
        schemas.flatMap { s, objects in objects.values.map { s == defaultSchema ? $0.name : "\(s).\($0.name)" } }.sorted()
    }

    /// Adds or replaces an object; the schema must exist.
    func put(_ parts: [String], display: String, _ object: Object) throws(SQLError) {
        let (s, n) = try split(parts)
        guard schemas[s] != nil else { throw SQLError(.name, "schema \"\(s)\" does not exist") }
        schemas[s]?[n] = (display, object)
    }

    func remove(_ parts: [String]) throws(SQLError) {
        let (s, n) = try split(parts)
        schemas[s]?[n] = nil
        indexes = indexes.filter { $0.value != (s, n) }
    }
}
