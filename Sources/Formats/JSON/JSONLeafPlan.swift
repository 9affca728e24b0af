import Columnar
import Diagnostics

/// How a STRUCT column is read when a query reads only some of its fields (`car.make`):
/// the object is walked once, each read field is staged into its own slot (typed, like a
/// top-level column), nested read fields are walked the same way, and every other
/// declared field is only checked. So a record is judged exactly as when the whole
/// STRUCT is built (a wrong-typed `car.year` still makes it bad), but no boxed value is made.
struct JSONLeafPlan: Sendable {
    /// What happens to one declared field of the object.
    indirect enum Action: Sendable {
        /// Staged into slot `k`.
        case slot(Int)
        /// A STRUCT some of whose fields are read.
        case descend(JSONLeafPlan)
        /// Not read: converted and dropped, so a bad value still makes the record bad.
        case check(JSONConverter)
    }

    /// Key table of the declared fields.
    var table: JSONFieldTable
    /// Declared field names (for error paths).
    var names: [String]
    /// Per declared field.
    var actions: [Action]
    /// Every slot at or below this level (set NULL before the object is walked).
    var slots: [Int]

    /// The plan of the STRUCT `plan` for the field `paths` (each non-empty, none a prefix
    /// of another), giving new slots from `nextSlot` on; `slotOf` receives each path's slot
    /// and `converters` each new slot's converter.
    static func make(_ plan: JSONStructPlan, paths: [[Int]], column: String, nextSlot: inout Int,
                     slotOf: inout [[Int]: Int], converters: inout [JSONConverter], prefix: [Int] = []) throws(SQLError) -> JSONLeafPlan {
        for path in paths {
            guard let first = path.first, first >= 0, first < plan.names.count else {
                throw SQLError(.internal, "field path \(prefix + path) outside STRUCT column \(column)")
            }
        }
        var actions: [Action] = []
        var slots: [Int] = []
        for f in plan.names.indices {
            let below = paths.filter { $0.first == f }
            if below.isEmpty {
                actions.append(.check(plan.converters[f]))
            } else if below.contains([f]) {
                slotOf[prefix + [f]] = nextSlot
                slots.append(nextSlot)
                converters.append(plan.converters[f])
                actions.append(.slot(nextSlot))
                nextSlot += 1
            } else {
                guard case let .structure(inner) = plan.converters[f] else {
                    throw SQLError(.internal, "field path into \(column).\(plan.names[f]), which is not a STRUCT")
                }
                let sub = try make(inner, paths: below.map { Array($0.dropFirst()) }, column: column, nextSlot: &nextSlot,
                                   slotOf: &slotOf, converters: &converters, prefix: prefix + [f])
                slots += sub.slots
                actions.append(.descend(sub))
            }
        }
        return JSONLeafPlan(table: plan.table, names: plan.names, actions: actions, slots: slots)
    }

    /// The paths of `paths` that no other one extends from above: the ones that get slots.
    static func outermost(_ paths: [[Int]]) -> [[Int]] {
        var out: [[Int]] = []
        for p in paths where !out.contains(p) {
            let covered = paths.contains { q in q.count < p.count && Array(p.prefix(q.count)) == q }
            if !covered { out.append(p) }
        }
        return out
    }
}
