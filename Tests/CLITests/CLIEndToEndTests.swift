import Foundation
import Testing

/// Runs of the binary that execute SQL: these need the query engine (`Session`) and
/// the statement splitter.
@Suite struct CLIEndToEndTests {
    @Test func commandPrintsATable() throws {
        let r = try LakeSQLBinary.run(["-c", "SELECT 1"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("┌"))
        #expect(r.stdout.contains("│ 1 │") || r.stdout.contains(" 1 │"))
        #expect(r.stdout.hasSuffix("1 row\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func csvOutput() throws {
        let r = try LakeSQLBinary.run(["--format", "csv", "-c", "SELECT 1 AS a, 'x,y' AS b"])
        #expect(r.status == 0)
        #expect(r.stdout == "a,b\n1,\"x,y\"\n")
    }

    @Test func errorExitsOneWithCaret() throws {
        let r = try LakeSQLBinary.run(["-c", "SELECT nosuchcolumn FROM range(3)"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("Error: -c:1: "))
        #expect(r.stderr.contains("LINE 1: SELECT nosuchcolumn"))
        #expect(r.stderr.contains("^"))
    }

    @Test func bailStopsAtFirstError() throws {
        let r = try LakeSQLBinary.run(["--format", "csv", "-c", "SELECT 1 AS a; SELECT nope; SELECT 3 AS c"])
        #expect(r.status == 1)
        #expect(r.stdout == "a\n1\n")
    }

    @Test func noBailRunsLaterStatements() throws {
        let r = try LakeSQLBinary.run(["--no-bail", "--format", "csv", "-c", "SELECT 1 AS a; SELECT nope; SELECT 3 AS c"])
        #expect(r.status == 1)
        #expect(r.stdout == "a\n1\nc\n3\n")
        #expect(r.stderr.contains("Error:"))
    }

    @Test func stdinIsReadWhenPiped() throws {
        let r = try LakeSQLBinary.run(["--format", "csv"], stdin: "SELECT 41 + 1 AS answer;\n")
        #expect(r.status == 0)
        #expect(r.stdout == "answer\n42\n")
    }

    @Test func commandsAndFilesRunInOrder() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT 2 AS b;".write(to: dir.appendingPathComponent("two.sql"), atomically: true, encoding: .utf8)
        let r = try LakeSQLBinary.run(["--format", "csv", "--no-header", "-c", "SELECT 1", "-f", "two.sql", "-c", "SELECT 3", "-f", "-"],
                                      stdin: "SELECT 4", directory: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "1\n2\n3\n4\n")
    }

    @Test func fileErrorNamesFileAndLine() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT 1;\n-- a comment\nSELECT nope;\n".write(to: dir.appendingPathComponent("file.sql"), atomically: true, encoding: .utf8)
        let r = try LakeSQLBinary.run(["-f", "file.sql"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("file.sql:3"))
        #expect(r.stderr.contains("LINE 3: SELECT nope"))
    }

    @Test func echoPrintsStatements() throws {
        let r = try LakeSQLBinary.run(["--echo", "--format", "csv", "-c", "SELECT 1 AS a"])
        #expect(r.status == 0)
        #expect(r.stdout == "SELECT 1 AS a;\na\n1\n")
    }

    @Test func jsonOutputIsTyped() throws {
        let r = try LakeSQLBinary.run(["--format", "json", "-c", "SELECT 1 AS a, 'x' AS b, NULL AS c"])
        #expect(r.status == 0)
        #expect(r.stdout == "[{\"a\":1,\"b\":\"x\",\"c\":null}]\n")
    }
}
