// What running a sqllogictest file gives: counts and the failed records.

/// One record that did not behave as its file says.
struct SLTFailure: Sendable, CustomStringConvertible {
    /// File as shown in reports.
    var file: String
    /// 1-based line of the record's header.
    var line: Int
    /// The record's SQL (empty for file-level failures).
    var sql: String
    /// What went wrong, with expected and actual output when there are some.
    var message: String

    var description: String {
        var s = "\(file):\(line): \(message)"
        if !sql.isEmpty { s += "\n  SQL: " + sql.split(separator: "\n").joined(separator: "\n       ") }
        return s
    }
}

/// Counts of one file's run.
struct SLTFileReport: Sendable, CustomStringConvertible {
    /// File as shown in reports.
    var file: String
    /// Records (statements and queries) that behaved as expected.
    var passed = 0
    /// Records that did not.
    var failed = 0
    /// Records not run here (`skipif lakesql`, `onlyif <other>`, unknown directives, after `halt`).
    var skipped = 0
    /// The failed records, in file order.
    var failures: [SLTFailure] = []

    /// Records run (passed + failed).
    var run: Int { passed + failed }

    /// `passed / run`, 1 when nothing ran.
    var passRate: Double { run == 0 ? 1 : Double(passed) / Double(run) }

    var description: String {
        let percent = (passRate * 1000).rounded() / 10
        return "\(file): \(passed) passed, \(failed) failed, \(skipped) skipped (\(percent)% of \(run) run)"
    }
}
