import Diagnostics

/// Thrift's compact protocol: encoding and decoding of `ThriftValue` trees.
/// Decoding is bounded: lengths and counts are checked against the bytes left and
/// nesting is limited, so a damaged header fails with an error instead of looping,
/// recursing without end, or allocating a huge buffer.
enum ThriftCompact {
    /// Deepest nesting of structs, lists and maps accepted when decoding.
    static let maxDepth = 32

    // MARK: Encoding

    /// The bytes of `s` as a top-level struct.
    static func encode(_ s: ThriftStruct) -> [UInt8] {
        var out: [UInt8] = []
        encodeStruct(s, into: &out)
        return out
    }

    static func encodeStruct(_ s: ThriftStruct, into out: inout [UInt8]) {
        var last: Int16 = 0
        for (id, value) in s.fields {
            var type = value.wireType.rawValue
            if case let .bool(b) = value { type = b ? ThriftWireType.boolTrue.rawValue : ThriftWireType.boolFalse.rawValue }
            let delta = Int(id) - Int(last)
            if delta > 0 && delta <= 15 {
                out.append(UInt8(delta) << 4 | type)
            } else {
                out.append(type)
                out.appendZigzag(Int64(id))
            }
            last = id
            if case .bool = value { continue }
            encodeValue(value, into: &out)
        }
        out.append(0)
    }

    static func encodeValue(_ value: ThriftValue, into out: inout [UInt8]) {
        switch value {
        case let .bool(b): out.append(b ? 1 : 2)
        case let .int(v, t):
            if t == .i8 { out.append(UInt8(truncatingIfNeeded: v)) } else { out.appendZigzag(v) }
        case let .double(d): out.appendUInt64LE(d.bitPattern)
        case let .binary(b):
            out.appendVarint(UInt64(b.count))
            out.append(contentsOf: b)
        case let .list(t, items):
            if items.count < 15 {
                out.append(UInt8(items.count) << 4 | t.rawValue)
            } else {
                out.append(0xF0 | t.rawValue)
                out.appendVarint(UInt64(items.count))
            }
            for item in items { encodeValue(item, into: &out) }
        case let .map(kt, vt, keys, values):
            out.appendVarint(UInt64(keys.count))
            if !keys.isEmpty { out.append(kt.rawValue << 4 | vt.rawValue) }
            for (k, v) in zip(keys, values) {
                encodeValue(k, into: &out)
                encodeValue(v, into: &out)
            }
        case let .struct(s): encodeStruct(s, into: &out)
        }
    }

    // MARK: Decoding

    /// Decodes one struct at the cursor's position.
    static func decodeStruct(_ c: inout ByteCursor, depth: Int = 0) throws(SQLError) -> ThriftStruct {
        guard depth < maxDepth else { throw ParquetCorruption.error("thrift structures nested too deeply") }
        var s = ThriftStruct()
        var last: Int16 = 0
        while true {
            let header = try c.readByte()
            if header == 0 { return s }
            let typeCode = header & 0x0F
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                let (sum, overflow) = last.addingReportingOverflow(Int16(delta))
                guard !overflow else { throw ParquetCorruption.error("thrift field id out of range") }
                id = sum
            } else {
                let raw = try c.readZigzag()
                guard raw >= Int64(Int16.min), raw <= Int64(Int16.max) else { throw ParquetCorruption.error("thrift field id out of range") }
                id = Int16(raw)
            }
            guard let type = ThriftWireType(rawValue: typeCode) else {
                throw ParquetCorruption.error("unknown thrift type \(typeCode)")
            }
            let value: ThriftValue
            switch type {
            case .boolTrue: value = .bool(true)
            case .boolFalse: value = .bool(false)
            default: value = try decodeValue(type, &c, depth: depth + 1)
            }
            s.fields.append((id, value))
            last = id
        }
    }

    static func decodeValue(_ type: ThriftWireType, _ c: inout ByteCursor, depth: Int) throws(SQLError) -> ThriftValue {
        guard depth < maxDepth else { throw ParquetCorruption.error("thrift structures nested too deeply") }
        switch type {
        case .boolTrue, .boolFalse:
            let b = try c.readByte()
            return .bool(b == 1)
        case .i8:
            return .int(Int64(Int8(bitPattern: try c.readByte())), .i8)
        case .i16, .i32, .i64:
            return .int(try c.readZigzag(), type)
        case .double:
            return .double(Double(bitPattern: try c.readUInt64LE()))
        case .binary:
            let n = try c.readVarint()
            guard n <= UInt64(c.remaining) else { throw ParquetCorruption.error("thrift string length \(n) exceeds the data") }
            return .binary(try c.readBytes(Int(n)))
        case .list, .set:
            let header = try c.readByte()
            var count = UInt64(header >> 4)
            if count == 15 { count = try c.readVarint() }
            guard let elementType = ThriftWireType(rawValue: header & 0x0F) else {
                if count == 0 { return .list(.i32, []) }
                throw ParquetCorruption.error("unknown thrift list element type \(header & 0x0F)")
            }
            guard count <= UInt64(c.remaining) else { throw ParquetCorruption.error("thrift list size \(count) exceeds the data") }
            var items: [ThriftValue] = []
            items.reserveCapacity(Int(count))
            for _ in 0..<Int(count) {
                if elementType == .struct {
                    items.append(.struct(try decodeStruct(&c, depth: depth + 1)))
                } else {
                    items.append(try decodeValue(elementType, &c, depth: depth + 1))
                }
            }
            return .list(elementType, items)
        case .map:
            let count = try c.readVarint()
            if count == 0 { return .map(.i32, .i32, [], []) }
            guard count <= UInt64(c.remaining) else { throw ParquetCorruption.error("thrift map size \(count) exceeds the data") }
            let types = try c.readByte()
            guard let kt = ThriftWireType(rawValue: types >> 4), let vt = ThriftWireType(rawValue: types & 0x0F) else {
                throw ParquetCorruption.error("unknown thrift map types")
            }
            var keys: [ThriftValue] = [], values: [ThriftValue] = []
            for _ in 0..<Int(count) {
                keys.append(kt == .struct ? .struct(try decodeStruct(&c, depth: depth + 1)) : try decodeValue(kt, &c, depth: depth + 1))
                values.append(vt == .struct ? .struct(try decodeStruct(&c, depth: depth + 1)) : try decodeValue(vt, &c, depth: depth + 1))
            }
            return .map(kt, vt, keys, values)
        case .struct:
            return .struct(try decodeStruct(&c, depth: depth + 1))
        }
    }
}
