/// A value of the Thrift data model, as the compact protocol carries it. Parquet's
/// metadata is decoded into these trees first (so unknown fields are read and dropped
/// the same way as known ones), then mapped to the typed metadata structs.
indirect enum ThriftValue: Sendable, Equatable {
    case bool(Bool)
    /// i8, i16, i32 and i64 alike; the wire type is remembered for encoding.
    case int(Int64, ThriftWireType)
    case double(Double)
    /// Binary and string.
    case binary([UInt8])
    case list(ThriftWireType, [ThriftValue])
    case map(ThriftWireType, ThriftWireType, [ThriftValue], [ThriftValue])
    case `struct`(ThriftStruct)

    /// An i8 value.
    static func i8(_ v: Int) -> ThriftValue { .int(Int64(v), .i8) }
    /// An i16 value.
    static func i16(_ v: Int) -> ThriftValue { .int(Int64(v), .i16) }
    /// An i32 value.
    static func i32(_ v: Int) -> ThriftValue { .int(Int64(v), .i32) }
    /// An i64 value.
    static func i64(_ v: Int64) -> ThriftValue { .int(v, .i64) }
    /// A UTF-8 string.
    static func string(_ s: String) -> ThriftValue { .binary(Array(s.utf8)) }
    /// A list of structs.
    static func structs(_ items: [ThriftStruct]) -> ThriftValue { .list(.struct, items.map { .struct($0) }) }

    /// The compact-protocol type of this value.
    var wireType: ThriftWireType {
        switch self {
        case .bool: return .boolTrue
        case let .int(_, t): return t
        case .double: return .double
        case .binary: return .binary
        case .list: return .list
        case .map: return .map
        case .struct: return .struct
        }
    }
}

/// Compact-protocol type codes (the low nibble of a field header).
enum ThriftWireType: UInt8, Sendable {
    case boolTrue = 1, boolFalse = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6
    case double = 7, binary = 8, list = 9, set = 10, map = 11, `struct` = 12
}

/// A Thrift struct: field ids with their values, in the order they were written.
struct ThriftStruct: Sendable, Equatable {
    /// Fields in wire order (ids ascending when written by `ThriftStruct` users).
    var fields: [(id: Int16, value: ThriftValue)] = []

    /// An empty struct.
    init() {}

    /// A struct of the given fields; nil values are left out.
    init(_ pairs: [(Int16, ThriftValue?)]) {
        for (id, v) in pairs { if let v { fields.append((id, v)) } }
    }

    static func == (a: ThriftStruct, b: ThriftStruct) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.id == $1.id && $0.value == $1.value }
    }

    /// The value of field `id`, if present.
    subscript(id: Int16) -> ThriftValue? {
        for f in fields where f.id == id { return f.value }
        return nil
    }

    /// Field `id` as an integer.
    func int(_ id: Int16) -> Int64? {
        if case let .int(v, _)? = self[id] { return v }
        return nil
    }

    /// Field `id` as an Int that fits 32 bits.
    func int32(_ id: Int16) -> Int? {
        guard let v = int(id), v >= Int64(Int32.min), v <= Int64(Int32.max) else { return nil }
        return Int(v)
    }

    /// Field `id` as a boolean.
    func bool(_ id: Int16) -> Bool? {
        if case let .bool(v)? = self[id] { return v }
        return nil
    }

    /// Field `id` as bytes.
    func binary(_ id: Int16) -> [UInt8]? {
        if case let .binary(v)? = self[id] { return v }
        return nil
    }

    /// Field `id` as a UTF-8 string (invalid sequences repaired).
    func string(_ id: Int16) -> String? {
        binary(id).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Field `id` as a struct.
    func `struct`(_ id: Int16) -> ThriftStruct? {
        if case let .struct(v)? = self[id] { return v }
        return nil
    }

    /// Field `id` as a list of values.
    func list(_ id: Int16) -> [ThriftValue]? {
        if case let .list(_, v)? = self[id] { return v }
        return nil
    }

    /// Field `id` as a list of structs (non-struct items dropped).
    func structList(_ id: Int16) -> [ThriftStruct]? {
        list(id)?.compactMap { if case let .struct(s) = $0 { return s } else { return nil } }
    }
}
