import Diagnostics

/// Raw Snappy (no framing), as Parquet uses it: a varint of the uncompressed length,
/// then literals and back-references. The compressor is in `Snappy+Compress.swift`;
/// the decompressor checks every length and offset.
enum Snappy {
    /// The uncompressed bytes of `input[range]`, which must expand to `expected` bytes.
    static func decompress(_ input: [UInt8], _ range: Range<Int>, expected: Int) throws(SQLError) -> [UInt8] {
        var c = ByteCursor(input, start: range.lowerBound, end: range.upperBound)
        let declared = try c.readVarint()
        guard declared == UInt64(expected) else {
            throw ParquetCorruption.error("snappy length \(declared) differs from the page size \(expected)")
        }
        // A snappy element of n bytes yields at most ~22n bytes; anything claiming more is damaged.
        guard declared <= UInt64(range.count) * 24 + 64 else { throw ParquetCorruption.error("snappy length \(declared) is implausible") }
        let n = Int(declared)
        let start = c.position, end = c.end
        var failure: String? = nil
        let out = [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
            let produced = input.withUnsafeBufferPointer { src in
                expand(src, start, end, into: buffer, failure: &failure)
            }
            // Bytes never written (damaged input only) are zeroed so the array is fully initialized.
            if produced < n, let base = buffer.baseAddress { (base + produced).initialize(repeating: 0, count: n - produced) }
            initialized = n
            if failure == nil, produced != n { failure = "decompressed \(produced) bytes, expected \(n)" }
        }
        if let failure { throw ParquetCorruption.error("snappy: \(failure)") }
        return out
    }

    /// Expands the elements of `src[i..<end]` into `dst`; returns the bytes written.
    /// Sets `failure` and stops at the first damaged element. Every length and offset is
    /// checked before memory is touched.
    private static func expand(_ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                               into dst: UnsafeMutableBufferPointer<UInt8>, failure: inout String?) -> Int {
        guard let sp = src.baseAddress, let dp = dst.baseAddress else {
            if start < end { failure = "data for an empty page" }
            return 0
        }
        let n = dst.count
        var i = start, o = 0
        while i < end {
            let tag = sp[i]
            i += 1
            var length = 0, offset = 0
            switch tag & 3 {
            case 0:
                var m = Int(tag >> 2)
                if m >= 60 {
                    let extra = m - 59
                    guard i + extra <= end else { failure = "truncated literal length"; return o }
                    m = 0
                    for k in 0..<extra { m |= Int(sp[i + k]) << (8 * k) }
                    i += extra
                }
                length = m + 1
                guard length <= end - i, length <= n - o else { failure = "literal runs past the end"; return o }
                if length <= 16 && i + 16 <= end && o + 16 <= n {
                    // Short literal: two words (the bytes past it are rewritten later).
                    let raw = UnsafeMutableRawPointer(dp + o), from = UnsafeRawPointer(sp + i)
                    raw.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    raw.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                } else {
                    (dp + o).update(from: sp + i, count: length)
                }
                i += length
                o += length
                continue
            case 1:
                guard i < end else { failure = "truncated copy"; return o }
                length = 4 + Int((tag >> 2) & 7)
                offset = Int(tag >> 5) << 8 | Int(sp[i])
                i += 1
            case 2:
                guard i + 2 <= end else { failure = "truncated copy"; return o }
                length = 1 + Int(tag >> 2)
                offset = Int(sp[i]) | Int(sp[i + 1]) << 8
                i += 2
            default:
                guard i + 4 <= end else { failure = "truncated copy"; return o }
                length = 1 + Int(tag >> 2)
                offset = Int(sp[i]) | Int(sp[i + 1]) << 8 | Int(sp[i + 2]) << 16 | Int(sp[i + 3]) << 24
                i += 4
            }
            guard offset > 0, offset <= o else { failure = "copy offset \(offset) out of range"; return o }
            guard length <= n - o else { failure = "copy runs past the end"; return o }
            let from = dp + (o - offset), to = dp + o
            if offset >= 8 && o + length + 8 <= n {
                // Word by word: with offset >= 8 each word's source is already written, so
                // repeating patterns come out right; the last word may run past the copy.
                let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(to)
                var k = 0
                while k < length {
                    dst.storeBytes(of: src.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
                    k += 8
                }
            } else if offset >= length {
                to.update(from: from, count: length)
            } else {
                // Overlapping copy: repeats the last `offset` bytes, so it goes byte by byte.
                for k in 0..<length { to[k] = from[k] }
            }
            o += length
        }
        return o
    }
}
