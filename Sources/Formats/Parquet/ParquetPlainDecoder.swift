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
            a.reserveCapacity(a.count + count)
            for i in 0..<count { a.append(bytes[start + i >> 3] & (1 << UInt8(i & 7)) != 0) }
            values = .bool(a)
            return (count + 7) / 8
        case var .int32(a):
            guard count <= available / 4 else { throw short() }
            values = .int32([])
            a.reserveCapacity(a.count + count)
            for i in 0..<count { a.append(Int32(bitPattern: ByteCursor.loadUInt32LE(bytes, start + 4 * i))) }
            values = .int32(a)
            return count * 4
        case var .int64(a):
            guard count <= available / 8 else { throw short() }
            values = .int64([])
            a.reserveCapacity(a.count + count)
            for i in 0..<count { a.append(Int64(bitPattern: ByteCursor.loadUInt64LE(bytes, start + 8 * i))) }
            values = .int64(a)
            return count * 8
        case var .float(a):
            guard count <= available / 4 else { throw short() }
            values = .float([])
            a.reserveCapacity(a.count + count)
            for i in 0..<count { a.append(Float(bitPattern: ByteCursor.loadUInt32LE(bytes, start + 4 * i))) }
            values = .float(a)
            return count * 4
        case var .double(a):
            guard count <= available / 8 else { throw short() }
            values = .double([])
            a.reserveCapacity(a.count + count)
            for i in 0..<count { a.append(Double(bitPattern: ByteCursor.loadUInt64LE(bytes, start + 8 * i))) }
            values = .double(a)
            return count * 8
        case var .bytes(s):
            guard count <= available / 4 else { throw short() }
            values = .bytes(StringStorage())
            s.offsets.reserveCapacity(s.offsets.count + count)
            var p = start
            let end = range.upperBound
            for _ in 0..<count {
                guard end - p >= 4 else { throw short() }
                let len = Int(ByteCursor.loadUInt32LE(bytes, p))
                p += 4
                guard len <= end - p else { throw ParquetCorruption.error("byte array length \(len) exceeds the page") }
                s.bytes.append(contentsOf: bytes[p..<(p + len)])
                s.offsets.append(s.bytes.count)
                p += len
            }
            values = .bytes(s)
            return p - start
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
}
