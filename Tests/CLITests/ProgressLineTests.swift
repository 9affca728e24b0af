import Foundation
import Testing

/// The progress line appears on a terminal for statements over about a second, is erased
/// before the result, and never appears when stderr is not a terminal.
@Suite struct ProgressLineTests {
    static let slow = "SELECT count(*) FROM range(12000000) WHERE range % 7 = 3"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script(1) for a pseudo-terminal"))
    func shownOnATerminalAndErased() throws {
        guard let url = LakeSQLBinary.url else { throw LakeSQLBinary.MissingBinary() }
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("typescript").path
        let command = "'\(url.path)' --lake '\(dir.path)/lake' -c '\(ProgressLineTests.slow)'"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, log]
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(p.terminationStatus == 0)
        #expect(text.contains("(Ctrl-C cancels)"))
        // The line is erased (carriage return, clear to end of line) before the table.
        let erase = "\r\u{1B}[K"
        let lastErase = text.range(of: erase, options: .backwards)?.upperBound
        let table = text.range(of: "┌")?.lowerBound
        #expect(lastErase != nil && table != nil && lastErase! <= table!)
    }

    @Test func absentWhenNotATerminal() throws {
        let r = try LakeSQLBinary.run(["--lake", try LakeSQLBinary.temporaryDirectory().path, "--format", "csv", "-c", ProgressLineTests.slow])
        #expect(r.status == 0)
        #expect(!r.stderr.contains("Ctrl-C cancels"))
    }
}
