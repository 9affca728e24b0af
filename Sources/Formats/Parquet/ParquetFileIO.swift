import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and durable writes for Parquet files, through POSIX calls.
enum ParquetFileIO {
    /// Writes `bytes` to `path` (created or truncated), then fsyncs it.
    static func writeFile(_ bytes: [UInt8], to path: String) throws(SQLError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SQLError(.io, "\(path): cannot create file: \(errnoText())") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { p in Glibc.write(fd, p.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SQLError(.io, "\(path): write failed: \(errnoText())")
            }
            written += n
        }
        guard fsync(fd) == 0 else { throw SQLError(.io, "\(path): fsync failed: \(errnoText())") }
    }

    /// The whole content of `path`.
    static func readFile(_ path: String) throws(SQLError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SQLError(.io, "\(path): cannot open file: \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SQLError(.io, "\(path): cannot stat file: \(errnoText())") }
        let size = Int(st.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { p in read(fd, p.baseAddress.map { $0 + done }, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SQLError(.io, "\(path): read failed: \(errnoText())")
            }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeSubrange(done...) }
        return bytes
    }

    /// Size in bytes of the file at `path`.
    static func fileSize(_ path: String) throws(SQLError) -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw SQLError(.io, "\(path): cannot open file: \(errnoText())") }
        return Int(st.st_size)
    }

    /// Bytes `range` of the file at `path` (positioned reads; the rest of the file is not read).
    static func readRange(_ path: String, _ range: Range<Int>) throws(SQLError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SQLError(.io, "\(path): cannot open file: \(errnoText())") }
        defer { close(fd) }
        let size = range.count
        var failed: Int32 = 0
        var done = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while done < size {
                let n = pread(fd, buffer.baseAddress.map { $0 + done }, size - done, off_t(range.lowerBound + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        if failed != 0 {
            errno = failed
            throw SQLError(.io, "\(path): read failed: \(errnoText())")
        }
        guard done == size else { throw ParquetCorruption.error("file ends before byte \(range.upperBound)") }
        return bytes
    }

    static func errnoText() -> String {
        guard let s = strerror(errno) else { return "error \(errno)" }
        return String(cString: s)
    }
}
