import Diagnostics
import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Writes the files of one feed on up to two threads: each worker takes the next file
/// number, fills its own buffer and writes the file; results come back in file order,
/// so the output does not depend on which thread wrote what.
enum GenerateParallel {
    /// State shared by the workers.
    private final class Shared<T: Sendable>: Sendable {
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: Result<T, SQLError>]>([:])
    }

    /// Runs `body(file, buffer)` for files `0..<count`; returns the results of the files
    /// done (all of them unless Ctrl-C stopped the workers) in file order, or rethrows the first error.
    static func run<T: Sendable>(count: Int, threads: Int = 2,
                                 _ body: @Sendable (Int, GenerateBuffer) throws(SQLError) -> T) throws(SQLError) -> [T] {
        let shared = Shared<T>()
        let workers = max(1, min(threads, count, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let buffer = GenerateBuffer(capacity: 1 << 22)
            while !GenerateInterrupt.raised {
                let file = shared.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard file < count else { return }
                buffer.removeAll()
                let result: Result<T, SQLError>
                do throws(SQLError) {
                    result = .success(try body(file, buffer))
                } catch {
                    result = .failure(error)
                }
                shared.results.withLock { $0[file] = result }
                if case .failure = result { return }
            }
        }
        let results = shared.results.withLock { $0 }
        var out: [T] = []
        for file in 0..<count {
            guard let result = results[file] else { continue }
            switch result {
            case let .success(value): out.append(value)
            case let .failure(error): throw error
            }
        }
        return out
    }
}
