#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where printed bytes go: a file descriptor written with large `write(2)` calls,
/// or memory (tests). Printers hand it whole buffers, never single rows.
final class OutputSink {
    /// Target descriptor; nil collects into `collected`.
    let fd: Int32?
    /// Everything written, when `fd` is nil.
    private(set) var collected: [UInt8] = []
    /// Set when a write to `fd` failed (closed pipe, full disk): later writes are dropped.
    private(set) var failed = false

    /// Close `fd` in `close()` (files opened for `-o` and `.output`).
    private var ownsDescriptor = false

    /// A sink writing to `fd`.
    init(fd: Int32) { self.fd = fd }

    /// A sink writing to a new or truncated file at `path`.
    init(path: String) throws(ScriptReader.Failure) {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw ScriptReader.Failure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        fd = opened
        ownsDescriptor = true
    }

    /// Closes the file this sink opened; later writes are dropped.
    func close() {
        guard ownsDescriptor, let fd else { return }
        _ = systemClose(fd)
        ownsDescriptor = false
        failed = true
    }

    /// A sink collecting into memory.
    init() { fd = nil }

    /// The standard output sink.
    static func standardOutput() -> OutputSink { OutputSink(fd: 1) }

    /// Collected bytes as text (tests).
    var text: String { String(decoding: collected, as: UTF8.self) }

    /// Writes the buffer's bytes and empties it.
    func write(_ buffer: inout ByteBuffer) {
        write(buffer.bytes)
        buffer.removeAll()
    }

    /// Writes a string.
    func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes raw bytes.
    func write(_ bytes: [UInt8]) {
        guard let fd else {
            collected.append(contentsOf: bytes)
            return
        }
        if failed || bytes.isEmpty { return }
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = systemWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                done += n
            }
        }
    }
}

/// `write(2)` under one name on every platform.
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}

/// `close(2)` under one name on every platform.
private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}
