import Columnar

/// Dictionary encoding of a leaf's values: distinct values in first-seen order plus one
/// index per value. Gives up (returns nil, so the writer stores the chunk PLAIN) when the
/// dictionary's PLAIN size passes `limit`, or when it would not make the chunk smaller:
/// mostly distinct values (ids, timestamps, measurements) are cheaper PLAIN to write and to read.
///
/// Distinct values are found with open-addressing hash tables over the raw values (integers
/// and bit patterns hashed by one multiplication, strings by a word-at-a-time hash), so a
/// chunk of 100K values takes a few milliseconds.
enum ParquetDictionaryBuilder {
    /// Values looked at before the first check that the dictionary is worth building.
    static let probeCount = 8192

    /// The dictionary and indices of `values`, or nil when not worth it or too large.
    static func build(_ values: ParquetLeafValues, limit: Int) -> (dictionary: ParquetLeafValues, indices: [UInt32])? {
        switch values {
        case .bool: return nil
        case let .int32(a):
            guard let (d, idx) = integers(a, width: 4, limit: limit) else { return nil }
            return (.int32(d), idx)
        case let .int64(a):
            guard let (d, idx) = integers(a, width: 8, limit: limit) else { return nil }
            return (.int64(d), idx)
        case let .float(a):
            guard let (d, idx) = bitPatterns(a, as: UInt32.self, width: 4, limit: limit) else { return nil }
            return (.float(d.map { Float(bitPattern: $0) }), idx)
        case let .double(a):
            guard let (d, idx) = bitPatterns(a, as: UInt64.self, width: 8, limit: limit) else { return nil }
            return (.double(d.map { Double(bitPattern: $0) }), idx)
        case let .bytes(s):
            if s.bytes.isEmpty {  // only empty strings: one entry
                return s.count == 0 ? nil : (.bytes(s.gather([0])), [UInt32](repeating: 0, count: s.count))
            }
            guard let (firsts, idx) = byteStrings(s.bytes, s.offsets, count: s.count, fixedWidth: 0, limit: limit) else { return nil }
            return (.bytes(s.gather(firsts)), idx)
        case let .fixed(b, w):
            guard w > 0 else { return nil }
            let n = b.count / w
            guard let (firsts, idx) = byteStrings(b, [], count: n, fixedWidth: w, limit: limit) else { return nil }
            var dict: [UInt8] = []
            dict.reserveCapacity(firsts.count * w)
            for i in firsts { dict.append(contentsOf: b[(i * w)..<(i * w + w)]) }
            return (.fixed(dict, width: w), idx)
        }
    }

    /// True when a dictionary of `distinct` entries (`dictBytes` PLAIN) plus bit-packed
    /// indices is smaller than `plainBytes`, the PLAIN size of the `count` values.
    static func pays(distinct: Int, dictBytes: Int, count: Int, plainBytes: Int) -> Bool {
        let indexBits = RLEHybrid.bitWidth(max(distinct - 1, 1))
        return dictBytes + (count * indexBits + 7) / 8 < plainBytes
    }

    /// An early verdict after `probeCount` values: mostly distinct so far means not worth it.
    @inline(__always)
    static func hopeless(distinct: Int, seen: Int) -> Bool {
        seen == probeCount && distinct * 4 > seen * 3
    }

    /// Power-of-two table size holding `count` entries at most a quarter full (tables grow as
    /// entries arrive; a small start keeps few-valued columns' tables in the L1 cache).
    static func tableSize(for count: Int) -> Int {
        var size = 256
        while size < 4 * count { size <<= 1 }
        return size
    }

    private static func integers<T: FixedWidthInteger>(_ a: [T], width: Int, limit: Int) -> ([T], [UInt32])? {
        a.withUnsafeBufferPointer { integers($0, width: width, limit: limit) }
    }

    /// Floating-point values by their bit patterns (no copy of the column).
    private static func bitPatterns<F: BinaryFloatingPoint, T: FixedWidthInteger>(_ a: [F], as _: T.Type, width: Int,
                                                                               limit: Int) -> ([T], [UInt32])? {
        a.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: T.self) { integers($0, width: width, limit: limit) }
        }
    }

    private static func integers<T: FixedWidthInteger>(_ p: UnsafeBufferPointer<T>, width: Int, limit: Int) -> ([T], [UInt32])? {
        let n = p.count
        var size = tableSize(for: 0)
        var slots = [Int32](repeating: -1, count: size)
        var dict: [T] = []
        // The product's top bits (its middle bits cluster for values such as rounded
        // doubles' bit patterns, and the probe runs grow long).
        @inline(__always) func slot(_ v: T, _ size: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: v) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - size.trailingZeroBitCount))
        }
        var ok = true
        let probes = probeCount  // read once, not per value
        let indices = [UInt32](unsafeUninitializedCapacity: n) { idx, initialized in
            initialized = n
            guard let ip = idx.baseAddress else { return }
            ip.initialize(repeating: 0, count: n)
            for i in 0..<n {
                let v = p[i]
                var h = slot(v, size)
                while true {
                    let s = Int(slots[h])
                    if s < 0 {
                        slots[h] = Int32(truncatingIfNeeded: dict.count)
                        ip[i] = UInt32(truncatingIfNeeded: dict.count)
                        dict.append(v)
                        if dict.count * width > limit { ok = false; return }
                        if 4 * dict.count > size {
                            size <<= 1
                            slots = [Int32](repeating: -1, count: size)
                            for (k, d) in dict.enumerated() {
                                var h = slot(d, size)
                                while slots[h] >= 0 { h = (h + 1) & (size - 1) }
                                slots[h] = Int32(truncatingIfNeeded: k)
                            }
                        }
                        break
                    }
                    if dict[s] == v { ip[i] = UInt32(truncatingIfNeeded: s); break }
                    h = (h + 1) & (size - 1)
                }
                if i + 1 == probes, hopeless(distinct: dict.count, seen: probes) { ok = false; return }
            }
        }
        guard ok, pays(distinct: dict.count, dictBytes: dict.count * width, count: n, plainBytes: n * width) else { return nil }
        return (dict, indices)
    }
}
