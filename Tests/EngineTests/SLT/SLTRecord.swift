// The records of a sqllogictest file (https://sqlite.org/sqllogictest), as parsed.

/// How a query's result rows are ordered before comparison.
enum SLTSortMode: String, Sendable, Hashable {
    /// Rows compared in the order the engine returned them.
    case nosort
    /// Rows sorted by their formatted values (row by row, lexicographically).
    case rowsort
    /// Every value sorted on its own, ignoring row boundaries.
    case valuesort
}

/// What a query record expects.
enum SLTExpected: Sendable, Hashable {
    /// The raw lines of the expected block (one value per line, or one row per line
    /// with tab-separated values; the runner decides once it knows the column count).
    case lines([String])
    /// `N values hashing to <md5>`.
    case hash(count: Int, md5: String)
}

/// One directive or test of a sqllogictest file.
enum SLTCommand: Sendable, Hashable {
    /// `statement ok`: the SQL must run without error.
    case statementOK(sql: String)
    /// `statement error [pattern]` (or `query error`): the SQL must fail; when a pattern
    /// is given (on the header line or in a `----` block), the error text must match it.
    case statementError(sql: String, pattern: String?)
    /// `query <types> [sort] [label]`: the SQL must return rows matching `expected`.
    case query(sql: String, types: String, sort: SLTSortMode, label: String?, expected: SLTExpected)
    /// `hash-threshold N`: results with more than N values compare by hash.
    case hashThreshold(Int)
    /// `halt`: stop running the file.
    case halt
    /// A directive this runner does not know (counted as skipped).
    case unknown(String)
}

/// A command with the conditions written before it and where it starts.
struct SLTRecord: Sendable, Hashable {
    /// 1-based line of the record's header in its file.
    var line: Int
    /// The command.
    var command: SLTCommand
    /// `skipif <engine>` lines before the record.
    var skipIf: [String] = []
    /// `onlyif <engine>` lines before the record.
    var onlyIf: [String] = []

    /// True when the record applies to `engine` (`skipif`/`onlyif` compared case-insensitively).
    func applies(to engine: String) -> Bool {
        let name = engine.lowercased()
        if skipIf.contains(where: { $0.lowercased() == name }) { return false }
        if !onlyIf.isEmpty, !onlyIf.contains(where: { $0.lowercased() == name }) { return false }
        return true
    }

    /// The record's SQL text, when it has one.
    var sql: String? {
        switch command {
        case let .statementOK(sql), let .statementError(sql, _), let .query(sql, _, _, _, _): return sql
        case .hashThreshold, .halt, .unknown: return nil
        }
    }
}
