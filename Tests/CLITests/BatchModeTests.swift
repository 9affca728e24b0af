import Foundation
import Testing

/// End-to-end batch runs: exit codes 2 (bad data under FAILFAST) and 130 (Ctrl-C),
/// JSON errors, `-o FILE`, and the `line` and `parquet` formats.
@Suite struct BatchModeTests {
    /// A lake with a FAILFAST table over a file whose second record is bad.
    static func dirtyLake() throws -> URL {
        let dir = try LakeSQLBinary.temporaryDirectory()
        let feed = dir.appendingPathComponent("lake/bronze/dirty")
        try FileManager.default.createDirectory(at: feed, withIntermediateDirectories: true)
        try "{\"a\": 1}\n{\"a\": \"x\"}\n".write(to: feed.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let r = try LakeSQLBinary.run(["--lake", dir.appendingPathComponent("lake").path, "-c",
                                       "CREATE TABLE strict (a BIGINT) USING JSON OPTIONS (mode 'FAILFAST') LOCATION 'bronze/dirty'"])
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func dataErrorExitsTwo() throws {
        let dir = try BatchModeTests.dirtyLake()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LakeSQLBinary.run(["--lake", dir.appendingPathComponent("lake").path, "-c", "SELECT 1 AS ok", "-c", "SELECT * FROM strict"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bronze/dirty/p.json:2"))
        #expect(r.stdout.contains("ok"))
    }

    @Test func dataErrorOutranksOtherFailuresWithNoBail() throws {
        let dir = try BatchModeTests.dirtyLake()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LakeSQLBinary.run(["--lake", dir.appendingPathComponent("lake").path, "--no-bail",
                                       "-c", "SELECT nope", "-c", "SELECT * FROM strict", "-c", "SELECT 3 AS after"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("after"))
    }

    @Test func jsonErrorsAreOneObjectPerLine() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("q.sql")
        try "SELECT 1;\n\nSELECT\n  \"pirce\" FROM (SELECT 1 AS price) t;\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try LakeSQLBinary.run(["--error-format", "json", "-f", script.path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(object["error"] as? String == "name")
        #expect((object["message"] as? String)?.contains("pirce") == true)
        #expect(object["file"] as? String == script.path)
        #expect(object["line"] as? Int == 4)
        #expect(object["column"] as? Int == 3)
        #expect(object["notes"] is [Any])
    }

    @Test func jsonErrorForDataNamesTheDataFile() throws {
        let dir = try BatchModeTests.dirtyLake()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LakeSQLBinary.run(["--lake", dir.appendingPathComponent("lake").path, "--error-format", "json", "-c", "SELECT * FROM strict"])
        #expect(r.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stderr.utf8)) as? [String: Any])
        #expect(object["error"] as? String == "data")
        #expect(object["file"] as? String == "-c")
        let data = try #require(object["data"] as? [String: Any])
        #expect(data["path"] as? String == "bronze/dirty/p.json")
        #expect(data["line"] as? Int == 2)
    }

    @Test(arguments: ["csv", "jsonl", "line", "markdown"])
    func outputOptionWritesTheFile(format: String) throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.\(format)")
        let r = try LakeSQLBinary.run(["--format", format, "-o", file.path, "-c", "SELECT 42 AS answer, 'ü' AS word"])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("42") && text.contains("ü"))
    }

    @Test func lineFormatPrintsOneColumnPerLine() throws {
        let r = try LakeSQLBinary.run(["--format", "line", "-c", "SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS t(n, longer) ORDER BY n"])
        #expect(r.stdout == "     n = 1\nlonger = a\n\n     n = 2\nlonger = NULL\n")
    }

    @Test func parquetIsOneFileOnStdout() throws {
        let r = try LakeSQLBinary.run(["--format", "parquet", "-c", "SELECT 1 AS x"])
        #expect(r.status == 0)
        let bytes = Array(r.stdout.utf8)
        #expect(bytes.prefix(4) == Array("PAR1".utf8)[...])
        #expect(bytes.suffix(4) == Array("PAR1".utf8)[...])
    }

    @Test func parquetRefusesASecondResult() throws {
        let r = try LakeSQLBinary.run(["--format", "parquet", "-c", "SELECT 1 AS x; SELECT 2 AS y"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("parquet output holds one result"))
    }

    @Test func unwritableOutputIsUsageError() throws {
        let r = try LakeSQLBinary.run(["-o", "/nonexistent/dir/out.csv", "-c", "SELECT 1"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("cannot write '/nonexistent/dir/out.csv'"))
    }

    @Test func interruptCancelsTheRunningStatementAndExits130() throws {
        let binary = try #require(LakeSQLBinary.url)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["-c", "SELECT count(*) FROM range(10000000000)", "-c", "SELECT 'never' AS x"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Give the query time to start; it runs far longer than this.
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()
        let errText = ReadInBackground(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(String(decoding: errText.wait(), as: UTF8.self).contains("cancelled"))
        #expect(!String(decoding: outData, as: UTF8.self).contains("never"))
    }
}
