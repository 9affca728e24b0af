import Columnar

/// STRUCT columns read by field (`JSONLeafPlan`): the object is walked once, read fields
/// go to their slots, the other declared fields are checked by the same conversions as
/// when the STRUCT is built, so the same records are bad.
extension JSONScanState {
    /// Stages needed field `u`, a STRUCT read by field, whose value starts at `s` (-1:
    /// absent), unless the walk in `scanObject` did it already (`leafStaged`).
    mutating func stageLeaves(_ u: Int, _ s: Int) throws(JSONValueError) {
        if leafStaged[u] { return }
        guard let plan = reader.leafPlans[u] else { return }
        if s < 0 {
            for k in plan.slots { stagedNull[k] = true }
            return
        }
        _ = try stageStruct(plan, s, spanEnd[u])
    }

    /// Called by `scanObject` with needed field `u` (a STRUCT read by field) at `s`: walks
    /// an object once, staging its fields and finding its end in the same pass (instead of
    /// skipping it, then walking it in `stage`). Returns the index after the value, or -1
    /// when it is not well formed. Anything but a well-formed object is left to `stage`
    /// (which then walks `[s, end)` as always), so errors and their messages do not change.
    mutating func walkLeaves(_ u: Int, _ s: Int, _ e: Int) -> Int {
        leafStaged[u] = false
        guard s < e, p[s] == 0x7B else { return JSONBytes.skipValue(p, s, e) }
        let walk = leafWalks[u]
        let entry = leafCaches[u].find(p, s, e)
        if entry >= 0 {
            if let walk {
                restore(walk.slots, walk.slotCount, u, entry, s)
            } else if let plan = reader.leafPlans[u] {
                plan.slots.withUnsafeBufferPointer { b in
                    if let base = b.baseAddress { restore(base, b.count, u, entry, s) }
                }
            }
            leafStaged[u] = true
            return s + leafCaches[u].length(entry)
        }
        if let walk {
            let end = fastWalk(walk, s, e)
            if end >= 0 {
                leafStaged[u] = true
                remember(walk.slots, walk.slotCount, u, s, end, e)
                return end
            }
        }
        guard let plan = reader.leafPlans[u], let end = try? stageStruct(plan, s, e) else { return JSONBytes.skipValue(p, s, e) }
        leafStaged[u] = true
        walk?.learn(plan.table, p, s, end)
        plan.slots.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { remember(base, b.count, u, s, end, e) }
        }
        return end
    }

    /// Stages the `count` slots at `slots` from entry `entry` of needed field `u`'s cache,
    /// for the object at `s`.
    mutating func restore(_ slots: UnsafePointer<Int>, _ count: Int, _ u: Int, _ entry: Int, _ s: Int) {
        for j in 0..<count {
            let k = slots[j]
            let v = leafCaches[u].slot(entry, j)
            stagedNull[k] = v.null
            stagedInt[k] = v.int
            stagedDouble[k] = v.double
            stagedDecimal[k] = v.decimal
            stagedText[k] = (s + Int(v.start), s + Int(v.end), false)
        }
    }

    /// Keeps what the walk of the object `[s, end)` (of the record ending at `e`) staged in
    /// the `count` slots at `slots`, unless a read string had escapes.
    mutating func remember(_ slots: UnsafePointer<Int>, _ count: Int, _ u: Int, _ s: Int, _ end: Int, _ e: Int) {
        guard leafCaches[u].enabled else { return }
        var entry: [JSONLeafCache.Slot] = []
        entry.reserveCapacity(count)
        for j in 0..<count {
            let k = slots[j]
            let t = stagedText[k]
            if kind[k] == Kind.string && !stagedNull[k] && t.2 { return }
            entry.append(JSONLeafCache.Slot(null: stagedNull[k], int: stagedInt[k], double: stagedDouble[k], decimal: stagedDecimal[k],
                                            start: Int32(truncatingIfNeeded: t.0 - s), end: Int32(truncatingIfNeeded: t.1 - s)))
        }
        leafCaches[u].insert(p, s, end, e, entry)
    }

    /// Walks the object starting at `s` (or JSON null) within `[s, e)` by `plan`; returns
    /// the index after it.
    mutating func stageStruct(_ plan: JSONLeafPlan, _ s: Int, _ e: Int) throws(JSONValueError) -> Int {
        for k in plan.slots { stagedNull[k] = true }
        if p[s] == 0x6E { return JSONBytes.skipValue(p, s, e) }
        guard p[s] == 0x7B else { throw .mismatch("", "STRUCT", p, s, e) }
        var i = JSONBytes.skipSpace(p, s + 1, e)
        if i < e, p[i] == 0x7D { return i + 1 }
        var hint = 0
        while true {
            let field: Int
            (field, i) = try plan.table.readKey(p, i, e, hint: hint, scratch: &keyScratch)
            // Strings are the common case: one pass finds the end and tells about escapes.
            let isString = i < e && p[i] == JSONBytes.quote
            var stringEscaped = false
            let valueEnd = isString ? JSONBytes.skipString(p, i, e, &stringEscaped) : JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed("bad value") }
            if field >= 0 {
                let plain = isString && !stringEscaped
                do {
                    switch plan.actions[field] {
                    case let .slot(k):
                        if plain && kind[k] == Kind.string {
                            stagedNull[k] = false
                            stagedText[k] = (i + 1, valueEnd - 1, false)
                        } else if p[i] == 0x6E {
                            stagedNull[k] = true
                        } else {
                            try stageValue(k, i, valueEnd)
                        }
                    case let .descend(inner):
                        _ = try stageStruct(inner, i, valueEnd)
                    case let .check(converter):
                        if plain, case .string = converter { break }
                        try check(converter, i, valueEnd)
                    }
                } catch {
                    throw error.inside(plan.names[field])
                }
                hint = field + 1
            }
            let (at, more) = try JSONFieldTable.nextMember(p, after: valueEnd, e)
            if !more { return at }
            i = at
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
