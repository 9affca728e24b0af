import Columnar
import Diagnostics

/// The DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY decoders.
enum ParquetDeltaDecoder {
    /// Decodes `count` integers (wrapping arithmetic, as the spec defines it).
    static func decodeIntegers(_ c: inout ByteCursor, count: Int) throws(SQLError) -> [Int64] {
        let blockSize = try c.readVarint()
        let miniblocks = try c.readVarint()
        let total = try c.readVarint()
        var value = try c.readZigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0 else {
            throw ParquetCorruption.error("bad delta block header")
        }
        guard total >= UInt64(count) else { throw ParquetCorruption.error("delta page holds fewer values than needed") }
        var out: [Int64] = []
        out.reserveCapacity(count)
        if count == 0 { return out }
        out.append(value)
        let perMini = Int(blockSize / miniblocks)
        var unpacked: [UInt32] = []
        while out.count < count {
            let minDelta = try c.readZigzag()
            var widths: [Int] = []
            for _ in 0..<Int(miniblocks) { widths.append(Int(try c.readByte())) }
            for w in widths {
                guard out.count < count else { break }
                guard w <= 64 else { throw ParquetCorruption.error("delta bit width \(w)") }
                let bytesNeeded = perMini * w / 8
                let r = try c.readRange(bytesNeeded)
                let take = min(perMini, count - out.count)
                if w <= 32 {
                    unpacked.removeAll(keepingCapacity: true)
                    RLEHybrid.unpack(c.bytes, r.lowerBound, count: take, width: w, into: &unpacked)
                    for d in unpacked {
                        value = value &+ minDelta &+ Int64(d)
                        out.append(value)
                    }
                } else {
                    for k in 0..<take {
                        var acc: UInt64 = 0
                        let bitStart = k * w
                        for b in 0..<w {
                            let bit = bitStart + b
                            if c.bytes[r.lowerBound + bit >> 3] & (1 << UInt8(bit & 7)) != 0 { acc |= 1 << UInt64(b) }
                        }
                        value = value &+ minDelta &+ Int64(bitPattern: acc)
                        out.append(value)
                    }
                }
            }
        }
        return out
    }

    /// Lengths (delta-packed) followed by the concatenated bytes.
    static func decodeDeltaLength(_ c: inout ByteCursor, count: Int, into s: inout StringStorage) throws(SQLError) {
        let lengths = try decodeIntegers(&c, count: count)
        for len in lengths {
            guard len >= 0, len <= Int64(c.remaining) else { throw ParquetCorruption.error("delta length \(len) exceeds the page") }
            let r = try c.readRange(Int(len))
            s.bytes.append(contentsOf: c.bytes[r])
            s.offsets.append(s.bytes.count)
        }
    }

    /// Prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY; each value shares a prefix with the previous.
    static func decodeDeltaByteArray(_ c: inout ByteCursor, count: Int, into s: inout StringStorage) throws(SQLError) {
        let prefixes = try decodeIntegers(&c, count: count)
        var suffixes = StringStorage()
        try decodeDeltaLength(&c, count: count, into: &suffixes)
        var previous: [UInt8] = []
        for i in 0..<count {
            let p = prefixes[i]
            guard p >= 0, p <= Int64(previous.count) else { throw ParquetCorruption.error("delta prefix \(p) longer than the previous value") }
            var v = Array(previous[0..<Int(p)])
            v.append(contentsOf: suffixes.bytes[suffixes.offsets[i]..<suffixes.offsets[i + 1]])
            s.bytes.append(contentsOf: v)
            s.offsets.append(s.bytes.count)
            previous = v
        }
    }
}
