import Columnar

/// STRUCT columns read by field (`JSONLeafPlan`): the object is walked once, read fields
/// go to their slots, the other declared fields are checked by the same conversions as
/// when the STRUCT is built, so the same records are bad.
extension JSONScanState {
    /// Stages needed field `u`, a STRUCT read by field, whose value starts at `s` (-1: absent).
    mutating func stageLeaves(_ u: Int, _ s: Int) throws(JSONValueError) {
        guard let plan = reader.leafPlans[u] else { return }
        if s < 0 {
            for k in plan.slots { stagedNull[k] = true }
            return
        }
        try stageStruct(plan, s, spanEnd[u])
    }

    /// Walks the object `[s, e)` (or JSON null) by `plan`.
    mutating func stageStruct(_ plan: JSONLeafPlan, _ s: Int, _ e: Int) throws(JSONValueError) {
        for k in plan.slots { stagedNull[k] = true }
        if p[s] == 0x6E { return }
        guard p[s] == 0x7B else { throw .mismatch("", "STRUCT", p, s, e) }
        var i = JSONBytes.skipSpace(p, s + 1, e)
        if i < e, p[i] == 0x7D { return }
        var hint = 0
        while true {
            guard i < e, p[i] == JSONBytes.quote else { throw .malformed("expected a key") }
            var escaped = false
            let keyEnd = JSONBytes.skipString(p, i, e, &escaped)
            guard keyEnd > 0 else { throw .malformed("unterminated key") }
            var field: Int
            if escaped {
                keyScratch.removeAll(keepingCapacity: true)
                guard JSONUnescape.unescape(p, i + 1, keyEnd - 1, into: &keyScratch) else { throw .malformed("invalid escape in a key") }
                field = plan.table.match(unescaped: keyScratch)
            } else {
                field = plan.table.match(p, i + 1, keyEnd - 1, hint: hint)
            }
            i = JSONBytes.skipSpace(p, keyEnd, e)
            guard i < e, p[i] == 0x3A else { throw .malformed("expected ':' after a key") }
            i = JSONBytes.skipSpace(p, i + 1, e)
            let valueEnd = JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed("bad value") }
            if field >= 0 {
                do {
                    switch plan.actions[field] {
                    case let .slot(k):
                        if p[i] == 0x6E { stagedNull[k] = true } else { try stageValue(k, i, valueEnd) }
                    case let .descend(inner):
                        try stageStruct(inner, i, valueEnd)
                    case let .check(converter):
                        try check(converter, i, valueEnd)
                    }
                } catch {
                    throw error.inside(plan.names[field])
                }
                hint = field + 1
            }
            i = JSONBytes.skipSpace(p, valueEnd, e)
            guard i < e else { throw .malformed("unterminated object") }
            if p[i] == 0x2C { i = JSONBytes.skipSpace(p, i + 1, e); continue }
            guard p[i] == 0x7D else { throw .malformed("expected ',' or '}'") }
            return
        }
    }

    /// Converts `[s, e)` by `converter` and drops the result: throws exactly when building
    /// the value would (`JSONNested.value`).
    mutating func check(_ converter: JSONConverter, _ s: Int, _ e: Int) throws(JSONValueError) {
        if p[s] == 0x6E { return }
        switch converter {
        case .boolean: _ = try JSONScalars.boolean(p, s, e, "")
        case let .integer(lo, hi): _ = try JSONScalars.integer(p, s, e, min: lo, max: hi, "")
        case .float32: _ = try JSONScalars.double(p, s, e, "", "REAL")
        case .float64: _ = try JSONScalars.double(p, s, e, "", "DOUBLE")
        case let .decimal(precision, scale): _ = try JSONScalars.decimal(p, s, e, precision: precision, scale: scale, "")
        case .string: _ = try JSONScalars.stringSpan(p, s, e, &checkScratch, "")
        case .date: _ = try JSONScalars.date(p, s, e, "")
        case .timestamp: _ = try JSONScalars.timestamp(p, s, e, "")
        case .structure, .array: _ = try JSONNested.value(converter, p, s, e)
        }
    }

    /// The value at `path` (STRUCT field indices) inside `value`; NULL when a level is not a STRUCT.
    static func field(of value: Value, at path: [Int]) -> Value {
        var v = value
        for index in path {
            guard case let .struct(values) = v, index >= 0, index < values.count else { return .null }
            v = values[index]
        }
        return v
    }
}
