import Engine
import Foundation
import Testing
@testable import lakesql

/// Runs of the binary that do not need the query engine: usage, version, bad input.
@Suite struct CLIProcessTests {
    @Test func helpExitsZero() throws {
        let r = try LakeSQLBinary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: lakesql"))
        #expect(r.stdout.contains("--format"))
    }

    @Test func versionPrintsVersion() throws {
        let r = try LakeSQLBinary.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "lakesql \(LakeSQLCommand.version)\n")
    }

    @Test func unknownFlagIsUsageError() throws {
        let r = try LakeSQLBinary.run(["--frobnicate"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--frobnicate"))
        #expect(r.stdout.isEmpty)
    }

    @Test func badFormatIsUsageError() throws {
        let r = try LakeSQLBinary.run(["--format", "xml", "-c", "SELECT 1"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("xml"))
    }

    @Test func missingFileIsUsageError() throws {
        let r = try LakeSQLBinary.run(["-c", "SELECT 1", "-f", "/nonexistent/dir/missing.sql"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("cannot read '/nonexistent/dir/missing.sql': no such file"))
        #expect(r.stdout.isEmpty)
    }

    @Test func directoryAsFileIsUsageError() throws {
        let r = try LakeSQLBinary.run(["-f", "/"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("is a directory"))
    }

    @Test func commandsAndFilesKeepCommandLineOrder() {
        let order = InputSource.ordered(commands: ["A", "-f", "C"], files: ["x.sql", "-"],
                                        arguments: ["-c", "A", "--lake", "l", "-f", "x.sql", "-c", "-f", "--file=-", "--command=C"])
        #expect(order == [.command("A"), .file("x.sql"), .command("-f"), .file("-"), .command("C")])
    }

    @Test func orderFallsBackWhenTokensDisagree() {
        let order = InputSource.ordered(commands: ["A"], files: ["f"], arguments: ["-fc", "f", "A"])
        #expect(order == [.command("A"), .file("f")])
    }

    @Test func lakeDefaultsToEnvironmentThenLocalFolder() throws {
        let parsed = try CommandOptions.parse([])
        #expect(parsed.lakePath(environment: [:]) == "./lake")
        #expect(parsed.lakePath(environment: ["LAKESQL_LAKE": "/data/lake"]) == "/data/lake")
        let explicit = try CommandOptions.parse(["--lake", "here"])
        #expect(explicit.lakePath(environment: ["LAKESQL_LAKE": "/data/lake"]) == "here")
    }

    /// Plain batch command lines skip the parser: every option must come out as the parser
    /// reads it; any other command line is left to the parser.
    @Test func plainBatchLinesReadAsTheParserReadsThem() throws {
        let lines: [[String]] = [
            ["-c", "SELECT 1"], ["--lake", "/data/lake", "-c", "SELECT 1", "-f", "x.sql", "-c", "-- a comment"],
            ["-f", "-"], ["-c", "-f"], ["-f", "a.sql", "-f", "b.sql"],
        ]
        for line in lines {
            let fast = try #require(CommandOptions.plainBatch(line), "\(line)")
            let parsed = try CommandOptions.parse(line)
            #expect(fast.lake == parsed.lake && fast.commands == parsed.commands && fast.files == parsed.files, "\(line)")
            #expect(fast.format == parsed.format && fast.noHeader == parsed.noHeader && fast.nullText == parsed.nullText, "\(line)")
            #expect(fast.bail == parsed.bail && fast.echo == parsed.echo && fast.output == parsed.output, "\(line)")
            #expect(fast.errorFormat == parsed.errorFormat && fast.initFile == parsed.initFile && fast.noInit == parsed.noInit, "\(line)")
        }
        let others: [[String]] = [
            [], ["-c"], ["--format", "csv", "-c", "SELECT 1"], ["-c", "SELECT 1", "--no-bail", "x"], ["--lake", "a", "--lake", "b"],
            ["--lake", "-c"], ["--command", "SELECT 1"], ["--lake=a", "-c"], ["generate", "--lake"], ["--help", "-c"],
        ]
        for line in others { #expect(CommandOptions.plainBatch(line) == nil, "\(line)") }
    }

    @Test func bailIsOnByDefault() throws {
        #expect(try CommandOptions.parse([]).bail)
        #expect(try CommandOptions.parse(["--no-bail"]).bail == false)
        #expect(try CommandOptions.parse(["--format", "jsonl"]).format == .jsonl)
    }

    @Test func historyPathFollowsEnvironment() {
        #expect(Repl.historyPath(environment: ["LAKESQL_HISTORY": "/tmp/h"]) == "/tmp/h")
        #expect(Repl.historyPath(environment: ["HOME": "/home/u"]) == "/home/u/.lakesql_history")
    }

    @Test func firstLineSkipsLeadingBlanksAndComments() {
        #expect(StatementRunner.firstLine(of: .init(text: "\n\n  SELECT 1", offset: 0, line: 4)) == 6)
        #expect(StatementRunner.firstLine(of: .init(text: "SELECT 1", offset: 0, line: 2)) == 2)
        #expect(StatementRunner.firstLine(of: .init(text: "\n-- note\n/* a\nb */ SELECT 1", offset: 0, line: 1)) == 4)
        #expect(StatementRunner.firstLine(of: .init(text: "-- only a comment", offset: 0, line: 1)) == 1)
    }
}
