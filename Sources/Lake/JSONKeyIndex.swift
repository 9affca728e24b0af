import Diagnostics
import Formats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A key index of one newline-delimited bronze JSON file: for an integer column, the line
/// where each key's record starts, sorted by key. A scan looking for a few keys reads just
/// those lines instead of the whole file.
///
/// Indexes live under `<lake>/_index/<column>/`, one file per data file, and belong to the
/// data file's path, size and modification time. They are a cache: a missing, stale or
/// damaged index is ignored (the data file is read whole, and indexed again).
///
/// Layout (little-endian): "LKIX", UInt32 version 1, Int64 size, Int64 mtime, Int64 count,
/// UInt64 checksum of what follows, Int64 path length, path bytes, then `count` keys,
/// `count` line starts and `count` line numbers, Int64 each.
package struct JSONKeyIndex {
    let base: UnsafeRawPointer
    let mapped: Int
    let count: Int
    let keysAt: Int

    static let magic: [UInt8] = Array("LKIX".utf8)
    static let headerSize = 40

    /// Where the index of `file` for `column` is kept.
    package static func path(lake: String, file: String, column: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in file.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let safe = String(column.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "_" })
        return "\(lake)/_index/\(safe)/\(String(h, radix: 16)).idx"
    }

    /// The index of `file` (of `size` bytes, modified at `mtime`) for `column`, when one is
    /// kept and matches the file.
    package static func load(lake: String, file: String, column: String, size: Int, mtime: Int) -> JSONKeyIndex? {
        let at = path(lake: lake, file: file, column: column)
        let fd = open(at, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= headerSize else { return nil }
        let length = Int(st.st_size)
        guard let m = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else { return nil }
        let p = UnsafeRawPointer(m)
        func int(_ o: Int) -> Int { Int(Int64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: Int64.self))) }
        let pathLength = length >= headerSize + 8 ? int(headerSize) : -1
        let count = int(24)
        let keysAt = headerSize + 8 + max(pathLength, 0)
        let fileBytes = Array(file.utf8)
        guard (0..<4).allSatisfy({ p.load(fromByteOffset: $0, as: UInt8.self) == magic[$0] }),
              p.loadUnaligned(fromByteOffset: 4, as: UInt32.self) == 1, int(8) == size, int(16) == mtime,
              count >= 0, pathLength == fileBytes.count, keysAt + count * 24 == length,
              fileBytes.indices.allSatisfy({ p.load(fromByteOffset: headerSize + 8 + $0, as: UInt8.self) == fileBytes[$0] }),
              UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self)) == checksum(p + headerSize, length - headerSize)
        else {
            munmap(m, length)
            return nil
        }
        return JSONKeyIndex(base: p, mapped: length, count: count, keysAt: keysAt)
    }

    /// Unmaps the index.
    package func release() { munmap(UnsafeMutableRawPointer(mutating: base), mapped) }

    func key(_ i: Int) -> Int64 { Int64(littleEndian: base.loadUnaligned(fromByteOffset: keysAt + i * 8, as: Int64.self)) }

    /// The smallest and largest key (nil when the file has none).
    package var range: ClosedRange<Int64>? { count > 0 ? key(0)...key(count - 1) : nil }

    /// The lines holding any of `sortedKeys`, in file order.
    package func lines(for sortedKeys: [Int64]) -> [JSONLineRef] {
        guard let range else { return [] }
        var out: [JSONLineRef] = []
        var k = lowerBound(sortedKeys, range.lowerBound)
        while k < sortedKeys.count, sortedKeys[k] <= range.upperBound {
            // Every record of this key (a key may appear on several lines).
            var lo = 0, hi = count
            let wanted = sortedKeys[k]
            while lo < hi {
                let mid = (lo + hi) / 2
                if key(mid) < wanted { lo = mid + 1 } else { hi = mid }
            }
            while lo < count, key(lo) == wanted {
                let start = Int(Int64(littleEndian: base.loadUnaligned(fromByteOffset: keysAt + (count + lo) * 8, as: Int64.self)))
                let line = Int(Int64(littleEndian: base.loadUnaligned(fromByteOffset: keysAt + (2 * count + lo) * 8, as: Int64.self)))
                out.append(JSONLineRef(start: start, line: line))
                lo += 1
            }
            k += 1
        }
        out.sort()
        return out
    }

    func lowerBound(_ a: [Int64], _ v: Int64) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Keeps the index of `file` built from a whole read's offsets (written under a
    /// temporary name, then renamed; failures are ignored: it is a cache).
    package static func save(_ offsets: JSONKeyOffsets, lake: String, file: String, column: String, size: Int, mtime: Int) {
        let n = offsets.keys.count
        var keys = offsets.keys
        var starts = offsets.starts.map(Int64.init)
        var lines = offsets.lines.map(Int64.init)
        // Files are often written in key order: sort only when they are not.
        if zip(keys, keys.dropFirst()).contains(where: { $0 > $1 }) {
            struct Entry { var key: Int64; var start: Int64; var line: Int64 }
            var entries = (0..<n).map { Entry(key: keys[$0], start: starts[$0], line: lines[$0]) }
            entries.sort { $0.key < $1.key || ($0.key == $1.key && $0.start < $1.start) }
            keys = entries.map(\.key)
            starts = entries.map(\.start)
            lines = entries.map(\.line)
        }
        #if _endian(big)
        keys = keys.map(\.littleEndian); starts = starts.map(\.littleEndian); lines = lines.map(\.littleEndian)
        #endif
        let fileBytes = Array(file.utf8)
        var body = [UInt8]()
        body.reserveCapacity(8 + fileBytes.count + n * 24)
        withUnsafeBytes(of: Int64(fileBytes.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: fileBytes)
        for a in [keys, starts, lines] { a.withUnsafeBytes { body.append(contentsOf: $0) } }
        var bytes = magic
        withUnsafeBytes(of: UInt32(1).littleEndian) { bytes.append(contentsOf: $0) }
        for v in [Int64(size), Int64(mtime), Int64(n)] { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        let sum = body.withUnsafeBytes { raw in raw.baseAddress.map { checksum($0, raw.count) } ?? 0 }
        withUnsafeBytes(of: sum.littleEndian) { bytes.append(contentsOf: $0) }
        bytes += body
        let at = path(lake: lake, file: file, column: column)
        let dir = (at as NSString).deletingLastPathComponent
        guard (try? FileSystem.makeDirectory(dir)) != nil else { return }
        let tmp = (dir as NSString).appendingPathComponent(FileSystem.temporaryName(".idx"))
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var offset = 0
        var ok = true
        while offset < bytes.count {
            let w = bytes.withUnsafeBytes { write(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset) }
            if w < 0 { if errno == EINTR { continue }; ok = false; break }
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
