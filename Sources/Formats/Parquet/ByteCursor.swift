import Diagnostics

/// A bounded reading position in a byte array: every read checks the bytes that are
/// left and throws a `.data` error instead of reading past the end.
struct ByteCursor {
    /// The bytes being read.
    let bytes: [UInt8]
    /// Next byte to read.
    var position: Int
    /// One past the last byte this cursor may read.
    let end: Int

    /// A cursor over `bytes[start..<end]`.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
    }

    /// Bytes left to read.
    var remaining: Int { end - position }

    /// True when nothing is left.
    var isAtEnd: Bool { position >= end }

    /// Reads one byte.
    mutating func readByte() throws(SQLError) -> UInt8 {
        guard position < end else { throw ParquetCorruption.error("unexpected end of data") }
        let b = bytes[position]
        position += 1
        return b
    }

    /// Reads `count` bytes as a range of `bytes`.
    mutating func readRange(_ count: Int) throws(SQLError) -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw ParquetCorruption.error("length \(count) exceeds the \(remaining) bytes left")
        }
        let r = position..<(position + count)
        position += count
        return r
    }

    /// Reads `count` bytes as a new array.
    mutating func readBytes(_ count: Int) throws(SQLError) -> [UInt8] {
        let r = try readRange(count)
        return Array(bytes[r])
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws(SQLError) {
        _ = try readRange(count)
    }

    /// Reads an unsigned LEB128 varint of at most 64 bits.
    mutating func readVarint() throws(SQLError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw ParquetCorruption.error("varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ParquetCorruption.error("varint too long") }
        }
    }

    /// Reads a zigzag-encoded signed varint.
    mutating func readZigzag() throws(SQLError) -> Int64 {
        let u = try readVarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Reads a little-endian unsigned 32-bit integer.
    mutating func readUInt32LE() throws(SQLError) -> UInt32 {
        let r = try readRange(4)
        return ByteCursor.loadUInt32LE(bytes, r.lowerBound)
    }

    /// Reads a little-endian unsigned 64-bit integer.
    mutating func readUInt64LE() throws(SQLError) -> UInt64 {
        let r = try readRange(8)
        return ByteCursor.loadUInt64LE(bytes, r.lowerBound)
    }

    /// The little-endian 32-bit value at `i` (the caller checked the bounds).
    @inline(__always)
    static func loadUInt32LE(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    /// The little-endian 64-bit value at `i` (the caller checked the bounds).
    @inline(__always)
    static func loadUInt64LE(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(loadUInt32LE(b, i)) | UInt64(loadUInt32LE(b, i + 4)) << 32
    }
}

/// Little-endian and varint appends used by the writers.
extension Array where Element == UInt8 {
    /// Appends `v` as an unsigned LEB128 varint.
    mutating func appendVarint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }

    /// Appends `v` zigzag-encoded as a varint.
    mutating func appendZigzag(_ v: Int64) {
        appendVarint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// Appends the 4 little-endian bytes of `v`.
    mutating func appendUInt32LE(_ v: UInt32) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
        append(UInt8(truncatingIfNeeded: v >> 16))
        append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// Appends the 8 little-endian bytes of `v`.
    mutating func appendUInt64LE(_ v: UInt64) {
        appendUInt32LE(UInt32(truncatingIfNeeded: v))
        appendUInt32LE(UInt32(truncatingIfNeeded: v >> 32))
    }
}
