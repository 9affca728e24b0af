// The runner against a scripted fake database: sorting, hashing, row formats, failures.

import Columnar
import Diagnostics
import Testing

/// A database answering from a fixed table of SQL → result.
private struct FakeDatabase: SLTDatabase {
    var answers: [String: SLTRows] = [:]
    var failing: [String: SQLError] = [:]

    func run(_ sql: String) throws(SQLError) -> SLTRows? {
        if let error = failing[sql] { throw error }
        return answers[sql]
    }
}

@Suite("SLT runner")
struct SLTRunnerTests {
    private let db = FakeDatabase(
        answers: [
            "rows": SLTRows(columnCount: 2, rows: [[.int(3), .string("c")], [.int(1), .string("a")], [.int(2), .null]]),
            "one": SLTRows(columnCount: 1, rows: [[.int(1)]]),
            "many": SLTRows(columnCount: 1, rows: (0..<100).map { [.int(Int64($0))] }),
        ],
        failing: [
            "bad": SQLError(.name, "table \"nope\" not found"),
            "bug": SQLError(.internal, "oops"),
        ])

    private func run(_ text: String) throws -> SLTFileReport {
        var runner = SLTRunner(file: "t.slt")
        return runner.run(try SLTParser.parse(text), on: db)
    }

    @Test("passing records of every kind")
    func passing() throws {
        let report = try run("""
        statement ok
        one

        statement error
        bad

        statement error not found
        bad

        statement error table "\\w+" not
        bad

        query IT nosort
        rows
        ----
        3
        c
        1
        a
        2
        NULL

        query IT rowsort
        rows
        ----
        1\ta
        2\tNULL
        3\tc

        query TT valuesort
        rows
        ----
        1
        2
        3
        NULL
        a
        c

        query R nosort
        one
        ----
        1.000

        query I nosort
        many
        ----
        100 values hashing to 9a10f4f09341c2db76a16b44f841c551
        """)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.passed == 9)
    }

    @Test("hash-threshold compares long results by hash or by value")
    func threshold() throws {
        let values = (0..<100).map(String.init).joined(separator: "\n")
        let report = try run("hash-threshold 8\n\nquery I nosort\nmany\n----\n" + values + "\n")
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.passed == 1)
    }

    @Test("failures name file and line, SQL, expected and actual")
    func failures() throws {
        let report = try run("""
        statement ok
        bad

        statement error
        one

        statement error
        bug

        statement error something else
        bad

        query I nosort
        one
        ----
        2

        query II nosort
        one
        ----
        1

        query I nosort
        many
        ----
        100 values hashing to 00000000000000000000000000000000

        query I nosort
        bad
        ----
        1
        """)
        #expect(report.failed == 8)
        #expect(report.passed == 0)
        #expect(report.failures.map(\.line) == [1, 4, 7, 10, 13, 18, 23, 28])
        let first = report.failures[0].description
        #expect(first.hasPrefix("t.slt:1: statement failed"))
        #expect(first.contains("SQL: bad"))
        let wrong = report.failures[4].description
        #expect(wrong.contains("expected:\n    2"))
        #expect(wrong.contains("actual:\n    1"))
        #expect(report.failures[5].message.contains("1 columns"))
    }

    @Test("skipif, onlyif and halt skip records")
    func skipping() throws {
        let report = try run("""
        onlyif sqlite
        statement ok
        bad

        skipif lakesql
        statement ok
        bad

        skipif sqlite
        statement ok
        one

        onlyif mssql
        halt

        statement ok
        one

        halt

        statement ok
        bad
        """)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.passed == 2)
        #expect(report.skipped == 3)
    }

    @Test("expected rows in either layout", arguments: [
        (["1", "a"], 2, ["1", "a"]),
        (["1\ta", "2\tb"], 2, ["1", "a", "2", "b"]),
        (["1\ta", "2"], 2, ["1\ta", "2"]),
        (["x\ty"], 1, ["x\ty"]),
    ])
    func layouts(lines: [String], columns: Int, values: [String]) {
        #expect(SLTRunner.expectedValues(lines, columnCount: columns) == values)
    }

    @Test("rowsort compares values as strings, byte-wise")
    func rowOrder() {
        let sorted = SLTRunner.sortedRows(["10", "b", "9", "a", "10", "a", "B", "z"], columnCount: 2)
        #expect(sorted == ["10", "a", "10", "b", "9", "a", "B", "z"])
    }
}
