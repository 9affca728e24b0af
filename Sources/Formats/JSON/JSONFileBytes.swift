#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import Diagnostics

/// The bytes of one file in memory: mapped (large files), read into a buffer (small
/// files), or decompressed (`.gz`, through zlib, multi-member streams included).
/// `release()` must be called once when done.
struct JSONFileBytes {
    /// The file's bytes.
    let buffer: UnsafeRawBufferPointer
    /// True when `buffer` is an `mmap`ping (else it was allocated).
    let mapped: Bool

    /// Files at least this large are mapped instead of read.
    static let mapThreshold = 1 << 16

    /// Loads `path`; `.gz` files are decompressed unless `allowGzip` is false. `scattered`:
    /// only a few places of the file will be read (no read-ahead of a mapping).
    static func load(path: String, allowGzip: Bool = true, scattered: Bool = false) throws(SQLError) -> JSONFileBytes {
        let raw = try loadRaw(path: path, scattered: scattered)
        guard path.hasSuffix(".gz") else { return raw }
        defer { raw.release() }
        guard allowGzip else { throw SQLError(.unsupported, "cannot read byte ranges of compressed file \(path)") }
        return try gunzip(raw.buffer, path: path)
    }

    static func failure(_ path: String) -> SQLError {
        SQLError(.io, "cannot read \(path): \(String(cString: strerror(errno)))")
    }

    static func loadRaw(path: String, scattered: Bool = false) throws(SQLError) -> JSONFileBytes {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw failure(path) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw failure(path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw SQLError(.io, "cannot read \(path): is a directory") }
        let size = Int(st.st_size)
        if size == 0 { return JSONFileBytes(buffer: UnsafeRawBufferPointer(start: nil, count: 0), mapped: false) }
        if size >= mapThreshold || scattered {
            let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            if let m, m != MAP_FAILED {
                _ = madvise(m, size, scattered ? MADV_RANDOM : MADV_SEQUENTIAL)
                return JSONFileBytes(buffer: UnsafeRawBufferPointer(start: m, count: size), mapped: true)
            }
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var done = 0
        while done < size {
            let n = Glibc.read(fd, memory + done, size - done)
            if n < 0 {
                if errno == EINTR { continue }
                memory.deallocate()
                throw failure(path)
            }
            if n == 0 { break }
            done += n
        }
        return JSONFileBytes(buffer: UnsafeRawBufferPointer(start: memory, count: done), mapped: false)
    }

    /// Frees or unmaps the bytes.
    func release() {
        guard let base = buffer.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}
