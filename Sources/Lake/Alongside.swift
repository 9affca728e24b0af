import Diagnostics
import Dispatch

/// Two pieces of work at once: `side` on another thread while `main` runs on this one,
/// for work that mostly waits (an fsync) or that is independent of what follows (a state
/// table written while the rows shown are computed). Both have finished when it returns;
/// `main`'s error wins over `side`'s.
package enum Alongside {
    /// Threads for side work: a queue of its own, so a side job starts at once instead of
    /// waiting for a busy shared pool.
    static let queue = DispatchQueue(label: "lakesql.alongside", attributes: .concurrent)

    package static func run<T>(_ side: @escaping () throws(SQLError) -> Void, _ main: () throws(SQLError) -> T) throws(SQLError) -> T {
        let done = DispatchSemaphore(value: 0)
        let failure = SideFailure()
        let job = UncheckedJob(side)
        queue.async {
            do throws(SQLError) { try job.body() } catch { failure.error = error }
            done.signal()
        }
        let result: Result<T, SQLError>
        do throws(SQLError) { result = .success(try main()) } catch { result = .failure(error) }
        done.wait()
        let value = try result.get()
        if let e = failure.error { throw e }
        return value
    }
}

/// The side job's error, written by its thread before it signals (read after the wait).
private final class SideFailure: @unchecked Sendable {
    var error: SQLError?
}

/// A closure handed to the side thread; `Alongside.run` waits for it before returning.
private struct UncheckedJob: @unchecked Sendable {
    let body: () throws(SQLError) -> Void
    init(_ body: @escaping () throws(SQLError) -> Void) { self.body = body }
}
