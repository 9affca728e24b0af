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
/// Layout (little-endian): "LKIX", UInt32 version 3, Int64 size, Int64 mtime, Int64 count,
/// UInt64 checksum of what follows the header, Int64 smallest key, Int64 largest key, then
/// Int64 path length and the path's bytes (inside the lake when the file is in it); UInt32
/// key width and UInt32 start width (4 or 8 bytes each), UInt32 flags (1: the keys ascend,
/// so a few are found by binary search), UInt32 0, Int64 count of line exceptions; the
/// `count` keys (as offsets from the smallest key when 4 bytes wide), the `count` line
/// starts, and the exceptions: (Int64 record, Int64 line) for each record whose line is not
/// the one after the previous record's (blank lines and bad records between them).
package struct JSONKeyIndex {
    let base: UnsafeRawPointer
    let count: Int
    let keysAt: Int
    let keyWidth: Int
    let startWidth: Int
    let exceptionCount: Int
    /// True when the keys ascend in file order (ids written in order).
    let ascending: Bool
    /// The smallest and largest key (nil when the file has none).
    package let range: ClosedRange<Int64>?

    static let magic: [UInt8] = Array("LKIX".utf8)
    static let version: UInt32 = 3
    static let headerSize = 56
    /// The widths, flags and exception count after the path.
    static let formatSize = 24

    var startsAt: Int { keysAt + count * keyWidth }
    var exceptionsAt: Int { startsAt + count * startWidth }

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
        // more than the copy): the header, the path and the widths first, the keys when needed.
        let head = min(length, headerSize + 8 + fileBytes.count + formatSize)
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
        func uint32(_ o: Int) -> Int { Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self))) }
        guard fill(0, head), head == headerSize + 8 + fileBytes.count + formatSize else {
            m.deallocate()
            return nil
        }
        let count = Int(int(24))
        let pathLength = Int(int(headerSize))
        let formatAt = headerSize + 8 + max(pathLength, 0)
        let low = int(40), high = int(48)
        guard (0..<4).allSatisfy({ p.load(fromByteOffset: $0, as: UInt8.self) == magic[$0] }),
              UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) == version,
              int(8) == Int64(size), int(16) == Int64(mtime), count >= 0, pathLength == fileBytes.count,
              fileBytes.indices.allSatisfy({ p.load(fromByteOffset: headerSize + 8 + $0, as: UInt8.self) == fileBytes[$0] })
        else {
            m.deallocate()
            return nil
        }
        let keyWidth = uint32(formatAt), startWidth = uint32(formatAt + 4), flags = uint32(formatAt + 8)
        let exceptions = Int(int(formatAt + 16))
        let keysAt = formatAt + formatSize
        // (counts bounded by the file's length first, so the sizes below cannot overflow)
        guard count <= length, [4, 8].contains(keyWidth), [4, 8].contains(startWidth), flags <= 1, exceptions >= 0, exceptions <= count,
              keysAt + count * (keyWidth + startWidth) + exceptions * 16 == length
        else {
            m.deallocate()
            return nil
        }
        let range = count > 0 && low <= high ? low...high : nil
        // Not verified, or no wanted key in the file's range: the header is all it takes.
        if !verify || keys.map({ k in range.map { !k.meets($0) } ?? true }) == true {
            return JSONKeyIndex(base: p, count: 0, keysAt: keysAt, keyWidth: keyWidth, startWidth: startWidth, exceptionCount: 0, ascending: false, range: range)
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
        return JSONKeyIndex(base: p, count: count, keysAt: keysAt, keyWidth: keyWidth, startWidth: startWidth, exceptionCount: exceptions,
                            ascending: flags & 1 != 0, range: range)
    }

    /// Frees the index.
    package func release() { UnsafeMutableRawPointer(mutating: base).deallocate() }

    /// Where record `i`'s line starts.
    @inline(__always)
    func start(_ i: Int) -> Int {
        let at = startsAt + i * startWidth
        if startWidth == 4 { return Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        return Int(Int64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: Int64.self)))
    }

    /// Record `i`'s key.
    @inline(__always)
    func key(_ i: Int) -> Int64 {
        if keyWidth == 4 {
            return (range?.lowerBound ?? 0) &+ Int64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: keysAt + i * 4, as: UInt32.self)))
        }
        return Int64(littleEndian: base.loadUnaligned(fromByteOffset: keysAt + i * 8, as: Int64.self))
    }

    /// The records holding a key of `keys` (in `range`), ascending, when the index's keys ascend.
    func ascendingPositions(of keys: JSONKeyLookup, in range: ClosedRange<Int64>) -> [Int] {
        var out: [Int] = []
        var from = 0
        keys.forEach(in: range) { k in
            var a = from, b = count
            while a < b {
                let mid = (a + b) >> 1
                if key(mid) < k { a = mid + 1 } else { b = mid }
            }
            from = a
            while a < count, key(a) == k {
                out.append(a)
                a += 1
            }
        }
        return out
    }

    /// The lines holding any key of `keys`, in file order.
    package func lines(for keys: JSONKeyLookup) -> [JSONLineRef] {
        guard let range, keys.low <= keys.high, keys.low <= range.upperBound, range.lowerBound <= keys.high else { return [] }
        var out: [JSONLineRef] = []
        let positions: [Int]
        if ascending, keys.count(in: range) * 32 < count {
            // A few keys: each found by binary search.
            positions = ascendingPositions(of: keys, in: range)
        } else if keyWidth == 4 {
            positions = keys.matches(inOffsets: base + keysAt, count: count, from: range.lowerBound)
        } else {
            positions = keys.matches(in: base + keysAt, count: count)
        }
        // Record i is on line i + 1, shifted by the last exception at or before it.
        var e = 0, exceptionRecord = -1, exceptionLine = 0
        let exceptions = base + exceptionsAt
        for i in positions {
            while e < exceptionCount {
                let r = Int(Int64(littleEndian: exceptions.loadUnaligned(fromByteOffset: e * 16, as: Int64.self)))
                guard r <= i else { break }
                exceptionRecord = r
                exceptionLine = Int(Int64(littleEndian: exceptions.loadUnaligned(fromByteOffset: e * 16 + 8, as: Int64.self)))
                e += 1
            }
            let line = exceptionRecord < 0 ? i + 1 : exceptionLine + (i - exceptionRecord)
            // The next record starts where this line ends at the latest.
            out.append(JSONLineRef(start: start(i), line: line, end: i + 1 < count ? start(i + 1) : nil))
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
                if name.hasPrefix(".tmp-") {
                    // Being written now, or left by a writer that died: removed after an hour.
                    if let info = FileSystem.info(at), info.mtime < (Int(time(nil)) - 3600) * 1_000_000_000 {
                        FileSystem.remove(at)
                        removed += 1
                    }
                    continue
                }
                guard let file = dataFile(of: at) else {
                    // An index of another version (or unreadable) is of no use either.
                    FileSystem.remove(at)
                    removed += 1
                    continue
                }
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
        guard offsets.starts.count == n, offsets.lines.count == n else { return }
        let fileBytes = Array(name(of: file, in: lake).utf8)
        let low = offsets.keys.min() ?? 1, high = offsets.keys.max() ?? 0
        let span = high.subtractingReportingOverflow(low)
        let keyWidth = n > 0 && !span.overflow && span.partialValue <= Int64(UInt32.max) ? 4 : 8
        let startWidth = (offsets.starts.last ?? 0) <= Int(UInt32.max) ? 4 : 8
        var exceptions: [Int64] = []
        var previous = 0
        for (i, line) in offsets.lines.enumerated() {
            if line != previous + 1 { exceptions += [Int64(i), Int64(line)] }
            previous = line
        }
        var ascending = true
        for i in offsets.keys.indices.dropFirst() where offsets.keys[i - 1] > offsets.keys[i] {
            ascending = false
            break
        }
        // The whole file in one buffer: the header, then the body the checksum covers.
        let bodyAt = headerSize
        let total = bodyAt + 8 + fileBytes.count + formatSize + n * (keyWidth + startWidth) + exceptions.count * 8
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            let p = UnsafeMutableRawPointer(buffer.baseAddress!)
            var o = 0
            func put<T: FixedWidthInteger>(_ v: T) {
                p.storeBytes(of: v.littleEndian, toByteOffset: o, as: T.self)
                o += MemoryLayout<T>.size
            }
            for b in magic { put(b) }
            put(version)
            for v in [Int64(size), Int64(mtime), Int64(n), 0, low, high] { put(v) }
            put(Int64(fileBytes.count))
            for b in fileBytes { put(b) }
            put(UInt32(keyWidth))
            put(UInt32(startWidth))
            put(UInt32(ascending ? 1 : 0))
            put(UInt32(0))
            put(Int64(exceptions.count / 2))
            if keyWidth == 4 {
                for k in offsets.keys { put(UInt32(truncatingIfNeeded: k &- low)) }
            } else {
                for k in offsets.keys { put(k) }
            }
            if startWidth == 4 {
                for s in offsets.starts { put(UInt32(truncatingIfNeeded: s)) }
            } else {
                for s in offsets.starts { put(Int64(s)) }
            }
            for v in exceptions { put(v) }
            let sum = checksum(UnsafeRawPointer(p) + bodyAt, o - bodyAt)
            p.storeBytes(of: sum.littleEndian, toByteOffset: 32, as: UInt64.self)
            count = o
        }
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
