import Diagnostics
import Dispatch
import Synchronization

/// Background encoding of row groups: the writer hands over each full row group's column
/// chunks as jobs and goes on taking rows, while up to `threads` workers encode them; a
/// writer waiting for a row group runs queued jobs itself.
/// Jobs run in the order they were submitted (oldest row group first); the writer lays
/// finished chunks out in row-group and column order, so the file's bytes do not depend
/// on which thread encoded what.
final class ParquetEncodePipeline: Sendable {
    /// One unit of work.
    typealias Job = @Sendable () -> Void

    private struct Queue {
        var jobs: [Job?] = []
        var head = 0
        var running = 0
    }

    private let queue = Mutex(Queue())
    /// Most jobs running at once.
    let threads: Int

    /// A pipeline running at most `threads` jobs at a time.
    init(threads: Int) { self.threads = max(1, threads) }

    /// Queues `job`, starting a worker when fewer than `threads` are busy.
    func submit(_ job: @escaping Job) {
        let startWorker = queue.withLock { q -> Bool in
            q.jobs.append(job)
            guard q.running < threads else { return false }
            q.running += 1
            return true
        }
        if startWorker { DispatchQueue.global().async { self.work() } }
    }

    /// Runs the oldest queued job on the calling thread (a caller that would otherwise
    /// wait helps instead); false when none is queued.
    func runOne() -> Bool {
        let next = queue.withLock { q -> Job? in
            guard q.head < q.jobs.count else { return nil }
            let job = q.jobs[q.head]
            q.jobs[q.head] = nil
            q.head += 1
            return job
        }
        guard let next else { return false }
        next()
        return true
    }

    /// Runs queued jobs until none is left.
    private func work() {
        while true {
            let next = queue.withLock { q -> Job? in
                guard q.head < q.jobs.count else {
                    q.jobs.removeAll(keepingCapacity: true)
                    q.head = 0
                    q.running -= 1
                    return nil
                }
                let job = q.jobs[q.head]
                q.jobs[q.head] = nil
                q.head += 1
                return job
            }
            guard let next else { return }
            next()
        }
    }
}

/// The column chunks of one row group being encoded: one slot per top-level column,
/// filled by whichever worker encodes it.
final class ParquetPendingRowGroup: Sendable {
    /// Rows in the group.
    let rows: Int
    private let slots: Mutex<[Result<[ParquetEncodedChunk], SQLError>?]>
    private let done = DispatchGroup()

    /// A group of `rows` rows whose `columns` chunks are yet to be encoded.
    init(rows: Int, columns: Int) {
        self.rows = rows
        slots = Mutex([Result<[ParquetEncodedChunk], SQLError>?](repeating: nil, count: columns))
    }

    /// Marks column `k` as submitted (call before the job that fills it is queued).
    func expect() { done.enter() }

    /// Stores the outcome of column `k`.
    func fill(_ k: Int, _ result: Result<[ParquetEncodedChunk], SQLError>) {
        slots.withLock { $0[k] = result }
        done.leave()
    }

    /// True when every column is encoded.
    var isDone: Bool { done.wait(timeout: .now()) == .success }

    /// Waits for every column; returns the chunks in column order, or the first error in that order.
    func wait() throws(SQLError) -> [ParquetEncodedChunk] {
        done.wait()
        let results = slots.withLock { $0 }
        var out: [ParquetEncodedChunk] = []
        for (k, r) in results.enumerated() {
            switch r {
            case let .success(chunks)?: out.append(contentsOf: chunks)
            case let .failure(e)?: throw e
            case nil: throw SQLError(.internal, "parquet column \(k) was never encoded")
            }
        }
        return out
    }
}

/// One encoded column chunk; its page offsets count from the chunk's first byte.
struct ParquetEncodedChunk: Sendable {
    /// Pages, dictionary first.
    var bytes: [UInt8]
    /// Metadata with chunk-relative offsets.
    var meta: ParquetColumnMetaData
}
