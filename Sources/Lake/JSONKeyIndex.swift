import Diagnostics
import Formats
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A key index of one newline-delimited bronze JSON file: for an integer column, the key of
/// each record and where its line starts, in file order. A scan looking for a few keys reads
/// just the lines holding them instead of the whole file.
///
/// Indexes live under `<lake>/_index/<column>/`, one file per data file, and belong to the
/// data file's path, size and modification time. They are a cache: a missing, stale or
/// damaged index is ignored (the data file is read whole, and indexed again).
///
/// Layout (little-endian): "LKIX", UInt32 version 2, Int64 size, Int64 mtime, Int64 count,
/// UInt64 checksum of what follows the header, Int64 smallest key, Int64 largest key, then
/// Int64 path length, the path's bytes (inside the lake when the file is in it), `count` keys, `count` line starts and `count` line
/// numbers (Int64 each).
package struct JSONKeyIndex {
    let base: UnsafeRawPointer
    let count: Int
    let keysAt: Int
    /// The smallest and largest key (nil when the file has none).
    package let range: ClosedRange<Int64>?

    static let magic: [UInt8] = Array("LKIX".utf8)
    static let version: UInt32 = 2
    static let headerSize = 56

    /// Where the index of `file` for `column` is kept.
    package static func path(lake: String, file: String, column: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // The column is part of the name: two columns may share a folder name.
        for b in column.lowercased().utf8 + [0] + name(of: file, in: lake).utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let safe = String(decoding: column.lowercased().utf8.map { b -> UInt8 in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) ? b : 0x5F
        }, as: UTF8.self)
        return "\(lake)/_index/\(safe)/\(String(h, radix: 16)).idx"
    }

    /// The name an index knows its data file by: the path inside the lake when the file is
    /// in it, so a lake copied or moved elsewhere keeps its indexes.
    static func name(of file: String, in lake: String) -> String {
        let prefix = lake.hasSuffix("/") ? lake : lake + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// The index of `file` (of `size` bytes, modified at `mtime`) for `column`, when one is
    /// kept and matches the file (its checksum too).
    /// With `keys`, an index whose key range holds none of them is returned without reading
    /// its keys (it names no lines).
    package static func load(lake: String, file: String, column: String, size: Int, mtime: Int, for keys: JSONKeyLookup? = nil) -> JSONKeyIndex? {
        open(lake: lake, file: file, column: column, size: size, mtime: mtime, verify: true, for: keys)
    }

    /// True when an index of `file` matching its size and time is kept (the header is
    /// checked, not the body).
    package static func isKept(lake: String, file: String, column: String, size: Int, mtime: Int) -> Bool {
        guard let index = open(lake: lake, file: file, column: column, size: size, mtime: mtime, verify: false) else { return false }
        index.release()
        return true
    }

    static func open(lake: String, file: String, column: String, size: Int, mtime: Int, verify: Bool, for keys: JSONKeyLookup? = nil) -> JSONKeyIndex? {
        let at = path(lake: lake, file: file, column: column)
        let fd = Glibc.open(at, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= headerSize + 8 else { return nil }
        let length = Int(st.st_size)
        let fileBytes = Array(name(of: file, in: lake).utf8)
        // Read into memory (no mapping: unmapping in a process with several threads costs
        // more than the copy): the header and the path first, the keys when needed.
        let head = min(length, headerSize + 8 + fileBytes.count)
        var m = UnsafeMutableRawPointer.allocate(byteCount: head, alignment: 16)
        func fill(_ from: Int, _ to: Int) -> Bool {
            var done = from
            while done < to {
                let n = pread(fd, m + done, to - done, off_t(done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        var p = UnsafeRawPointer(m)
        func int(_ o: Int) -> Int64 { Int64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: Int64.self)) }
        guard fill(0, head) else {
            m.deallocate()
            return nil
        }
        let count = Int(int(24))
        let pathLength = Int(int(headerSize))
        let keysAt = headerSize + 8 + max(pathLength, 0)
        guard (0..<4).allSatisfy({ p.load(fromByteOffset: $0, as: UInt8.self) == magic[$0] }),
              UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == version,
              int(8) == Int64(size), int(16) == Int64(mtime), count >= 0, pathLength == fileBytes.count,
              keysAt + count * 24 == length,
              fileBytes.indices.allSatisfy({ p.load(fromByteOffset: headerSize + 8 + $0, as: UInt8.self) == fileBytes[$0] })
        else {
            m.deallocate()
            return nil
        }
        let low = int(40), high = int(48)
        let range = count > 0 && low <= high ? low...high : nil
        // Not verified, or no wanted key in the file's range: the header is all it takes.
        if !verify || keys.map({ k in range.map { !k.meets($0) } ?? true }) == true {
            return JSONKeyIndex(base: p, count: 0, keysAt: keysAt, range: range)
        }
        // The keys are needed: room for the whole index, the header moved over.
        let whole = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 16)
        whole.copyMemory(from: m, byteCount: head)
        m.deallocate()
        m = whole
        p = UnsafeRawPointer(whole)
        guard fill(head, length),
              UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self)) == checksum(p + headerSize, length - headerSize)
        else {
            m.deallocate()
            return nil
        }
        return JSONKeyIndex(base: p, count: count, keysAt: keysAt, range: range)
    }

    /// Frees the index.
    package func release() { UnsafeMutableRawPointer(mutating: base).deallocate() }

    /// The lines holding any key of `keys`, in file order.
    package func lines(for keys: JSONKeyLookup) -> [JSONLineRef] {
        guard let range, keys.low <= keys.high, keys.low <= range.upperBound, range.lowerBound <= keys.high else { return [] }
        var out: [JSONLineRef] = []
        let k = base + keysAt
        for i in keys.matches(in: k, count: count) {
            let start = Int64(littleEndian: k.loadUnaligned(fromByteOffset: (count + i) * 8, as: Int64.self))
            let line = Int64(littleEndian: k.loadUnaligned(fromByteOffset: (2 * count + i) * 8, as: Int64.self))
            // The next record starts where this line ends at the latest.
            let end = i + 1 < count ? Int(Int64(littleEndian: k.loadUnaligned(fromByteOffset: (count + i + 1) * 8, as: Int64.self))) : nil
            out.append(JSONLineRef(start: Int(start), line: Int(line), end: end))
        }
        return out
    }

    /// Removes the indexes under `<lake>/_index/` whose data file is gone (or whose file
    /// cannot be read); returns how many. Indexes are a cache: this only frees space.
    @discardableResult
    package static func prune(lake: String) -> Int {
        var removed = 0
        let root = PathText.join(lake, "_index")
        for column in FileSystem.list(root) {
            let dir = PathText.join(root, column)
            for name in FileSystem.list(dir) where name.hasSuffix(".idx") {
                let at = PathText.join(dir, name)
                guard let file = dataFile(of: at) else { continue }
                let path = file.hasPrefix("/") ? file : PathText.join(lake, file)
                if !FileSystem.exists(path).exists {
                    FileSystem.remove(at)
                    removed += 1
                }
            }
        }
        return removed
    }

    /// The data file an index file names (as kept: inside the lake or absolute), from its
    /// header; nil when it is not an index of this version.
    static func dataFile(of at: String) -> String? {
        let fd = Glibc.open(at, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: headerSize + 8)
        guard head.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, $0.count, 0) }) == head.count,
              Array(head[0..<4]) == magic else { return nil }
        let version = head.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
        let length = head.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(fromByteOffset: headerSize, as: Int64.self))) }
        guard version == self.version, length > 0, length < 1 << 16 else { return nil }
        var name = [UInt8](repeating: 0, count: length)
        guard name.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, length, off_t(headerSize + 8)) }) == length else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// Keeps the index of `file` built from a whole read's offsets (written under a
    /// temporary name, then renamed; failures are ignored: it is a cache).
    package static func save(_ offsets: JSONKeyOffsets, lake: String, file: String, column: String, size: Int, mtime: Int) {
        let n = offsets.keys.count
        let fileBytes = Array(name(of: file, in: lake).utf8)
        var body = [UInt8]()
        body.reserveCapacity(8 + fileBytes.count + n * 24)
        withUnsafeBytes(of: Int64(fileBytes.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: fileBytes)
        #if _endian(big)
        let columns = [offsets.keys.map(\.littleEndian), offsets.starts.map { Int64($0).littleEndian }, offsets.lines.map { Int64($0).littleEndian }]
        #else
        let columns = [offsets.keys, offsets.starts.map(Int64.init), offsets.lines.map(Int64.init)]
        #endif
        for a in columns { a.withUnsafeBytes { body.append(contentsOf: $0) } }
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes.append(contentsOf: $0) }
        let sum = body.withUnsafeBytes { raw in raw.baseAddress.map { checksum($0, raw.count) } ?? 0 }
        let low = offsets.keys.min() ?? 1, high = offsets.keys.max() ?? 0
        for v in [Int64(size), Int64(mtime), Int64(n), Int64(bitPattern: sum), low, high] {
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
        }
        bytes += body
        let at = path(lake: lake, file: file, column: column)
        let dir = PathText.parent(at)
        guard (try? FileSystem.makeDirectory(dir)) != nil else { return }
        let tmp = PathText.join(dir, FileSystem.temporaryName(".idx"))
        let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var offset = 0
        var ok = true
        while offset < bytes.count {
            let w = bytes.withUnsafeBytes { write(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset) }
            if w < 0 {
                if errno == EINTR { continue }
                ok = false
                break
            }
            offset += w
        }
        close(fd)
        if !ok || rename(tmp, at) != 0 { unlink(tmp) }
    }

    /// A checksum of `count` bytes: four FNV-1a lanes over 8-byte words (independent, so
    /// they run side by side), folded together with the tail bytes.
    static func checksum(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var h0: UInt64 = 0xcbf2_9ce4_8422_2325, h1 = h0 ^ 1, h2 = h0 ^ 2, h3 = h0 ^ 3
        var i = 0
        while i + 32 <= count {
            h0 = (h0 ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
            h1 = (h1 ^ p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
            h2 = (h2 ^ p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
            h3 = (h3 ^ p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
            i += 32
        }
        var h = (((h0 &* prime) ^ h1) &* prime ^ h2) &* prime ^ h3
        while i < count {
            h = (h ^ UInt64(p.load(fromByteOffset: i, as: UInt8.self))) &* prime
            i += 1
        }
        return h
    }
}
