#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the command runs in.
enum Terminal {
    /// True when `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on `fd` (TIOCGWINSZ), nil when it is not a terminal.
    static func width(_ fd: Int32) -> Int? {
        guard isTerminal(fd) else { return nil }
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Makes Ctrl-C end the process with exit code 130 (the shell's code for SIGINT).
    static func exitOnInterrupt() {
        signal(SIGINT) { _ in _exit(130) }
    }
}

#if os(Linux)
/// glibc's `mallopt` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

extension Terminal {
    /// Keeps freed column buffers in the heap instead of returning them to the kernel:
    /// operators allocate many same-sized buffers per batch, and glibc's default of
    /// mmap-ing blocks over 128 KiB turns each into fresh page faults.
    static func tuneAllocator() {
        #if os(Linux)
        _ = glibcMallopt(-3, 256 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
        #endif
    }
}
