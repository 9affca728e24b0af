import Columnar

/// Builds boxed `Value`s for STRUCT and ARRAY columns (and their scalar members) from a
/// JSON value `[s, e)`, by the same rules as top-level columns. Only nested columns take
/// this path; scalar columns go straight into typed buffers.
enum JSONNested {
    /// The value of `converter` read from `[s, e)`.
    static func value(_ converter: JSONConverter, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) throws(JSONValueError) -> Value {
        if p[s] == 0x6E { return .null }
        switch converter {
        case .boolean: return try JSONScalars.boolean(p, s, e, "").map(Value.bool) ?? .null
        case let .integer(lo, hi): return try JSONScalars.integer(p, s, e, min: lo, max: hi, "").map(Value.int) ?? .null
        case .float32: return try JSONScalars.double(p, s, e, "", "REAL").map { .double(Double(Float($0))) } ?? .null
        case .float64: return try JSONScalars.double(p, s, e, "", "DOUBLE").map(Value.double) ?? .null
        case let .decimal(precision, scale):
            return try JSONScalars.decimal(p, s, e, precision: precision, scale: scale, "").map { .decimal($0, scale: scale) } ?? .null
        case .string:
            var scratch: [UInt8] = []
            guard let (a, b, escaped) = try JSONScalars.stringSpan(p, s, e, &scratch, "") else { return .null }
            if escaped { return .string(String(decoding: scratch, as: UTF8.self)) }
            return .string(String(decoding: UnsafeBufferPointer(start: p + a, count: b - a), as: UTF8.self))
        case .date: return try JSONScalars.date(p, s, e, "").map(Value.date) ?? .null
        case .timestamp: return try JSONScalars.timestamp(p, s, e, "").map(Value.timestamp) ?? .null
        case let .structure(plan): return try structure(plan, p, s, e)
        case let .array(element): return try array(element, p, s, e)
        }
    }

    static func structure(_ plan: JSONStructPlan, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) throws(JSONValueError) -> Value {
        guard p[s] == 0x7B else { throw .mismatch("", "STRUCT", p, s, e) }
        var values = [Value](repeating: .null, count: plan.names.count)
        var i = JSONBytes.skipSpace(p, s + 1, e)
        if i < e, p[i] == 0x7D { return .struct(values) }
        var keyScratch: [UInt8] = []
        var hint = 0
        while true {
            let field: Int
            (field, i) = try plan.table.readKey(p, i, e, hint: hint, scratch: &keyScratch)
            let valueEnd = JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed("bad value") }
            if field >= 0 {
                do {
                    values[field] = try value(plan.converters[field], p, i, valueEnd)
                } catch {
                    throw error.inside(plan.names[field])
                }
                hint = field + 1
            }
            let (at, more) = try JSONFieldTable.nextMember(p, after: valueEnd, e)
            if !more { return .struct(values) }
            i = at
        }
    }

    static func array(_ element: JSONConverter, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) throws(JSONValueError) -> Value {
        guard p[s] == 0x5B else { throw .mismatch("", "ARRAY", p, s, e) }
        var values: [Value] = []
        var i = JSONBytes.skipSpace(p, s + 1, e)
        if i < e, p[i] == 0x5D { return .array(values) }
        while true {
            let valueEnd = JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed("bad array element") }
            do {
                values.append(try value(element, p, i, valueEnd))
            } catch {
                throw error.inside("[]")
            }
            i = JSONBytes.skipSpace(p, valueEnd, e)
            guard i < e else { throw .malformed("unterminated array") }
            if p[i] == 0x2C { i = JSONBytes.skipSpace(p, i + 1, e); continue }
            guard p[i] == 0x5D else { throw .malformed("expected ',' or ']'") }
            return .array(values)
        }
    }
}
