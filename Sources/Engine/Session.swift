import Columnar
import Diagnostics
import SQLSyntax

/// A connection to a lake: runs SQL statements one after another.
/// The one API the CLI and the tests use.
public final class Session {
    /// Creates a session. `lake` is the lake folder (nil: in-memory only).
    public init(lake: String? = nil) throws(SQLError) {
    }

    /// Runs one statement (a trailing `;` is allowed). Errors carry spans into `sql`.
    public func execute(_ sql: String) throws(SQLError) -> StatementResult {
        throw SQLError(.unsupported, "not yet implemented")
    }

    /// Runs every statement of `sql` in order and returns their results; stops at the first error.
    public func executeScript(_ sql: String) throws(SQLError) -> [StatementResult] {
        var results: [StatementResult] = []
        for piece in Script.split(sql) {
            do {
                results.append(try execute(piece.text))
            } catch {
                throw error.shifted(by: piece.offset)
            }
        }
        return results
    }
}
