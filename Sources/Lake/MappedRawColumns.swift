import Diagnostics
import Glibc

/// A `RawColumnsFormat` file mapped into memory: its columns are handed out as typed
/// buffers over the mapping, so a reader that looks at a few values (a binary search)
/// reads only the pages it touches. The header is checked as `RawColumnsFormat.read`
/// checks it (magic, version, column count, sizes): a damaged file is an error.
package final class MappedRawColumns: @unchecked Sendable {
    /// The file's path (for messages).
    package let path: String
    /// Number of rows.
    package let rows: Int
    let base: UnsafeRawPointer?
    let length: Int
    /// Per column: kind (1 integer, 2 double), byte offset of its values, validity flag.
    let kinds: [UInt64]
    let offsets: [Int]
    let flagged: [Bool]

    /// Maps the file at `path`, which must have `columns` columns.
    package init(_ path: String, columns: Int) throws(SQLError) {
        func bad() -> SQLError { SQLError(.data, "\(path): damaged state file") }
        #if _endian(big)
        throw SQLError(.unsupported, "\(path): mapped state files need a little-endian machine")
        #else
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileSystem.ioError("cannot read \(path)") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileSystem.ioError("cannot read \(path)") }
        let size = Int(st.st_size)
        guard size >= 24 else { throw bad() }
        guard let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else {
            throw FileSystem.ioError("cannot map \(path)")
        }
        let p = UnsafeRawPointer(m)
        func word(_ o: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
        var kinds: [UInt64] = [], offsets: [Int] = [], flagged: [Bool] = []
        var rows = -1
        let magic = (0..<4).map { p.load(fromByteOffset: $0, as: UInt8.self) }
        let version = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        if magic == RawColumnsFormat.magic, version == 1, word(16) == UInt64(columns), size >= 24 + columns * 16,
           word(8) <= UInt64(Int.max / 16) {
            rows = Int(word(8))
            var at = 24 + columns * 16
            let words = (rows + 63) / 64
            for k in 0..<columns {
                let kind = word(24 + k * 16), flag = word(32 + k * 16)
                guard kind == 1 || kind == 2, flag <= 1 else { rows = -1; break }
                kinds.append(kind)
                offsets.append(at)
                flagged.append(flag == 1)
                at += rows * 8 + (flag == 1 ? words * 8 : 0)
                guard at <= size else { rows = -1; break }
            }
        }
        // Nothing is stored before this check, so a throw leaves no instance to deinit.
        guard rows >= 0 else {
            munmap(m, size)
            throw bad()
        }
        self.path = path
        self.base = p
        self.length = size
        self.rows = rows
        self.kinds = kinds
        self.offsets = offsets
        self.flagged = flagged
        #endif
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    /// The values of integer column `k`, which must have no NULLs.
    package func int64s(_ k: Int) throws(SQLError) -> UnsafeBufferPointer<Int64> {
        let p = try column(k, kind: 1)
        return UnsafeBufferPointer(start: p?.assumingMemoryBound(to: Int64.self), count: p == nil ? 0 : rows)
    }

    /// The values of DOUBLE column `k`, which must have no NULLs.
    package func doubles(_ k: Int) throws(SQLError) -> UnsafeBufferPointer<Double> {
        let p = try column(k, kind: 2)
        return UnsafeBufferPointer(start: p?.assumingMemoryBound(to: Double.self), count: p == nil ? 0 : rows)
    }

    /// The start of column `k`'s values (nil for no rows); 8-byte aligned, as every offset
    /// in the layout is a multiple of 8 from the page-aligned mapping.
    func column(_ k: Int, kind: UInt64) throws(SQLError) -> UnsafeRawPointer? {
        guard k >= 0, k < kinds.count, kinds[k] == kind, !flagged[k] else {
            throw SQLError(.data, "\(path): damaged state file (column \(k) is not as expected)")
        }
        guard rows > 0, let base else { return nil }
        return base + offsets[k]
    }
}
