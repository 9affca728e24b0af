import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Two pieces of work at once: `side` on another thread while `main` runs on this one,
/// for work that mostly waits (an fsync) or that is independent of what follows (a state
/// table written while the rows shown are computed). Both have finished when it returns;
/// `main`'s error wins over `side`'s.
package enum Alongside {
    /// The side job gets a thread of its own, started at once: a pool could make it wait
    /// for a busy or blocked worker (side jobs may nest, each waiting for its own).
    package static func run<T>(_ side: @escaping () throws(SQLError) -> Void, _ main: () throws(SQLError) -> T) throws(SQLError) -> T {
        let job = SideJob(side)
        let context = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let job = Unmanaged<SideJob>.fromOpaque(raw).takeRetainedValue()
            do throws(SQLError) { try job.body() } catch { job.error = error }
            return nil
        }, context)
        if started != 0 {
            // No thread to be had: the side job runs here first.
            let job = Unmanaged<SideJob>.fromOpaque(context).takeRetainedValue()
            do throws(SQLError) { try job.body() } catch { job.error = error }
        }
        let result: Result<T, SQLError>
        do throws(SQLError) { result = .success(try main()) } catch { result = .failure(error) }
        if started == 0 { pthread_join(thread, nil) }
        let value = try result.get()
        if let e = job.error { throw e }
        return value
    }
}

/// The side job and its error, written by its thread before it ends (read after the join).
private final class SideJob: @unchecked Sendable {
    let body: () throws(SQLError) -> Void
    var error: SQLError?
    init(_ body: @escaping () throws(SQLError) -> Void) { self.body = body }
}
