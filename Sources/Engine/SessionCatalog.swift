import Columnar
import Diagnostics
import Lake
import Planner
import SQLSyntax

/// The session's catalog: schemas holding tables and views, names case-insensitive.
/// With a lake, every definition is also a file under `_catalog/` (see `CatalogStore`),
/// reloaded whenever another process changes the folder.
final class SessionCatalog: CatalogProvider {
    enum Object {
        /// A table the session writes: in memory, or files plus a commit log in the lake.
        case table(any WritableTable, definition: CreateTable?)
        /// A read-only table over files (JSON, Parquet) named by LOCATION.
        case external(any TableProvider, definition: CreateTable)
        case view(CreateView, sql: String)
        /// A view whose rows are stored as a managed table and recomputed by REFRESH.
        case materialized(ManagedTable, definition: CreateView, sql: String)
        /// A catalog file that could not be read: using the name reports why.
        case damaged(SQLError)
    }

    /// The schema of one-part names.
    let defaultSchema = "main"
    var schemas: [String: [String: (name: String, object: Object)]] = ["main": [:]]
    /// Index name → (schema, table) it was created on; indexes have no effect on plans.
    var indexes: [String: (schema: String, name: String)] = [:]
    /// Where definitions persist (nil: in memory only).
    let store: CatalogStore?
    var storeSignature: [String] = []

    init(store: CatalogStore?) { self.store = store }

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
        let (s, _) = try split(name)
        let shown = s == defaultSchema ? display : "\(s).\(display)"
        switch obj {
        case let .table(t, _):
            return .table(TableHandle(name: shown, provider: t))
        case let .external(t, _):
            return .table(TableHandle(name: shown, provider: t))
        case let .view(v, sql):
            return .view(name: shown, query: v.query, columns: v.columns.map(\.value), sql: sql)
        case let .materialized(t, _, _):
            return .table(TableHandle(name: shown, provider: t))
        case let .damaged(e):
            throw e
        }
    }

    func allRelationNames() -> [String] {
        schemas.flatMap { s, objects in objects.values.map { s == defaultSchema ? $0.name : "\(s).\($0.name)" } }.sorted()
    }

    /// Adds or replaces an object; the schema must exist.
    func put(_ parts: [String], display: String, _ object: Object) throws(SQLError) {
        let (s, n) = try split(parts)
        guard schemas[s] != nil else { throw SQLError(.name, "schema \"\(s)\" does not exist", notes: ["CREATE SCHEMA \(s) first"]) }
        schemas[s]?[n] = (display, object)
    }

    /// Adds an object and writes its definition to the lake's catalog.
    func putPersistent(_ parts: [String], display: String, _ object: Object, statement: Statement) throws(SQLError) {
        try put(parts, display: display, object)
        if let store {
            let (s, n) = try split(parts)
            try store.save(schema: s, name: n, statement: statement)
            storeSignature = store.signature()
        }
    }

    func remove(_ parts: [String]) throws(SQLError) {
        let (s, n) = try split(parts)
        schemas[s]?[n] = nil
        indexes = indexes.filter { $0.value != (s, n) }
        if let store {
            store.remove(schema: s, name: n)
            storeSignature = store.signature()
        }
    }
}
