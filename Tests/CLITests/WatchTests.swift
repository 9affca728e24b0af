import Foundation
import Testing

/// `lakesql watch` end to end: a small generated lake with the pipeline's gold views,
/// refreshed as the stream generator adds bronze files.
@Suite struct WatchTests {
    /// The repository's queries/ folder.
    static let queries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("queries")

    /// A generated lake with queries/ run on it; returns it and its materialized views.
    static func pipelineLake() throws -> (lake: GenerateLake, views: [String]) {
        let (lake, generated) = try GenerateLake.generate(["--listings", "2000", "--files", "2"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let files = ["01_bronze.sql", "02_silver.sql", "03_gold.sql"].flatMap { ["-f", queries.appendingPathComponent($0).path] }
        let pipeline = try LakeSQLBinary.run(["--lake", lake.root.path] + files)
        #expect(pipeline.status == 0, "\(pipeline.stderr)")
        let shown = try LakeSQLBinary.run(["--lake", lake.root.path, "--format", "csv", "--no-header", "-c", "SHOW TABLES"])
        var views: [String] = []
        for line in shown.stdout.split(separator: "\n") {
            let fields: [Substring] = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 1 && fields[1] == "MATERIALIZED VIEW" { views.append(String(fields[0])) }
        }
        return (lake, views)
    }

    /// `SELECT count(*) FROM table` on the lake.
    static func count(_ table: String, in lake: GenerateLake) throws -> Int {
        let r = try LakeSQLBinary.run(["--lake", lake.root.path, "--format", "csv", "--no-header", "-c", "SELECT count(*) FROM \(table)"])
        return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Refresh lines: `<UTC time>  <view>  <status>  <n> ms` (not the lines saying the
    /// set of views changed).
    static func refreshLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map(String.init)
            .filter { $0.first?.isNumber == true && !$0.contains("  materialized views now: ") }
    }

    /// A refresh line's time, view, and the rest (status and duration).
    static func fields(_ line: String) -> (stamp: String, view: String, status: String) {
        let stamp = String(line.prefix(20))
        let rest = line.dropFirst(20).drop { $0 == " " }
        let view = rest.prefix { $0 != " " }
        let status = rest.dropFirst(view.count).drop { $0 == " " }
        return (stamp, String(view), String(status))
    }

    @Test func refreshesWhenNewBronzeFilesArriveAndStopsOnCtrlC() throws {
        let (lake, views) = try WatchTests.pipelineLake()
        defer { lake.remove() }
        try #require(views.count >= 2)
        let before = try WatchTests.count("gold.listing_turnover", in: lake)
        #expect(before > 0)

        let watch = try WatchProcess(["watch", "--lake", lake.root.path, "--every", "100ms"])
        defer { watch.kill() }
        let first = watch.waitForStdout(timeout: 60) { WatchTests.refreshLines($0).count >= views.count }
        #expect(first, "no first round: \(watch.stdout) \(watch.stderr)")
        #expect(watch.stdout.hasPrefix("Watching "))
        #expect(watch.stdout.contains("Ctrl-C to stop"))

        let tick = try LakeSQLBinary.run(["generate", "--lake", lake.root.path, "--listings", "0", "--every", "1ms", "--ticks", "1"])
        #expect(tick.status == 0, "\(tick.stderr)")
        let second = watch.waitForStdout(timeout: 60) { WatchTests.refreshLines($0).count >= 2 * views.count }
        #expect(second, "no second round: \(watch.stdout) \(watch.stderr)")

        watch.interrupt()
        let status = watch.waitForExit(timeout: 30)
        #expect(status == 0, "\(watch.stderr)")
        let lines = WatchTests.refreshLines(watch.stdout)
        #expect(lines.count >= 2 * views.count && lines.count % views.count == 0, "\(watch.stdout)")
        for (i, line) in lines.enumerated() {
            let f = WatchTests.fields(line)
            #expect(f.stamp.hasSuffix("Z") && f.stamp.count == 20 && f.stamp.dropFirst(10).hasPrefix("T"), "\(line)")
            #expect(f.view == views[i % views.count], "\(line)")
            #expect(f.status.hasPrefix("REFRESH "), "\(line)")
            #expect(line.hasSuffix(" ms"), "\(line)")
        }
        #expect(watch.stderr.isEmpty, "\(watch.stderr)")
        #expect(try WatchTests.count("gold.listing_turnover", in: lake) > before)
    }

    @Test func refreshesOnceWithRefreshesAndChosenViews() throws {
        let (lake, views) = try WatchTests.pipelineLake()
        defer { lake.remove() }
        let all = try WatchProcess(["watch", "--lake", lake.root.path, "--refreshes", "1"])
        defer { all.kill() }
        #expect(all.waitForExit(timeout: 60) == 0, "\(all.stderr)")
        #expect(WatchTests.refreshLines(all.stdout).count == views.count, "\(all.stdout)")

        // Bare names match within their schema; lines keep catalog order, not flag order.
        let two = try WatchProcess(["watch", "--lake", lake.root.path, "--refreshes", "1",
                                    "--views", "turnover_by_segment,gold.listing_turnover"])
        defer { two.kill() }
        #expect(two.waitForExit(timeout: 60) == 0, "\(two.stderr)")
        let names = WatchTests.refreshLines(two.stdout).map { WatchTests.fields($0).view }
        #expect(names == ["gold.listing_turnover", "gold.turnover_by_segment"], "\(two.stdout)")

        let unknown = try LakeSQLBinary.run(["watch", "--lake", lake.root.path, "--refreshes", "1", "--views", "gold.nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("gold.nope"))
    }

    @Test(arguments: [
        (["--every", "banana"], "--every"),
        (["--every", "0s"], "--every"),
        (["--refreshes", "0"], "--refreshes"),
        (["--views", ""], "--views"),
        (["--views", "gold.a,,gold.b"], "--views"),
        (["-c", "SELECT 1"], "-c"),
        (["--frobnicate"], "frobnicate"),
    ])
    func badFlagsExit64(arguments: [String], mention: String) throws {
        let r = try LakeSQLBinary.run(["watch", "--lake", "/nonexistent/lake"] + arguments)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(mention), "\(r.stderr)")
    }

    @Test func lakeWithoutMaterializedViewsExits1() throws {
        let (lake, generated) = try GenerateLake.generate(["--listings", "50", "--files", "1"])
        defer { lake.remove() }
        #expect(generated.status == 0)
        let r = try LakeSQLBinary.run(["watch", "--lake", lake.root.path, "--every", "100ms"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no materialized views"), "\(r.stderr)")
        #expect(r.stderr.contains("queries/03_gold.sql"), "\(r.stderr)")
    }

    @Test func failingRefreshPrintsOneErrorLineAndTheWatchGoesOn() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("bronze/strict")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{\"x\": 1}\n".utf8).write(to: folder.appendingPathComponent("a.json"))
        let setup = try LakeSQLBinary.run(["--lake", dir.path,
            "-c", "CREATE SCHEMA bronze", "-c", "CREATE SCHEMA gold",
            "-c", "CREATE TABLE bronze.strict (x INT) USING JSON OPTIONS (mode 'FAILFAST') LOCATION 'bronze/strict'",
            "-c", "CREATE MATERIALIZED VIEW gold.bad AS SELECT x FROM bronze.strict",
            "-c", "CREATE MATERIALIZED VIEW gold.good AS SELECT 42 AS answer"])
        #expect(setup.status == 0, "\(setup.stderr)")
        try Data("{\"x\": \"not a number\"}\n".utf8).write(to: folder.appendingPathComponent("b.json"))
        let watch = try WatchProcess(["watch", "--lake", dir.path, "--refreshes", "1"])
        defer { watch.kill() }
        #expect(watch.waitForExit(timeout: 60) == 1)
        let errors = watch.stderr.split(separator: "\n")
        #expect(errors.count == 1, "\(watch.stderr)")
        #expect(errors.first?.contains("gold.bad") == true && errors.first?.contains("Error:") == true, "\(watch.stderr)")
        #expect(errors.first?.contains("b.json") == true, "\(watch.stderr)")
        let lines = WatchTests.refreshLines(watch.stdout)
        #expect(lines.count == 1 && lines.first?.contains("gold.good") == true, "\(watch.stdout)")
    }

    @Test func viewsCreatedWhileWatchingJoinTheNextRound() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = dir.appendingPathComponent("bronze/feed")
        try FileManager.default.createDirectory(at: feed, withIntermediateDirectories: true)
        let setup = try LakeSQLBinary.run(["--lake", dir.path, "-c", "CREATE SCHEMA gold",
                                           "-c", "CREATE MATERIALIZED VIEW gold.one AS SELECT 1 AS x"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let watch = try WatchProcess(["watch", "--lake", dir.path, "--every", "100ms"])
        defer { watch.kill() }
        #expect(watch.waitForStdout(timeout: 60) { WatchTests.refreshLines($0).count >= 1 }, "\(watch.stderr)")
        let more = try LakeSQLBinary.run(["--lake", dir.path, "-c", "CREATE MATERIALIZED VIEW gold.two AS SELECT 2 AS x"])
        #expect(more.status == 0, "\(more.stderr)")
        try Data("{}\n".utf8).write(to: feed.appendingPathComponent("part-1.json"))
        let joined = watch.waitForStdout(timeout: 60) { $0.contains("gold.two ") && $0.hasSuffix("ms\n") }
        #expect(joined, "\(watch.stdout) \(watch.stderr)")
        watch.interrupt()
        #expect(watch.waitForExit(timeout: 30) == 0)
        let views = WatchTests.refreshLines(watch.stdout).map { WatchTests.fields($0).view }
        #expect(views == ["gold.one", "gold.one", "gold.two"], "\(watch.stdout)")
        #expect(watch.stdout.contains("Z  materialized views now: gold.one, gold.two\n"), "\(watch.stdout)")
    }

    @Test func missingLakeExits1WithoutCreatingIt() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("no-such-lake").path
        let r = try LakeSQLBinary.run(["watch", "--lake", lake])
        #expect(r.status == 1)
        #expect(r.stderr.contains("there is no lake at"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lake))
    }

    @Test func helpExplainsTheStreamingPipeline() throws {
        let r = try LakeSQLBinary.run(["watch", "--help"])
        #expect(r.status == 0)
        for text in ["--every", "--views", "--refreshes", "--lake", "generate --listings 0 --every 10s", "Ctrl-C"] {
            #expect(r.stdout.contains(text), "\(text)")
        }
    }
}

/// A `lakesql` process whose output is collected while it runs. Never outlives its test:
/// `kill()` (in a defer) ends it if it is still running.
final class WatchProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data(), err = Data()
    private let drained = DispatchSemaphore(value: 0)

    /// Starts `lakesql arguments`.
    init(_ arguments: [String]) throws {
        guard let url = LakeSQLBinary.url else { throw LakeSQLBinary.MissingBinary() }
        process.executableURL = url
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for (pipe, isError) in [(outPipe, false), (errPipe, true)] {
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async {
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    self.append(data, error: isError)
                }
                self.drained.signal()
            }
        }
    }

    private func append(_ data: Data, error: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if error { err.append(data) } else { out.append(data) }
    }

    /// Standard output so far.
    var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard error so far.
    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: err, as: UTF8.self)
    }

    /// Waits until `done(stdout)` holds; false on timeout or when the process ended first.
    func waitForStdout(timeout seconds: Double, _ done: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done(stdout) { return true }
            if !process.isRunning { return done(stdout) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Sends SIGINT.
    func interrupt() { process.interrupt() }

    /// Waits for the exit status; nil on timeout. Output written before the exit is collected.
    func waitForExit(timeout seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() >= deadline { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        // Both pipes reach their end once the process is gone: then all output is collected.
        for _ in 0..<2 { _ = drained.wait(timeout: .now() + 10) }
        return process.terminationStatus
    }

    /// Ends the process if it still runs.
    func kill() {
        if process.isRunning { process.terminate() }
    }
}
