import Columnar
import Diagnostics

/// PLAIN decoding: fixed-width little-endian values, bit-packed booleans, and
/// length-prefixed byte arrays. Every read is checked against the page's bytes.
enum ParquetPlainDecoder {
    /// Decodes `count` values from `bytes[range]`, appending them to `values`.
    /// Returns the number of bytes used.
    @discardableResult
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, count: Int, into values: inout ParquetLeafValues) throws(SQLError) -> Int {
        let available = range.count
        let start = range.lowerBound
        func short() -> SQLError { ParquetCorruption.error("page holds fewer than its \(count) values") }
        switch values {
        case var .bool(a):
            guard (count + 7) / 8 <= available else { throw short() }
            values = .bool([])
            a.reserveForAppending(count)
            for i in 0..<count { a.append(bytes[start + i >> 3] & (1 << UInt8(i & 7)) != 0) }
            values = .bool(a)
            return (count + 7) / 8
        case var .int32(a):
            guard count <= available / 4 else { throw short() }
            values = .int32([])
            appendLittleEndian(bytes, start, count: count, to: &a) { i in Int32(bitPattern: ByteCursor.loadUInt32LE(bytes, start + 4 * i)) }
            values = .int32(a)
            return count * 4
        case var .int64(a):
            guard count <= available / 8 else { throw short() }
            values = .int64([])
            appendLittleEndian(bytes, start, count: count, to: &a) { i in Int64(bitPattern: ByteCursor.loadUInt64LE(bytes, start + 8 * i)) }
            values = .int64(a)
            return count * 8
        case var .float(a):
            guard count <= available / 4 else { throw short() }
            values = .float([])
            appendLittleEndian(bytes, start, count: count, to: &a) { i in Float(bitPattern: ByteCursor.loadUInt32LE(bytes, start + 4 * i)) }
            values = .float(a)
            return count * 4
        case var .double(a):
            guard count <= available / 8 else { throw short() }
            values = .double([])
            appendLittleEndian(bytes, start, count: count, to: &a) { i in Double(bitPattern: ByteCursor.loadUInt64LE(bytes, start + 8 * i)) }
            values = .double(a)
            return count * 8
        case var .bytes(s):
            guard count <= available / 4 else { throw short() }
            values = .bytes(StringStorage())
            let used = try decodeByteArrays(bytes, range, count: count, into: &s)
            values = .bytes(s)
            return used
        case .fixed(var b, let w):
            guard w > 0 else {
                values = .fixed(b, width: w)
                throw ParquetCorruption.error("fixed-length column of width 0")
            }
            guard count <= available / w else { throw short() }
            values = .fixed([], width: w)
            b.append(contentsOf: bytes[start..<(start + count * w)])
            values = .fixed(b, width: w)
            return count * w
        }
    }

    /// Appends `count` length-prefixed byte arrays of `bytes[range]`: offsets first, then
    /// the bytes in one copy per value into storage reserved once. Returns the bytes used.
    private static func decodeByteArrays(_ bytes: [UInt8], _ range: Range<Int>, count: Int, into s: inout StringStorage) throws(SQLError) -> Int {
        let end = range.upperBound
        var p = range.lowerBound
        var total = s.bytes.count
        let first = s.offsets.count
        s.offsets.reserveForAppending(count)
        for _ in 0..<count {
            guard end - p >= 4 else { throw ParquetCorruption.error("page holds fewer than its \(count) values") }
            let len = Int(ByteCursor.loadUInt32LE(bytes, p))
            p += 4
            guard len <= end - p else { throw ParquetCorruption.error("byte array length \(len) exceeds the page") }
            total += len
            s.offsets.append(total)
            p += len
        }
        let before = s.bytes.count
        s.bytes.append(contentsOf: repeatElement(0, count: total - before))
        s.bytes.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { src in
                s.offsets.withUnsafeBufferPointer { o in
                    guard let dst = out.baseAddress, let from = src.baseAddress else { return }
                    var q = range.lowerBound
                    for j in 0..<count {
                        let at = o[first - 1 + j], len = o[first + j] - at
                        if len > 0 { (dst + at).copyMemory(from: from + q + 4, byteCount: len) }
                        q += 4 + len
                    }
                }
            }
        }
        return p - range.lowerBound
    }

    /// Appends `count` fixed-width little-endian values starting at `bytes[start]`
    /// (checked by the caller): one copy on little-endian hosts, `load(i)` per value elsewhere.
    @inline(__always)
    private static func appendLittleEndian<T>(_ bytes: [UInt8], _ start: Int, count: Int, to a: inout [T], load: (Int) -> T) {
        guard count > 0 else { return }
        #if _endian(little)
        let old = a.count
        a.append(contentsOf: repeatElement(load(0), count: count))
        a.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                (d + old * MemoryLayout<T>.stride).copyMemory(from: s + start, byteCount: count * MemoryLayout<T>.stride)
            }
        }
        #else
        a.reserveForAppending(count)
        for i in 0..<count { a.append(load(i)) }
        #endif
    }
}
