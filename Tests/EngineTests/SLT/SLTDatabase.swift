// The runner's view of a database: something that runs one SQL statement.

import Columnar
import Diagnostics
import Engine

/// The rows a query produced, as the runner compares them.
struct SLTRows: Sendable {
    /// Number of result columns.
    var columnCount: Int
    /// The rows, in the order the engine returned them.
    var rows: [[Value]]
}

/// A database the sqllogictest runner drives.
protocol SLTDatabase {
    /// Runs one statement; rows for queries, nil for statements without rows.
    func run(_ sql: String) throws(SQLError) -> SLTRows?
}

/// A LakeSQL `Session` as an `SLTDatabase`.
struct SessionDatabase: SLTDatabase {
    /// The session statements run on.
    let session: Session

    /// A fresh in-memory session, or one on the lake folder `lake`.
    init(lake: String? = nil) throws(SQLError) { session = try Session(lake: lake) }

    func run(_ sql: String) throws(SQLError) -> SLTRows? {
        switch try session.execute(sql) {
        case let .rows(result): return SLTRows(columnCount: result.schema.count, rows: result.rows)
        case .status: return nil
        }
    }
}
