import Columnar

/// The rows a query produced: its schema and its batches, in order.
public struct ResultSet: Sendable {
    /// Column names and types.
    public var schema: Schema
    /// The rows, as batches.
    public var batches: [Batch]

    /// Creates a result.
    public init(schema: Schema, batches: [Batch]) {
        self.schema = schema
        self.batches = batches
    }

    /// Total number of rows.
    public var rowCount: Int { batches.reduce(0) { $0 + $1.count } }

    /// Every row as boxed values (tests and small outputs).
    public var rows: [[Value]] {
        var out: [[Value]] = []
        for b in batches { for i in 0..<b.count { out.append(b.row(i)) } }
        return out
    }
}

/// What running one statement gives.
public enum StatementResult: Sendable {
    /// A query's rows (SELECT, SHOW, DESCRIBE, EXPLAIN, ...).
    case rows(ResultSet)
    /// A statement without rows: a short status such as "CREATE TABLE" or "INSERT 3".
    case status(String)
}
