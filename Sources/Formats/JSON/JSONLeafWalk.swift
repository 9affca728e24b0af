/// A flat form of a one-level `JSONLeafPlan` (a STRUCT read by field, none of whose fields
/// is descended into) for the fast walk of its objects (`JSONScanState.fastWalk`): per
/// declared field a code instead of an `Action`, so the walk copies no plan, and the key
/// tokens of earlier objects (`JSONRecordShape`) instead of key lookups.
///
/// The fast walk handles the common case only (keys as remembered, strings without
/// escapes, values that convert); anything else makes it give up, and the object is
/// walked by `stageStruct` from its start, which decides exactly as before.
struct JSONLeafWalk {
    /// Action code of a field that is only checked (its converter's kind is in `checkKind`).
    static let check = -1
    /// Action code of a field the fast walk does not handle.
    static let general = -2
    /// Action code of a key that is not a declared field (its value is only skipped).
    static let skip = -3

    /// Declared fields.
    let fieldCount: Int
    /// Per declared field: its slot (>= 0), `check` or `general`.
    let action: UnsafeMutablePointer<Int>
    /// Per checked field: its converter's `Kind` code and parameters.
    let checkKind: UnsafeMutablePointer<UInt8>
    let checkA: UnsafeMutablePointer<Int64>
    let checkB: UnsafeMutablePointer<Int64>
    /// The slots of the plan (set NULL before a walk).
    let slots: UnsafeMutablePointer<Int>
    let slotCount: Int
    /// Key tokens of earlier objects, by member position.
    let shape = JSONRecordShape()

    /// The flat form of `plan`, or nil when the plan descends into a field (or two field
    /// names fold to the same key, where the lookup's order matters).
    init?(_ plan: JSONLeafPlan) {
        for a in plan.actions { if case .descend = a { return nil } }
        guard Set(plan.table.names).count == plan.table.names.count else { return nil }
        fieldCount = plan.actions.count
        let n = max(fieldCount, 1)
        action = .allocate(capacity: n)
        checkKind = .allocate(capacity: n)
        checkA = .allocate(capacity: n)
        checkB = .allocate(capacity: n)
        action.initialize(repeating: JSONLeafWalk.general, count: n)
        checkKind.initialize(repeating: Kind.nested, count: n)
        checkA.initialize(repeating: 0, count: n)
        checkB.initialize(repeating: 0, count: n)
        for (f, a) in plan.actions.enumerated() {
            switch a {
            case let .slot(k):
                action[f] = k
            case let .check(converter):
                let (kind, lo, hi) = Kind.of(converter)
                if kind < Kind.nested {
                    action[f] = JSONLeafWalk.check
                    checkKind[f] = kind; checkA[f] = lo; checkB[f] = hi
                }
            case .descend:
                break
            }
        }
        slotCount = plan.slots.count
        slots = .allocate(capacity: max(slotCount, 1))
        for (j, k) in plan.slots.enumerated() { slots[j] = k }
    }

    /// Frees the buffers.
    func release() {
        action.deallocate(); checkKind.deallocate(); checkA.deallocate(); checkB.deallocate()
        slots.deallocate(); shape.release()
    }

    /// Remembers the key tokens of the well-formed object `[s, end)` for the next walks;
    /// keys are matched by `table` as `stageStruct` matches them.
    func learn(_ table: JSONFieldTable, _ p: UnsafePointer<UInt8>, _ s: Int, _ end: Int) {
        var i = JSONBytes.skipSpace(p, s + 1, end)
        var member = 0
        while i < end, p[i] == JSONBytes.quote {
            var escaped = false
            let keyEnd = JSONBytes.skipString(p, i, end, &escaped)
            guard keyEnd > 0, keyEnd < end else { return }
            if !escaped && p[keyEnd] == 0x3A {
                shape.remember(member, i, keyEnd + 1 - i, table.match(p, i + 1, keyEnd - 1, hint: 0))
            } else {
                shape.forget(member)
            }
            var j = JSONBytes.skipSpace(p, keyEnd, end)
            guard j < end, p[j] == 0x3A else { return }
            j = JSONBytes.skipValue(p, JSONBytes.skipSpace(p, j + 1, end), end)
            guard j > 0 else { return }
            j = JSONBytes.skipSpace(p, j, end)
            guard j < end, p[j] == 0x2C else { return }
            i = JSONBytes.skipSpace(p, j + 1, end)
            member += 1
        }
    }
}
