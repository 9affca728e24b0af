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

extension ParquetLeafValues {
    // Each takes the buffer of its kind out, leaving an empty one, so the caller holds the
    // only reference while appending; nil (and nothing changed) for another kind.
    mutating func takeInt64() -> [Int64]? {
        guard case let .int64(a) = self else { return nil }
        self = .int64([])
        return a
    }
    mutating func takeInt32() -> [Int32]? {
        guard case let .int32(a) = self else { return nil }
        self = .int32([])
        return a
    }
    mutating func takeDoubles() -> [Double]? {
        guard case let .double(a) = self else { return nil }
        self = .double([])
        return a
    }
    mutating func takeFloats() -> [Float]? {
        guard case let .float(a) = self else { return nil }
        self = .float([])
        return a
    }
    mutating func takeBools() -> [Bool]? {
        guard case let .bool(a) = self else { return nil }
        self = .bool([])
        return a
    }
    mutating func takeBytes() -> StringStorage? {
        guard case let .bytes(s) = self else { return nil }
        self = .bytes(StringStorage())
        return s
    }
}
