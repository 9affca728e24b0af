import Diagnostics
import Dispatch
import Synchronization

/// Runs independent pieces of encoding work on every core. Workers take the next index
/// from a shared counter; results are returned in index order, so what a caller builds
/// from them does not depend on which thread did what.
enum ParquetParallel {
    private final class Shared<T: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let results: Mutex<[Int: Result<T, SQLError>]>
        init(count: Int) { results = Mutex(Dictionary(minimumCapacity: count)) }
    }

    /// `body(i)` for `i` in `0..<count`, in index order; the first error (by index) is thrown.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) throws(SQLError) -> T) throws(SQLError) -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            var out: [T] = []
            out.reserveCapacity(count)
            for i in 0..<count { out.append(try body(i)) }
            return out
        }
        let shared = Shared<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                let result: Result<T, SQLError>
                do throws(SQLError) { result = .success(try body(i)) } catch { result = .failure(error) }
                shared.results.withLock { $0[i] = result }
            }
        }
        let results = shared.results.withLock { $0 }
        var out: [T] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            switch results[i] {
            case let .success(v)?: out.append(v)
            case let .failure(e)?: throw e
            case nil: throw SQLError(.internal, "parquet encoding task \(i) did not run")
            }
        }
        return out
    }
}
