import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Planner

/// The progress line of long statements on a terminal: after about a second, stderr shows
/// files and bytes scanned, rows and elapsed time, redrawn a few times a second and erased
/// before the result prints. Nothing is shown when stderr is not a terminal.
final class ProgressLine: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let started = ContinuousClock.now
    private let lock = DispatchSemaphore(value: 1)
    private var shown = false
    private var stopped = false

    /// Starts watching; `nil` when stderr is not a terminal.
    static func start() -> ProgressLine? {
        guard isatty(2) == 1 else { return nil }
        return ProgressLine()
    }

    private init() {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + .milliseconds(1000), repeating: .milliseconds(250))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    private func draw() {
        lock.wait()
        defer { lock.signal() }
        if stopped { return }
        let p = ScanProgress.shared.snapshot
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var parts: [String] = []
        if p.filesTotal > 0 { parts.append("\(p.filesDone)/\(p.filesTotal) files") }
        if p.bytes > 0 { parts.append(ProgressLine.bytes(p.bytes)) }
        if p.rows > 0 { parts.append("\(p.rows) rows") }
        parts.append(FixedText.fixed(seconds, 1) + " s")
        let text = "\r\u{1B}[K" + parts.joined(separator: " · ") + "  (Ctrl-C cancels)"
        _ = text.withCString { write(2, $0, strlen($0)) }
        shown = true
    }

    /// Stops and erases the line.
    func stop() {
        timer.cancel()
        lock.wait()
        stopped = true
        if shown { _ = "\r\u{1B}[K".withCString { write(2, $0, strlen($0)) } }
        lock.signal()
    }

    static func bytes(_ n: Int) -> String {
        if n >= 1 << 30 { return FixedText.fixed(Double(n) / Double(1 << 30), 1) + " GB" }
        if n >= 1 << 20 { return FixedText.fixed(Double(n) / Double(1 << 20), 1) + " MB" }
        return FixedText.fixed(Double(n) / 1024, 0) + " KB"
    }
}
