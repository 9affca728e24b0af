/// The RLE / bit-packing hybrid encoder. Runs of eight or more equal values become
/// repeated runs; everything between them is bit-packed in groups of eight, a group
/// boundary being where a repeated run may start.
extension RLEHybrid {
    /// Encodes `values` (each below 2^width) without a length prefix.
    static func encode(_ values: [UInt32], width: Int) -> [UInt8] {
        var out: [UInt8] = []
        values.withUnsafeBufferPointer { encode($0, width: width, into: &out) }
        return out
    }

    /// Encodes `values` (each below 2^width), appending to `out` without a length prefix.
    static func encode(_ values: ArraySlice<UInt32>, width: Int, into out: inout [UInt8]) {
        values.withUnsafeBufferPointer { encode($0, width: width, into: &out) }
    }

    /// Encodes the values at `v` (each below 2^width), appending to `out`.
    static func encode(_ v: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
        let n = v.count
        guard width > 0 else {
            // Width 0: one run of zeros is enough.
            if n > 0 { out.appendVarint(UInt64(n) << 1) }
            return
        }
        let byteWidth = (width + 7) / 8
        out.reserveCapacity(out.count + n * width / 8 + 16)
        /// True when eight equal values start at `j`.
        @inline(__always) func runOfEight(_ j: Int) -> Bool {
            guard j + 8 <= n else { return false }
            let x = v[j]
            for k in 1..<8 where v[j + k] != x { return false }
            return true
        }
        var i = 0
        while i < n {
            let x = v[i]
            var j = i + 1
            while j < n, v[j] == x { j += 1 }
            if j - i >= 8 {
                out.appendVarint(UInt64(j - i) << 1)
                var value = x
                for _ in 0..<byteWidth { out.append(UInt8(truncatingIfNeeded: value)); value >>= 8 }
                i = j
                continue
            }
            var e = i
            repeat { e = min(e + 8, n) } while e < n && !runOfEight(e)
            let groups = (e - i + 7) / 8
            out.appendVarint(UInt64(groups) << 1 | 1)
            packBits(v, i, e, groups * 8, width: width, into: &out)
            i = e
        }
    }

    /// Appends one repeated run of `count` (> 0) copies of `value`.
    static func encodeRun(_ value: UInt32, count: Int, width: Int, into out: inout [UInt8]) {
        guard count > 0 else { return }
        out.appendVarint(UInt64(count) << 1)
        var v = value
        for _ in 0..<((width + 7) / 8) { out.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    /// Appends `v[start..<end]` bit-packed LSB first, padded with zeros to `padded` values
    /// (a multiple of 8, so the packed bits fill whole bytes): the output is sized once and
    /// written a 32-bit word at a time.
    static func packBits(_ v: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int, _ padded: Int, width: Int, into out: inout [UInt8]) {
        let byteCount = padded * width / 8
        let old = out.count
        out.append(contentsOf: repeatElement(0, count: byteCount + 8))  // 8 bytes of slack for whole-word stores
        out.withUnsafeMutableBytes { raw in
            guard let dst = raw.baseAddress else { return }
            var acc: UInt64 = 0
            var bits = 0
            var o = old
            for k in start..<end {
                acc |= UInt64(v[k]) &<< UInt64(bits)  // bits < 32: a masking shift is exact
                bits += width
                if bits >= 32 {
                    dst.storeBytes(of: UInt32(truncatingIfNeeded: acc).littleEndian, toByteOffset: o, as: UInt32.self)
                    o += 4
                    acc >>= 32
                    bits -= 32
                }
            }
            // The padding values are zeros: only the bits held so far remain.
            dst.storeBytes(of: acc.littleEndian, toByteOffset: o, as: UInt64.self)
        }
        out.removeLast(8)
    }
}
