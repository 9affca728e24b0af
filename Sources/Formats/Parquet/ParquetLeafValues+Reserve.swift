import Columnar

extension Array {
    /// Makes room for `extra` more elements, growing geometrically: reserving the exact
    /// size page after page would copy the whole array once per page.
    @inline(__always)
    mutating func reserveForAppending(_ extra: Int) {
        let needed = count + extra
        if needed > capacity { reserveCapacity(Swift.max(needed, 2 * capacity)) }
    }
}

extension ParquetLeafValues {
    /// Makes room for `count` values in all (a chunk's value count, known before its pages
    /// are decoded, or a row group's row count before its pieces are shredded), so they
    /// append without reallocating; `bytes`: room for that many bytes of BYTE_ARRAY values.
    mutating func reserve(_ count: Int, bytes: Int = 0) {
        switch self {
        case var .bool(a): self = .bool([]); a.reserveCapacity(count); self = .bool(a)
        case var .int32(a): self = .int32([]); a.reserveCapacity(count); self = .int32(a)
        case var .int64(a): self = .int64([]); a.reserveCapacity(count); self = .int64(a)
        case var .float(a): self = .float([]); a.reserveCapacity(count); self = .float(a)
        case var .double(a): self = .double([]); a.reserveCapacity(count); self = .double(a)
        case var .bytes(s): self = .bytes(StringStorage()); s.offsets.reserveCapacity(count + 1); s.bytes.reserveCapacity(bytes); self = .bytes(s)
        case .fixed(var b, let w): self = .fixed([], width: w); b.reserveCapacity(count * w); self = .fixed(b, width: w)
        }
    }
}
