import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C in `lakesql generate`: the handler only raises a flag; the generator finishes
/// the file it is writing, prints its summary and exits 0.
enum GenerateInterrupt {
    /// Set by SIGINT.
    static let flag = Atomic<Bool>(false)

    /// Installs the handler (touching the flag first, so the handler never initialises it).
    static func install() {
        flag.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in GenerateInterrupt.flag.store(true, ordering: .relaxed) }
    }

    /// True once Ctrl-C was pressed.
    static var raised: Bool { flag.load(ordering: .relaxed) }
}
