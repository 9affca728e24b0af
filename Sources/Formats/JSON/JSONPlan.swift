import Columnar
import Diagnostics

/// Declared field names of one object level, for matching JSON keys case-insensitively
/// (ASCII letters fold; other bytes must be equal). Names are kept lower-cased.
struct JSONFieldTable: Sendable {
    /// Lower-cased UTF-8 names.
    var names: [[UInt8]]

    /// A table of `names`.
    init(_ names: [String]) {
        self.names = names.map { $0.utf8.map(JSONBytes.lower) }
    }

    /// Index of the name equal to the key bytes `[s, e)`, trying `hint` first; -1 if none.
    @inline(__always)
    func match(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, hint: Int) -> Int {
        let n = names.count
        if hint < n, equals(hint, p, s, e) { return hint }
        var k = 0
        while k < n {
            if k != hint, equals(k, p, s, e) { return k }
            k += 1
        }
        return -1
    }

    /// Reads the key starting at `i` (a quote) of an object member in `[i, e)`, and the colon
    /// after it: the index of the matching name (-1 if none; `hint` tried first) and where
    /// the member's value starts. `scratch` holds an unescaped key.
    @inline(__always)
    func readKey(_ p: UnsafePointer<UInt8>, _ i: Int, _ e: Int, hint: Int, scratch: inout [UInt8]) throws(JSONValueError) -> (field: Int, value: Int) {
        guard i < e, p[i] == JSONBytes.quote else { throw .malformed("expected a key") }
        var escaped = false
        let keyEnd = JSONBytes.skipString(p, i, e, &escaped)
        guard keyEnd > 0 else { throw .malformed("unterminated key") }
        let field: Int
        if escaped {
            scratch.removeAll(keepingCapacity: true)
            guard JSONUnescape.unescape(p, i + 1, keyEnd - 1, into: &scratch) else { throw .malformed("invalid escape in a key") }
            field = match(unescaped: scratch)
        } else {
            field = match(p, i + 1, keyEnd - 1, hint: hint)
        }
        var j = JSONBytes.skipSpace(p, keyEnd, e)
        guard j < e, p[j] == 0x3A else { throw .malformed("expected ':' after a key") }
        j = JSONBytes.skipSpace(p, j + 1, e)
        return (field, j)
    }

    /// After a member's value ending at `valueEnd`: where the next member's key starts
    /// (`more`), or the index after the object's closing `}`.
    @inline(__always)
    static func nextMember(_ p: UnsafePointer<UInt8>, after valueEnd: Int, _ e: Int) throws(JSONValueError) -> (at: Int, more: Bool) {
        let i = JSONBytes.skipSpace(p, valueEnd, e)
        guard i < e else { throw .malformed("unterminated object") }
        if p[i] == 0x2C { return (JSONBytes.skipSpace(p, i + 1, e), true) }
        guard p[i] == 0x7D else { throw .malformed("expected ',' or '}'") }
        return (i + 1, false)
    }

    @inline(__always)
    func equals(_ k: Int, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        names[k].withUnsafeBufferPointer { name in
            guard name.count == e - s, let base = name.baseAddress else { return name.count == e - s }
            // Keys are usually spelled as declared (lower case): a word-wise exact compare first.
            if ByteHash.equal(base, p + s, name.count) { return true }
            var j = 0
            while j < name.count {
                if JSONBytes.lower(p[s + j]) != name[j] { return false }
                j += 1
            }
            return true
        }
    }

    /// Matches a key that had escapes (already unescaped into `key`).
    func match(unescaped key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return names.firstIndex { $0.isEmpty } ?? -1 }
            return match(base, 0, b.count, hint: 0)
        }
    }
}

/// How one declared type is read from JSON: compiled once per reader from the schema,
/// so the scan loop switches on a small enum instead of inspecting `DataType`s.
indirect enum JSONConverter: Sendable {
    case boolean
    case integer(min: Int64, max: Int64)
    case float32
    case float64
    case decimal(precision: Int, scale: Int)
    case string
    case date
    case timestamp
    case structure(JSONStructPlan)
    case array(JSONConverter)

    /// The converter of `type`; `.unsupported` error for types JSON cannot hold.
    static func of(_ type: DataType, path: String) throws(SQLError) -> JSONConverter {
        switch type {
        case .boolean: return .boolean
        case .int8, .int16, .int32, .int64:
            let r = type.integerRange ?? Int64.min...Int64.max
            return .integer(min: r.lowerBound, max: r.upperBound)
        case .float32: return .float32
        case .float64: return .float64
        case let .decimal(p, s): return .decimal(precision: p, scale: s)
        case .string: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        case let .struct(fields):
            var converters: [JSONConverter] = []
            for f in fields { converters.append(try of(f.type, path: path + "." + f.name)) }
            return .structure(JSONStructPlan(table: JSONFieldTable(fields.map(\.name)), names: fields.map(\.name), types: fields.map(\.type), converters: converters))
        case let .array(element):
            return .array(try of(element, path: path + "[]"))
        case .null, .interval:
            throw SQLError(.unsupported, "column \(path): type \(type) cannot be read from JSON")
        }
    }
}

/// A STRUCT level: its field table, names (for error paths), types and converters.
struct JSONStructPlan: Sendable {
    var table: JSONFieldTable
    var names: [String]
    var types: [DataType]
    var converters: [JSONConverter]
}
