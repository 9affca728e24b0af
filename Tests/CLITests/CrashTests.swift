import Foundation
import Testing

/// Kills a writing `lakesql` at random moments (kill -9) and checks that every read
/// afterwards sees exactly the old table or the new one, never a mix or an error.
@Suite struct CrashTests {
    @Test func killedWritersLeaveOldOrNewTable() throws {
        guard let url = LakeSQLBinary.url else { throw LakeSQLBinary.MissingBinary() }
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("lake").path
        let rows = 60_000
        let setup = try LakeSQLBinary.run(["--lake", lake, "-c",
            "CREATE TABLE t AS SELECT range AS id, 0 AS v FROM range(\(rows))"])
        #expect(setup.status == 0, "\(setup.stderr)")
        // One uninterrupted write tells how long a write takes here; kill times are spread
        // over 1.2 times that, so kills land before, during and after the commit.
        let start = Date()
        let full = try LakeSQLBinary.run(["--lake", lake, "-c", "UPDATE t SET v = 1"])
        #expect(full.status == 0, "\(full.stderr)")
        let duration = Date().timeIntervalSince(start)
        var generation = 1
        var outcomes = (old: 0, new: 0)
        var rng = SystemRandomNumberGenerator()
        let maxDelay = UInt32(min(5.0, duration * 1.2) * 1_000_000)
        for trial in 0..<50 {
            // Alternate statements that rewrite the whole table and ones that append, so both
            // kinds of commit are interrupted.
            let next = generation + 1
            let sql = trial % 2 == 0
                ? "INSERT OVERWRITE t SELECT range AS id, \(next) AS v FROM range(\(rows))"
                : "UPDATE t SET v = \(next)"
            let writer = Process()
            writer.executableURL = url
            writer.arguments = ["--lake", lake, "-c", sql]
            writer.standardOutput = FileHandle.nullDevice
            writer.standardError = FileHandle.nullDevice
            try writer.run()
            usleep(UInt32.random(in: 0...maxDelay, using: &rng))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let read = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "--no-header", "-c",
                                              "SELECT count(*), min(v), max(v), count(DISTINCT id) FROM t"])
            #expect(read.status == 0, "trial \(trial): \(read.stderr)")
            let seen = read.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if seen == "\(rows),\(generation),\(generation),\(rows)" {
                outcomes.old += 1
            } else if seen == "\(rows),\(next),\(next),\(rows)" {
                outcomes.new += 1
                generation = next
            } else {
                Issue.record("trial \(trial): table is neither generation \(generation) nor \(next): \(seen)")
            }
        }
        #expect(outcomes.old + outcomes.new == 50)
        // With kill times spread over the write, both outcomes occur.
        #expect(outcomes.old > 0 && outcomes.new > 0)
        // The next successful write removes what killed writers left behind.
        let final = try LakeSQLBinary.run(["--lake", lake, "-c", "INSERT INTO t VALUES (-1, -1)"])
        #expect(final.status == 0, "\(final.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: lake + "/main/t").filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty)
        print("crash test: \(outcomes.old) reads saw the old table, \(outcomes.new) the new one")
    }
}
