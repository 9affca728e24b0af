import Synchronization

/// How far the running statement's file scans have got: the CLI shows it as a progress
/// line for long queries. One statement runs at a time per process, so one shared
/// instance serves; counters only grow until `reset()` at the next statement.
public final class ScanProgress: Sendable {
    /// The process's progress counters.
    public static let shared = ScanProgress()

    let filesTotal = Atomic<Int>(0)
    let filesDone = Atomic<Int>(0)
    let bytesDone = Atomic<Int>(0)
    let rowsDone = Atomic<Int>(0)

    /// Creates counters at zero.
    public init() {}

    /// Zeroes every counter (a new statement starts).
    public func reset() {
        filesTotal.store(0, ordering: .relaxed)
        filesDone.store(0, ordering: .relaxed)
        bytesDone.store(0, ordering: .relaxed)
        rowsDone.store(0, ordering: .relaxed)
    }

    /// A scan will read `files` more files.
    public func planned(files: Int) { filesTotal.add(files, ordering: .relaxed) }

    /// A file was read: its bytes and rows.
    public func finished(bytes: Int, rows: Int) {
        filesDone.add(1, ordering: .relaxed)
        bytesDone.add(bytes, ordering: .relaxed)
        rowsDone.add(rows, ordering: .relaxed)
    }

    /// The counters now.
    public var snapshot: (filesDone: Int, filesTotal: Int, bytes: Int, rows: Int) {
        (filesDone.load(ordering: .relaxed), filesTotal.load(ordering: .relaxed),
         bytesDone.load(ordering: .relaxed), rowsDone.load(ordering: .relaxed))
    }
}
