import Columnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Column chunk min/max: computed from leaf values when writing (PLAIN bytes, as the
/// spec stores them) and decoded back to `Value`s when reading.
enum ParquetStatisticsCodec {
    /// Longest string min/max written; longer ones are left out rather than truncated.
    static let maxStringStatistic = 4096

    /// PLAIN-encoded (min, max) of `values`, nil when there are none or no order applies.
    /// The writer passes a chunk's dictionary when it has one: the same distinct values, far fewer.
    static func minMax(_ values: ParquetLeafValues, leaf: ParquetLeaf) -> (min: [UInt8], max: [UInt8])? {
        switch values {
        case let .bool(a):
            guard !a.isEmpty else { return nil }
            let lo = a.contains(false) ? false : true, hi = a.contains(true)
            return ([lo ? 1 : 0], [hi ? 1 : 0])
        case let .int32(a):
            guard let lo = a.min(), let hi = a.max() else { return nil }
            return (ParquetLeafValues.int32([lo]).plain(0..<1), ParquetLeafValues.int32([hi]).plain(0..<1))
        case let .int64(a):
            guard let lo = a.min(), let hi = a.max() else { return nil }
            return (ParquetLeafValues.int64([lo]).plain(0..<1), ParquetLeafValues.int64([hi]).plain(0..<1))
        case let .float(a):
            guard var (lo, hi) = floatingRange(a) else { return nil }
            if lo == 0 { lo = -0.0 }
            if hi == 0 { hi = 0.0 }
            return (ParquetLeafValues.float([lo]).plain(0..<1), ParquetLeafValues.float([hi]).plain(0..<1))
        case let .double(a):
            guard var (lo, hi) = floatingRange(a) else { return nil }
            if lo == 0 { lo = -0.0 }
            if hi == 0 { hi = 0.0 }
            return (ParquetLeafValues.double([lo]).plain(0..<1), ParquetLeafValues.double([hi]).plain(0..<1))
        case let .bytes(s):
            guard let (lo, hi) = stringRange(s) else { return nil }
            guard s.length(lo) <= maxStringStatistic, s.length(hi) <= maxStringStatistic else { return nil }
            return (Array(s.bytes[s.offsets[lo]..<s.offsets[lo + 1]]), Array(s.bytes[s.offsets[hi]..<s.offsets[hi + 1]]))
        case let .fixed(b, w):
            // Only decimals have a defined order among the fixed-length types LakeSQL writes.
            guard case .decimal = leaf.type, w > 0, b.count >= w else { return nil }
            var lo: Int128 = 0, hi: Int128 = 0
            for i in 0..<(b.count / w) {
                let v = decodeBigEndian(b, i * w, w)
                if i == 0 || v < lo { lo = v }
                if i == 0 || v > hi { hi = v }
            }
            return (encodeBigEndian(lo, w), encodeBigEndian(hi, w))
        }
    }

    /// Smallest and largest non-NaN value, in one pass.
    static func floatingRange<T: BinaryFloatingPoint>(_ a: [T]) -> (T, T)? {
        var lo = T.infinity, hi = -T.infinity, any = false
        for x in a where !x.isNaN {
            any = true
            if x < lo { lo = x }
            if x > hi { hi = x }
        }
        return any ? (lo, hi) : nil
    }

    /// Indices of the bytewise smallest and largest strings of `s` (first ones on ties).
    static func stringRange(_ s: StringStorage) -> (Int, Int)? {
        let n = s.count
        guard n > 0 else { return nil }
        return s.bytes.withUnsafeBufferPointer { bytes -> (Int, Int)? in
            s.offsets.withUnsafeBufferPointer { offsets -> (Int, Int)? in
                guard let base = bytes.baseAddress else { return (0, 0) }  // only empty strings
                @inline(__always) func compare(_ i: Int, _ j: Int) -> Int {
                    let a = offsets[i], la = offsets[i + 1] - a, b = offsets[j], lb = offsets[j + 1] - b
                    let c = Int(memcmp(base + a, base + b, min(la, lb)))
                    return c != 0 ? c : la - lb
                }
                var lo = 0, hi = 0
                for i in 1..<n {
                    if compare(i, lo) < 0 { lo = i } else if compare(i, hi) > 0 { hi = i }
                }
                return (lo, hi)
            }
        }
    }

    /// Two's-complement big-endian integer of `width` bytes at `start`.
    static func decodeBigEndian(_ b: [UInt8], _ start: Int, _ width: Int) -> Int128 {
        var v: Int128 = 0
        for k in 0..<width { v = v << 8 | Int128(b[start + k]) }
        if width < 16, width > 0 {
            let shift = 128 - 8 * width
            v = (v << shift) >> shift
        }
        return v
    }

    static func encodeBigEndian(_ v: Int128, _ width: Int) -> [UInt8] {
        var out: [UInt8] = []
        for k in stride(from: width - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
        return out
    }

    /// A statistic's bytes as a `Value` of the leaf's type, nil when they do not decode.
    static func value(_ bytes: [UInt8], leaf: ParquetLeaf) -> Value? {
        guard let physical = leaf.element.type else { return nil }
        let vals: ParquetLeafValues
        if physical == .byteArray {
            var s = StringStorage()
            s.bytes = bytes
            s.offsets = [0, bytes.count]
            vals = .bytes(s)
        } else {
            var decoded = ParquetLeafValues(type: physical, width: physical == .fixedLenByteArray ? bytes.count : (leaf.element.typeLength ?? 0))
            do throws(SQLError) {
                try ParquetPlainDecoder.decode(bytes, 0..<bytes.count, count: 1, into: &decoded)
            } catch {
                return nil
            }
            vals = decoded
        }
        guard vals.count == 1 else { return nil }
        return ParquetValueConverter.value(vals, 0, leaf: leaf)
    }
}
