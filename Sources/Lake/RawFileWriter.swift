import CFileSync
import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Writes a new file from pieces without first gathering them in memory: small pieces are
/// staged in a buffer, large ones go to the file straight from where they are. `finish`
/// writes what is staged, fsyncs and closes; a failure removes the partial file.
final class RawFileWriter {
    let path: String
    private let fd: Int32
    private var staged: [UInt8] = []
    private var finished = false
    private var isOpen = true
    /// Bytes written so far (staged ones included).
    private(set) var count = 0
    /// Pieces at least this long are written without staging.
    static let direct = 64 << 10
    /// Written bytes handed to the disk at a time (without waiting), so the closing fsync
    /// of a large file waits for its last ones only.
    static let writeBehind = 4 << 20
    private var flushedTo = 0
    private var written = 0

    init(path: String) throws(SQLError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            isOpen = false
            finished = true
            throw FileSystem.ioError("cannot create \(path)")
        }
        staged.reserveCapacity(RawFileWriter.direct)
    }

    deinit {
        // A writer dropped before `finish()` failed part way: its file goes.
        if isOpen { close(fd) }
        if !finished { unlink(path) }
    }

    /// Appends `bytes`.
    func put(_ bytes: UnsafeRawBufferPointer) throws(SQLError) {
        count += bytes.count
        if staged.count + bytes.count <= RawFileWriter.direct {
            staged.append(contentsOf: bytes)
            return
        }
        try flush()
        if bytes.count < RawFileWriter.direct {
            staged.append(contentsOf: bytes)
        } else {
            try send(bytes)
        }
    }

    /// Appends the bytes of `a`'s first `count` elements (all when nil), as they are in memory.
    func put<T>(bytesOf a: [T], count: Int? = nil) throws(SQLError) {
        var failure: SQLError?
        a.withUnsafeBytes { p in
            do throws(SQLError) { try put(UnsafeRawBufferPointer(rebasing: p.prefix((count ?? a.count) * MemoryLayout<T>.stride))) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends one 8-byte little-endian word.
    func put(_ v: UInt64) throws(SQLError) {
        try withUnsafeBytes(of: v.littleEndian) { (p) throws(SQLError) in try put(p) }
    }

    /// Appends `count` zero bytes.
    func zeros(_ count: Int) throws(SQLError) {
        try put(bytesOf: [UInt8](repeating: 0, count: count))
    }

    private func flush() throws(SQLError) {
        guard !staged.isEmpty else { return }
        let s = staged
        var failure: SQLError?
        s.withUnsafeBytes { p in
            do throws(SQLError) { try send(p) } catch { failure = error }
        }
        if let failure { throw failure }
        staged.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: UnsafeRawBufferPointer) throws(SQLError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            // (large pieces in slices, each handed to the disk once written)
            let n = write(fd, base + done, min(bytes.count - done, RawFileWriter.writeBehind))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystem.ioError("cannot write \(path)")
            }
            done += n
            written += n
            if written - flushedTo >= RawFileWriter.writeBehind {
                _ = lakesql_start_writeback(fd, Int64(flushedTo), Int64(written - flushedTo))
                flushedTo = written
            }
        }
    }

    /// Writes what is staged, flushes the file to disk (when `sync`) and closes it;
    /// returns its size.
    func finish(sync: Bool) throws(SQLError) -> Int {
        try flush()
        let synced = !sync || fsync(fd) == 0
        let text = synced ? "" : String(cString: strerror(errno))
        let closed = close(fd) == 0
        isOpen = false
        finished = synced && closed
        guard finished else { throw SQLError(.io, "cannot flush \(path): \(text)") }
        return count
    }
}
