import Columnar
import Diagnostics

/// The non-NULL values of one leaf column in their Parquet physical form.
enum ParquetLeafValues: Sendable {
    case bool([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY values.
    case bytes(StringStorage)
    /// FIXED_LEN_BYTE_ARRAY values of `width` bytes each, back to back.
    case fixed([UInt8], width: Int)

    /// Empty values for a leaf of physical type `type` (`width` for fixed-length arrays).
    init(type: ParquetPhysicalType, width: Int) {
        switch type {
        case .boolean: self = .bool([])
        case .int32: self = .int32([])
        case .int64: self = .int64([])
        case .float: self = .float([])
        case .double: self = .double([])
        case .byteArray: self = .bytes(StringStorage())
        case .fixedLenByteArray, .int96: self = .fixed([], width: type == .int96 ? 12 : width)
        }
    }

    /// Number of values.
    var count: Int {
        switch self {
        case let .bool(a): return a.count
        case let .int32(a): return a.count
        case let .int64(a): return a.count
        case let .float(a): return a.count
        case let .double(a): return a.count
        case let .bytes(s): return s.count
        case let .fixed(b, w): return w == 0 ? 0 : b.count / w
        }
    }

    /// PLAIN encoding of values `range`.
    func plain(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        switch self {
        case let .bool(a):
            out.reserveCapacity((range.count + 7) / 8)
            var byte: UInt8 = 0, bit = 0
            for i in range {
                if a[i] { byte |= 1 << UInt8(bit) }
                bit += 1
                if bit == 8 { out.append(byte); byte = 0; bit = 0 }
            }
            if bit > 0 { out.append(byte) }
        case let .int32(a): return Self.littleEndianBytes(a, range)
        case let .int64(a): return Self.littleEndianBytes(a, range)
        case let .float(a): return Self.littleEndianBytes(a, range)
        case let .double(a): return Self.littleEndianBytes(a, range)
        case let .bytes(s): return Self.plainStrings(s, range)
        case let .fixed(b, w):
            out.append(contentsOf: b[(range.lowerBound * w)..<(range.upperBound * w)])
        }
        return out
    }

    /// Approximate PLAIN size of all values, in bytes.
    var plainSize: Int {
        switch self {
        case let .bool(a): return (a.count + 7) / 8
        case let .int32(a): return a.count * 4
        case let .int64(a): return a.count * 8
        case let .float(a): return a.count * 4
        case let .double(a): return a.count * 8
        case let .bytes(s): return s.bytes.count + 4 * s.count
        case let .fixed(b, _): return b.count
        }
    }
}
