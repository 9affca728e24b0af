import Columnar

/// PLAIN encoding in bulk: numbers are copied as their little-endian bytes in one move,
/// strings as length-prefixed runs written straight into the output buffer.
extension ParquetLeafValues {
    /// The little-endian bytes of `a[range]` (numbers of 4 or 8 bytes).
    static func littleEndianBytes<T: BitwiseCopyable>(_ a: [T], _ range: Range<Int>) -> [UInt8] {
        let size = MemoryLayout<T>.stride
        #if _endian(little)
        return a.withUnsafeBytes { raw in
            Array(UnsafeRawBufferPointer(rebasing: raw[(range.lowerBound * size)..<(range.upperBound * size)]))
        }
        #else
        var out: [UInt8] = []
        out.reserveCapacity(range.count * size)
        for i in range {
            withUnsafeBytes(of: a[i]) { out.append(contentsOf: $0.reversed()) }
        }
        return out
        #endif
    }

    /// Each string of `s[range]` as a 4-byte little-endian length and its bytes.
    static func plainStrings(_ s: StringStorage, _ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        let total = range.count * 4 + s.offsets[range.upperBound] - s.offsets[range.lowerBound]
        return [UInt8](unsafeUninitializedCapacity: total) { out, written in
            written = 0
            guard let dst = out.baseAddress else { return }
            s.bytes.withUnsafeBufferPointer { bytes in
                s.offsets.withUnsafeBufferPointer { offsets in
                    var o = 0
                    for i in range {
                        let a = offsets[i], n = offsets[i + 1] - a
                        UnsafeMutableRawPointer(dst + o).storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, as: UInt32.self)
                        o += 4
                        if n > 0, let base = bytes.baseAddress { (dst + o).initialize(from: base + a, count: n) }
                        o += n
                    }
                    written = o
                }
            }
        }
    }
}
