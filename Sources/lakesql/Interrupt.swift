import Engine
import Execution
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling shared by the SIGINT handler and the main thread.
///
/// While a statement runs, the first Ctrl-C sets the session's cancellation flag
/// (operators check it between batches and stop with `SQLError(.cancelled)`); a second
/// Ctrl-C before the statement ends exits at once with 130. At the REPL prompt a
/// Ctrl-C is only counted: the line editor sees the count and clears the line.
enum Interrupt {
    /// Ctrl-C presses since the last `reset()`.
    static let presses = Atomic<Int>(0)
    /// True while a statement runs (the handler cancels instead of just counting).
    static let running = Atomic<Bool>(false)
    /// The flag the handler sets. Written on the main thread only while no statement runs.
    nonisolated(unsafe) static var target: CancellationFlag?

    /// Installs the SIGINT handler; `flag` is the running session's cancellation flag.
    static func install(cancelling flag: CancellationFlag) {
        target = flag
        signal(SIGINT) { _ in
            let n = Interrupt.presses.wrappingAdd(1, ordering: .relaxed).newValue
            guard Interrupt.running.load(ordering: .relaxed) else { return }
            if n >= 2 { _exit(130) }
            Interrupt.target?.cancel()
        }
        // A parent may start us with SIGINT blocked (the mask is inherited): unblock it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// Forgets earlier presses.
    static func reset() { presses.store(0, ordering: .relaxed) }

    /// True when Ctrl-C was pressed since the last `reset()`.
    static var pressed: Bool { presses.load(ordering: .relaxed) > 0 }

    /// Runs `body` as a statement: Ctrl-C cancels it. Presses during it stay counted.
    static func whileRunning<T>(_ body: () -> T) -> T {
        running.store(true, ordering: .relaxed)
        defer { running.store(false, ordering: .relaxed) }
        return body()
    }
}
