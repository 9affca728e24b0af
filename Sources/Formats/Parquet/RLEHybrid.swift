import Diagnostics

/// The RLE / bit-packing hybrid of the Parquet spec, used for definition and repetition
/// levels, dictionary indices and RLE booleans. A run header varint's low bit picks a
/// repeated run (`count << 1`, then the value in ceil(width/8) bytes) or bit-packed
/// groups of eight values (`groups << 1 | 1`, values packed LSB first). The encoder is
/// in `RLEHybrid+Encode.swift`.
enum RLEHybrid {
    /// Bits needed to store `maxValue`.
    static func bitWidth(_ maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Decodes exactly `count` values of `width` bits from `bytes[range]`; values are
    /// appended to `out`. Stops with an error when the data runs out first.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, width: Int, count: Int, into out: inout [UInt32]) throws(SQLError) {
        guard width >= 0, width <= 32 else { throw ParquetCorruption.error("bit width \(width) out of range") }
        var c = ByteCursor(bytes, start: range.lowerBound, end: range.upperBound)
        var left = count
        out.reserveForAppending(count)
        let byteWidth = (width + 7) / 8
        while left > 0 {
            let header = try c.readVarint()
            if header & 1 == 0 {
                let run = header >> 1
                var v: UInt32 = 0
                for k in 0..<byteWidth { v |= UInt32(try c.readByte()) << UInt32(8 * k) }
                if width < 32, v >> UInt32(width) != 0 { throw ParquetCorruption.error("run value exceeds its bit width") }
                let take = Int(min(run, UInt64(left)))
                guard take > 0 else { throw ParquetCorruption.error("empty run") }
                out.append(contentsOf: repeatElement(v, count: take))
                left -= take
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(c.remaining + 1) else {
                    // Some writers end the last run with fewer bytes than its groups need.
                    if groups == 0 { throw ParquetCorruption.error("empty bit-packed run") }
                    throw ParquetCorruption.error("bit-packed run longer than the data")
                }
                let values = Int(groups) * 8
                let needBytes = Int(groups) * width
                let available = min(needBytes, c.remaining)
                let r = try c.readRange(available)
                let take = min(values, left)
                let fromBytes = width == 0 ? take : min(take, available * 8 / width)
                guard fromBytes == take else { throw ParquetCorruption.error("bit-packed run truncated") }
                unpack(bytes, r.lowerBound, count: take, width: width, into: &out)
                left -= take
            }
        }
    }

    /// Appends `count` values of `width` bits packed LSB first from `bytes[start...]`
    /// (the caller checked that `bytes` holds them).
    static func unpack(_ bytes: [UInt8], _ start: Int, count: Int, width: Int, into out: inout [UInt32]) {
        if width == 0 {
            out.append(contentsOf: repeatElement(0, count: count))
            return
        }
        let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
        let old = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { dst in
                guard let base = raw.baseAddress, let d = dst.baseAddress else { return }
                let limit = raw.count
                var bitPos = 0
                for j in 0..<count {
                    let byte = start + bitPos >> 3
                    let shift = UInt64(bitPos & 7)
                    var acc: UInt64
                    if byte + 8 <= limit {
                        // One unaligned 8-byte load covers shift (< 8) + width (<= 32) bits.
                        acc = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                    } else {
                        acc = 0
                        let need = (Int(shift) + width + 7) >> 3
                        for k in 0..<need { acc |= UInt64(raw[byte + k]) << UInt64(8 * k) }
                    }
                    d[old + j] = UInt32(truncatingIfNeeded: (acc >> shift) & mask)
                    bitPos += width
                }
            }
        }
    }
}
