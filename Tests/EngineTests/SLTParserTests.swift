// Parsing of sqllogictest text.

import Testing

@Suite("SLT parser")
struct SLTParserTests {
    @Test("statements, queries, conditions, comments and directives")
    func records() throws {
        let text = """
        # a comment
        hash-threshold 8

        statement ok
        CREATE TABLE t(a INTEGER,
          b TEXT)

        skipif sqlite
        onlyif lakesql # trailing comment
        query IT rowsort label-1
        SELECT a, b
        FROM t
        ----
        1
        x
        2
        (empty)

        statement error no such table
        SELECT * FROM nope

        query I nosort
        SELECT count(*) FROM t
        ----
        30 values hashing to 3C13DEE48D9356AE19AF2515E05E6B54

        halt

        """
        let records = try SLTParser.parse(text)
        #expect(records.count == 6)
        #expect(records[0].command == .hashThreshold(8))
        #expect(records[0].line == 2)
        #expect(records[1].command == .statementOK(sql: "CREATE TABLE t(a INTEGER,\n  b TEXT)"))
        #expect(records[1].line == 4)
        #expect(records[2].line == 10)
        #expect(records[2].skipIf == ["sqlite"])
        #expect(records[2].onlyIf == ["lakesql"])
        #expect(records[2].command == .query(
            sql: "SELECT a, b\nFROM t", types: "IT", sort: .rowsort, label: "label-1",
            expected: .lines(["1", "x", "2", "(empty)"])))
        #expect(records[3].command == .statementError(sql: "SELECT * FROM nope", pattern: "no such table"))
        #expect(records[4].command == .query(
            sql: "SELECT count(*) FROM t", types: "I", sort: .nosort, label: nil,
            expected: .hash(count: 30, md5: "3c13dee48d9356ae19af2515e05e6b54")))
        #expect(records[5].command == .halt)
    }

    @Test("skipif and onlyif decide for the engine name lakesql", arguments: [
        ([], [], true),
        (["sqlite"], [], true),
        (["lakesql"], [], false),
        ([], ["lakesql"], true),
        ([], ["sqlite"], false),
        ([], ["LakeSQL"], true),
        (["mysql"], ["mssql"], false),
    ])
    func conditions(skipIf: [String], onlyIf: [String], runs: Bool) {
        let record = SLTRecord(line: 1, command: .halt, skipIf: skipIf, onlyIf: onlyIf)
        #expect(record.applies(to: SLTRunner.engineName) == runs)
    }

    @Test("DuckDB-style error block and query error")
    func errorBlocks() throws {
        let text = """
        statement error
        SELECT 1/
        ----
        syntax

        query error
        SELECT x
        """
        let records = try SLTParser.parse(text)
        #expect(records.map(\.command) == [
            .statementError(sql: "SELECT 1/", pattern: "syntax"),
            .statementError(sql: "SELECT x", pattern: nil),
        ])
    }

    @Test("a query without a result block expects no rows; unknown directives are kept")
    func emptyAndUnknown() throws {
        let records = try SLTParser.parse("query I nosort\nSELECT 1 WHERE false\n\nloop i 0 10\nSELECT 1\n")
        #expect(records.count == 2)
        #expect(records[0].command == .query(sql: "SELECT 1 WHERE false", types: "I", sort: .nosort, label: nil, expected: .lines([])))
        #expect(records[1].command == .unknown("loop i 0 10"))
    }

    @Test("CRLF line ends")
    func crlf() throws {
        let records = try SLTParser.parse("onlyif mssql\r\nhalt\r\n\r\nquery I nosort\r\nSELECT 1\r\n----\r\n1\r\n")
        #expect(records.count == 2)
        #expect(records[0].onlyIf == ["mssql"])
        #expect(records[1].command == .query(sql: "SELECT 1", types: "I", sort: .nosort, label: nil, expected: .lines(["1"])))
    }

    @Test("malformed records are errors with their line", arguments: [
        ("statement maybe\nSELECT 1\n", 1),
        ("\nquery X nosort\nSELECT 1\n", 2),
        ("query I sideways\nSELECT 1\n", 1),
        ("statement ok\n\n", 1),
        ("hash-threshold many\n", 1),
    ])
    func malformed(text: String, line: Int) {
        #expect(throws: SLTParseError.self) { try SLTParser.parse(text) }
        do {
            _ = try SLTParser.parse(text)
        } catch {
            #expect(error.line == line)
        }
    }
}
