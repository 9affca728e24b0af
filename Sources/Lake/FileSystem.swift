import Diagnostics
import Formats
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// File operations the lake needs, with the durability steps spelled out:
/// write to a temporary name, fsync, then rename (or link, to refuse overwriting).
package enum FileSystem {
    /// A name no other writer will pick: `.tmp-<pid>-<random>`.
    package static func temporaryName(_ suffix: String = "") -> String {
        ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))\(suffix)"
    }

    /// Writes `bytes` to `path` and flushes them to disk.
    package static func writeDurably(_ bytes: [UInt8], to path: String) throws(SQLError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ioError("cannot create \(path)") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot write \(path)")
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw ioError("cannot flush \(path)") }
    }

    /// Atomically replaces `path` with `bytes` (temporary file in the same folder, then rename).
    package static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(SQLError) {
        let dir = PathText.parent(path)
        let tmp = PathText.join(dir, temporaryName())
        try writeDurably(bytes, to: tmp)
        guard rename(tmp, path) == 0 else {
            let e = ioError("cannot rename \(tmp) to \(path)")
            unlink(tmp)
            throw e
        }
        syncDirectory(dir)
    }

    /// Creates `path` with `bytes` only if it does not exist yet (temporary file, then link):
    /// returns false when another writer got there first. `before`, when given, runs while
    /// the temporary file is written and flushed, and has finished before the link (so a
    /// folder it flushes is durable before the new file appears).
    package static func createExclusively(_ path: String, with bytes: [UInt8], before: (() throws(SQLError) -> Void)? = nil) throws(SQLError) -> Bool {
        let dir = PathText.parent(path)
        let tmp = PathText.join(dir, temporaryName())
        if let before {
            do throws(SQLError) {
                try Alongside.run(before, { () throws(SQLError) in try writeDurably(bytes, to: tmp) })
            } catch {
                unlink(tmp)
                throw error
            }
        } else {
            try writeDurably(bytes, to: tmp)
        }
        defer { unlink(tmp) }
        if link(tmp, path) != 0 {
            if errno == EEXIST { return false }
            throw ioError("cannot create \(path)")
        }
        syncDirectory(dir)
        return true
    }

    /// Moves a finished file into place (replacing what is there) and flushes the folder.
    package static func moveIntoPlace(_ from: String, to path: String) throws(SQLError) {
        guard Glibc.rename(from, path) == 0 else { throw ioError("cannot rename \(from) to \(path)") }
        syncDirectory(PathText.parent(path))
    }

    /// Flushes a written file's bytes to disk (through a descriptor of its own: Linux
    /// reports to it a write-back failure nobody has seen yet).
    package static func syncFile(_ path: String) throws(SQLError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ioError("cannot open \(path) to flush it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ioError("cannot flush \(path)") }
    }

    /// Flushes a folder's entries, failing when the folder cannot be flushed.
    package static func syncDirectoryChecked(_ dir: String) throws(SQLError) {
        let fd = open(dir, O_RDONLY)
        guard fd >= 0 else { throw ioError("cannot open folder \(dir) to flush it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ioError("cannot flush folder \(dir)") }
    }

    /// Flushes a folder's entries (so a rename survives a crash).
    package static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    /// Creates a folder and its parents.
    package static func makeDirectory(_ path: String) throws(SQLError) {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return }
        // Parents first, then this folder (one made meanwhile by another process is fine).
        let parent = PathText.parent(path)
        if !parent.isEmpty, parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST || !(stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR) {
            throw SQLError(.io, "cannot create folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Names in a folder (empty when it does not exist).
    package static func list(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// True when `path` exists; `isDirectory` tells which kind.
    package static func exists(_ path: String) -> (exists: Bool, isDirectory: Bool) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (false, false) }
        return (true, (st.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Size and modification time (nanoseconds) of a file.
    package static func info(_ path: String) -> (size: Int, mtime: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
    }

    /// Reads a whole file.
    package static func read(_ path: String) throws(SQLError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ioError("cannot read \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ioError("cannot read \(path)") }
        let size = Int(st.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, n in
            n = 0
            while n < size, let base = buffer.baseAddress {
                let got = Glibc.read(fd, base + n, size - n)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                if got == 0 { break }
                n += got
            }
        }
        guard !failed else { throw ioError("cannot read \(path)") }
        return bytes
    }

    /// Removes a file or folder tree; missing is fine.
    package static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// An `.io` error carrying the C library's reason.
    package static func ioError(_ what: String) -> SQLError {
        SQLError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}

/// An exclusive lock on a file (flock), held while a table is written, so two processes
/// never write one table at once. Released on deinit or when the process dies.
package final class FileLock {
    let fd: Int32

    package init(_ path: String) throws(SQLError) {
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw FileSystem.ioError("cannot open lock \(path)") }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                throw FileSystem.ioError("cannot lock \(path)")
            }
        }
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
