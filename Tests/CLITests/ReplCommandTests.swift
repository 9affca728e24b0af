import Engine
import Foundation
import Testing
@testable import lakesql

/// Dot-commands, statement feeding and completion of the REPL, run on an in-memory
/// session with output collected in memory.
@Suite struct ReplCommandTests {
    /// A REPL whose output and errors are collected.
    static func makeRepl() throws -> (Repl, OutputSink, OutputSink) {
        let out = OutputSink(), err = OutputSink()
        let runner = StatementRunner(session: try Session(lake: nil), format: .table, options: PrintOptions(),
                                     out: out, err: err, echo: false)
        return (Repl(runner: runner, historyPath: "/dev/null"), out, err)
    }

    /// Feeds `lines` as typed at the prompt.
    static func type(_ lines: [String], into repl: Repl) -> [Repl.Step] {
        var feeder = Repl.Feeder(origin: nil)
        return lines.map { repl.feed($0, into: &feeder, interactive: false) }
    }

    @Test func multiLineStatementRunsAtItsSemicolon() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        var feeder = Repl.Feeder(origin: nil)
        for line in [".mode csv", "SELECT 1 AS a,"] { _ = repl.feed(line, into: &feeder, interactive: false) }
        #expect(out.text.isEmpty)
        #expect(feeder.buffer == "SELECT 1 AS a,")
        _ = repl.feed("2 AS b;", into: &feeder, interactive: false)
        #expect(out.text == "a,b\n1,2\n")
    }

    @Test func modeHeadersAndNullValue() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        _ = ReplCommandTests.type([".mode csv", ".headers off", ".nullvalue '-'", "SELECT NULL AS n, 'x' AS s;"], into: repl)
        #expect(out.text == "-,x\n")
        _ = ReplCommandTests.type([".mode line", "SELECT NULL AS n;"], into: repl)
        #expect(out.text.hasSuffix("n = -\n"))
    }

    @Test(arguments: OutputFormat.allCases)
    func everyModeIsAccepted(format: OutputFormat) throws {
        let (repl, _, err) = try ReplCommandTests.makeRepl()
        #expect(ReplCommandTests.type([".mode \(format.rawValue)"], into: repl) == [.proceed])
        #expect(repl.runner.format == format)
        #expect(err.text.isEmpty)
    }

    @Test func unknownCommandsAndBadArgumentsFail() throws {
        let (repl, _, err) = try ReplCommandTests.makeRepl()
        #expect(ReplCommandTests.type([".frobnicate", ".mode xml", ".headers maybe", ".maxrows -1"], into: repl)
                == [.failed, .failed, .failed, .failed])
        #expect(err.text.contains("unknown command .frobnicate"))
        #expect(err.text.contains("unknown mode 'xml'"))
    }

    @Test func tablesSchemaAndDescribeAlias() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        _ = ReplCommandTests.type(["CREATE TABLE birds (name VARCHAR, wings INTEGER);", ".mode csv", ".tables", ".tables 'bi%'"], into: repl)
        #expect(out.text == "name,kind,refreshed_at,bronze_files\nbirds,TABLE,,\nname,kind,refreshed_at,bronze_files\nbirds,TABLE,,\n")
        _ = ReplCommandTests.type([".schema birds"], into: repl)
        #expect(out.text.contains("CREATE TABLE") && out.text.contains("birds") && out.text.hasSuffix(";\n"))
        _ = ReplCommandTests.type(["\\d birds"], into: repl)
        #expect(out.text.contains("wings"))
    }

    @Test func maxRowsCapsTableResults() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        _ = ReplCommandTests.type([".maxrows 4", "SELECT range AS n FROM range(10);"], into: repl)
        #expect(out.text.hasSuffix("(10 rows, 4 shown)\n"))
    }

    @Test func quitAndAliases() throws {
        let (repl, _, _) = try ReplCommandTests.makeRepl()
        #expect(ReplCommandTests.type([".quit"], into: repl) == [.quit])
        #expect(ReplCommandTests.type([".exit"], into: repl) == [.quit])
        #expect(ReplCommandTests.type(["\\q"], into: repl) == [.quit])
    }

    @Test func helpListsEveryCommand() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        _ = ReplCommandTests.type(["\\?"], into: repl)
        for command in DotCommand.all { #expect(out.text.contains(command.names[0]) && out.text.contains(command.help)) }
    }

    @Test func readRunsAFileAndOnceRedirectsOneResult() throws {
        let (repl, out, _) = try ReplCommandTests.makeRepl()
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("s.sql"), once = dir.appendingPathComponent("once.csv")
        try ".mode csv\nSELECT 5 AS five;\n.once \(once.path)\nSELECT 6 AS six;\nSELECT 7 AS seven;\n".write(to: script, atomically: true, encoding: .utf8)
        #expect(ReplCommandTests.type([".read \(script.path)"], into: repl) == [.proceed])
        #expect(out.text == "five\n5\nseven\n7\n")
        #expect(try String(contentsOf: once, encoding: .utf8) == "six\n6\n")
    }

    @Test func bailStopsAFileAtItsFirstError() throws {
        let (repl, out, err) = try ReplCommandTests.makeRepl()
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("s.sql")
        try ".mode csv\nSELECT nope;\nSELECT 1 AS after;\n".write(to: script, atomically: true, encoding: .utf8)
        _ = ReplCommandTests.type([".bail on", ".read \(script.path)"], into: repl)
        #expect(!out.text.contains("after"))
        #expect(err.text.contains("\(script.path):2"))
    }

    @Test func completerOffersKeywordsTablesColumnsAndCommands() {
        let completer = Completer(dotCommands: DotCommand.allNames, tables: { ["pets", "people"] },
                                  columns: { $0 == ["pets"] ? ["whiskers", "name"] : [] })
        #expect(completer.candidates(before: "", word: "SEL", statement: "SEL", continued: false) == ["SELECT"])
        #expect(completer.candidates(before: "", word: "sel", statement: "sel", continued: false) == ["select"])
        #expect(completer.candidates(before: "SELECT * FROM ", word: "pe", statement: "SELECT * FROM pe", continued: false) == ["pets", "people"])
        #expect(completer.candidates(before: "SELECT * FROM pets WHERE ", word: "whi", statement: "SELECT * FROM pets WHERE whi", continued: false) == ["whiskers"])
        #expect(completer.candidates(before: "", word: ".ta", statement: ".ta", continued: false) == [".tables"])
        #expect(completer.candidates(before: ".read ", word: "fi", statement: ".read fi", continued: false) == nil)
        #expect(completer.candidates(before: ".mode ", word: "js", statement: ".mode js", continued: false) == ["json", "jsonl"])
        #expect(completer.candidates(before: "SELECT upp", word: "upp", statement: "SELECT upp", continued: false)?.contains("upper") == true)
    }
}
