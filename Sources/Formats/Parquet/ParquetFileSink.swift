import CFileSync
import Diagnostics
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written in the background: bytes handed over are written in order by one
/// serial queue while the caller goes on encoding; `close()` waits for them, fsyncs and
/// closes. The first failure is kept and reported by `close()`.
final class ParquetFileSink: Sendable {
    /// The file's path.
    let path: String
    private let fd: Int32
    private let queue = DispatchQueue(label: "lakesql.parquet.sink")
    private let failure = Mutex<SQLError?>(nil)
    private let closed = Atomic<Bool>(false)
    /// Bytes written, and how far the disk was asked to start writing them (used only on
    /// `queue`).
    private let progress = Mutex<(written: Int, flushing: Int)>((0, 0))
    /// Written bytes handed to the disk at a time, so `close()`'s fsync waits for the last
    /// ones only instead of the whole file.
    static let writeBehind = 8 << 20

    /// Creates (or truncates) `path`.
    init(path: String) throws(SQLError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SQLError(.io, "\(path): cannot open file: \(ParquetFileIO.errnoText())") }
    }

    deinit {
        if !closed.load(ordering: .relaxed) { _ = Glibc.close(fd) }
    }

    /// Queues `bytes` to be written after everything queued before.
    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        queue.async {
            guard self.failure.withLock({ $0 == nil }) else { return }
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { p in Glibc.write(self.fd, p.baseAddress.map { $0 + written }, bytes.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let e = SQLError(.io, "\(self.path): write failed: \(ParquetFileIO.errnoText())")
                    self.failure.withLock { $0 = e }
                    return
                }
                written += n
            }
            self.startWriteback(adding: written)
        }
    }

    /// Asks the kernel to start writing what was written since the last request, once
    /// `writeBehind` bytes have gathered (it does not wait for the disk).
    private func startWriteback(adding count: Int) {
        let (from, to) = progress.withLock { p -> (Int, Int) in
            p.written += count
            guard p.written - p.flushing >= ParquetFileSink.writeBehind else { return (0, 0) }
            defer { p.flushing = p.written }
            return (p.flushing, p.written)
        }
        if to > from { _ = lakesql_start_writeback(fd, Int64(from), Int64(to - from)) }
    }

    /// Waits for queued writes, fsyncs (unless `sync` is false: the caller flushes the
    /// file later) and closes the file; throws the first failure.
    func close(sync: Bool = true) throws(SQLError) {
        queue.sync {}
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        let synced = !sync || fsync(fd) == 0
        let text = synced ? "" : ParquetFileIO.errnoText()
        _ = Glibc.close(fd)
        if let e = failure.withLock({ $0 }) { throw e }
        guard synced else { throw SQLError(.io, "\(path): fsync failed: \(text)") }
    }
}
