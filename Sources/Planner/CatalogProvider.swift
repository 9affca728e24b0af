import Columnar
import Diagnostics
import SQLSyntax

/// What a name in FROM resolves to.
public enum CatalogEntry: Sendable {
    /// A table (in memory, JSON folder, Parquet ...).
    case table(TableHandle)
    /// A view: its query is bound in place, so predicates reach the tables below.
    /// `sql` is the text `query` was parsed from (its spans index it).
    case view(name: String, query: Query, columns: [String], sql: String)
}

/// How the binder sees the catalog (DataFusion's ContextProvider): names in, entries out.
/// The planner never opens a path; whatever stores tables implements this.
public protocol CatalogProvider {
    /// The table or view called `name` (one part: default schema; two parts: schema.name),
    /// or nil when there is none.
    func lookup(_ name: [String]) throws(SQLError) -> CatalogEntry?
    /// Names of every table and view, for "did you mean" hints.
    func allRelationNames() -> [String]
}
