import Diagnostics
import Engine
import Formats
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop of `lakesql watch`: a round of refreshes at start, then one whenever the
/// bronze folders change, until `--refreshes` rounds or Ctrl-C (checked between
/// refreshes; the refresh in progress always finishes).
struct WatchLoop {
    /// The run's settings.
    let settings: WatchSettings
    /// The session on the lake.
    let session: Session
    /// The views refreshed in the first round, each after the views it reads. Without `--views`, later
    /// rounds refresh the materialized views the lake has then.
    let views: [String]
    /// Where refresh lines go.
    let out: OutputSink
    /// Where errors and warnings go.
    let err: OutputSink

    /// Longest wait for the bronze folders to stop changing before a round starts anyway.
    static let maxSettleSteps = 10

    /// The folder whose files are watched.
    var bronze: String { PathText.join(settings.lake, "bronze") }

    /// Runs until done; returns the exit code (0, or 1 when a refresh of the last of
    /// `--refreshes` rounds failed).
    func run() -> Int32 {
        out.write(header())
        var seen = WatchSnapshot.take(bronze)
        var round = 0
        var current = views
        while true {
            if round > 0 { current = viewsNow(previous: current) }
            let failed = refreshRound(current)
            round += 1
            if Interrupt.pressed { return 0 }
            if let rounds = settings.rounds, round >= rounds { return failed ? 1 : 0 }
            guard let next = waitForChange(from: seen) else { return 0 }
            seen = next
        }
    }

    /// The lines saying what is watched.
    func header() -> String {
        let interval = settings.everyMillis % 1000 == 0 ? "\(settings.everyMillis / 1000)s" : "\(settings.everyMillis)ms"
        return "Watching \(bronze)/ every \(interval); refreshing \(views.joined(separator: ", ")). Ctrl-C to stop.\n"
    }

    /// The views of the next round: the chosen ones with `--views`, else the lake's
    /// materialized views now (created or dropped meanwhile by other sessions), with a
    /// line saying so when they changed.
    func viewsNow(previous: [String]) -> [String] {
        guard settings.views == nil, let found = try? WatchViews.materialized(in: session), found != previous else { return previous }
        out.write("\(WatchLoop.timestamp())  materialized views now: \(found.isEmpty ? "none" : found.joined(separator: ", "))\n")
        return found
    }

    /// Refreshes every view once, stopping early on Ctrl-C; true when one failed.
    func refreshRound(_ views: [String]) -> Bool {
        var failed = false
        let width = views.map(\.count).max() ?? 0
        for view in views {
            if Interrupt.pressed { break }
            if !refresh(view, width: width) { failed = true }
        }
        return failed
    }

    /// Refreshes one view and prints its line; false when it failed.
    func refresh(_ view: String, width: Int) -> Bool {
        let stamp = WatchLoop.timestamp()
        let name = view + String(repeating: " ", count: max(0, width - view.count))
        let clock = ContinuousClock()
        let started = clock.now
        let result: StatementResult
        do throws(SQLError) {
            result = try session.execute(WatchViews.refreshStatement(view))
        } catch {
            err.write(errorLine(error, view: name, stamp: stamp) + "\n")
            return false
        }
        let elapsed = clock.now - started
        let millis = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let status: String
        switch result {
        case let .status(text): status = text
        case let .rows(rows): status = "\(rows.rowCount) rows"
        }
        out.write("\(stamp)  \(name)  \(status)  \(millis) ms\n")
        for message in session.lastStatementMessages { err.write("\(stamp)  \(view)  Warning: \(message)\n") }
        return true
    }

    /// One line for a failed refresh, in the `--error-format` of the root command: in text,
    /// the time, the view (padded like refresh lines) and the rendered error, its notes
    /// on the same line.
    func errorLine(_ error: SQLError, view: String, stamp: String) -> String {
        switch settings.errorFormat {
        case .text:
            let text = ErrorRenderer.render(error)
            return "\(stamp)  \(view)  " + text.split(separator: "\n").map(String.init).joined(separator: "  ")
        case .json:
            let report = ErrorReport(error: error, sql: nil, file: nil, firstLine: 1, statementLine: 1).json
            var prefix = ByteBuffer()
            prefix.append("{\"time\":\"\(stamp)\",\"view\":")
            CellEncoding.json.appendString(view.trimmingBlanks(), to: &prefix)
            prefix.append(ascii: ",")
            return String(decoding: prefix.bytes, as: UTF8.self) + report.dropFirst()
        }
    }

    /// Polls the bronze folders every interval until they differ from `seen`, then until they
    /// stop changing; returns the new snapshot, or nil on Ctrl-C.
    func waitForChange(from seen: WatchSnapshot) -> WatchSnapshot? {
        while true {
            guard sleep(milliseconds: settings.everyMillis) else { return nil }
            var now = WatchSnapshot.take(bronze)
            guard now != seen else { continue }
            // A generator writes several files per tick: wait until a look finds nothing new.
            let settle = min(settings.everyMillis, 200)
            for _ in 0..<WatchLoop.maxSettleSteps {
                guard sleep(milliseconds: settle) else { return nil }
                let again = WatchSnapshot.take(bronze)
                if again == now { break }
                now = again
            }
            return now
        }
    }

    /// Sleeps in short steps; false when Ctrl-C was pressed.
    func sleep(milliseconds: Int) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(milliseconds)
        while clock.now < deadline {
            if Interrupt.pressed { return false }
            usleep(UInt32(min(20, max(1, milliseconds))) * 1000)
        }
        return !Interrupt.pressed
    }

    /// The current time in UTC, to the second: `2026-11-26T10:01:02Z`.
    static func timestamp() -> String {
        var now = time(nil)
        var t = tm()
        gmtime_r(&now, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z"
    }
}
