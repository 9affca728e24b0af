import Columnar
import Diagnostics
import Planner

/// Merging the new partials into the stored ones in place, by group id, for partial columns
/// of 64-bit integers and DOUBLEs (counts, sums, MIN and MAX of numbers, dates, timestamps):
/// one pass over the touched groups with the aggregate's own arithmetic (a DOUBLE sum adds
/// the old partial then the new one to zero, an integer sum that overflows is an error).
/// Other types go through the aggregate (`mergeById`).
extension MergeableAggregate {
    /// The partial columns of the state after merging `new` (rows of group id, partials)
    /// into `old` (the state, row i being group i), `total` rows long; nil when some
    /// column's type needs the aggregate.
    func mergedTyped(_ old: Batch, newPartials new: Batch, total: Int) throws(SQLError) -> [Column]? {
        let g = node.groups.count
        let functions = mergeCalls.map(\.function)
        guard case let .int(ids) = new.columns[0].storage,
              partials.allSatisfy({ [.int, .double].contains($0.type.physical) }) else { return nil }
        for id in ids where id < 0 || id >= Int64(total) {
            throw SQLError(.internal, "new partials of an unknown group")
        }
        var out: [Column] = []
        for p in partials.indices {
            let type = partials[p].type
            let before = old.columns[g + p], after = new.columns[1 + p]
            var valid = Bitmap.flags(before.validity, count: old.count) + [Bool](repeating: false, count: max(0, total - old.count))
            switch (before.storage, after.storage) {
            case let (.int(a), .int(b)):
                var values = a + [Int64](repeating: 0, count: max(0, total - a.count))
                for (j, id) in ids.enumerated() where !after.isNull(j) {
                    let i = Int(id)
                    if !valid[i] {
                        values[i] = b[j]
                    } else {
                        switch functions[p] {
                        case .min: values[i] = min(values[i], b[j])
                        case .max: values[i] = max(values[i], b[j])
                        default:
                            let (s, o) = values[i].addingReportingOverflow(b[j])
                            if o { throw SQLError(.runtime, "integer out of range in sum()") }
                            values[i] = s
                        }
                    }
                    valid[i] = true
                }
                out.append(Column(type: type, storage: .int(values), validity: valid.contains(false) ? Bitmap.of(valid) : nil))
            case let (.double(a), .double(b)):
                var values = a + [Double](repeating: 0, count: max(0, total - a.count))
                for (j, id) in ids.enumerated() where !after.isNull(j) {
                    let i = Int(id)
                    if !valid[i] {
                        values[i] = functions[p] == .sum ? 0 + b[j] : b[j]
                    } else {
                        switch functions[p] {
                        case .min: if ValueOrdering.compareDoubles(b[j], values[i]) < 0 { values[i] = b[j] }
                        case .max: if ValueOrdering.compareDoubles(values[i], b[j]) < 0 { values[i] = b[j] }
                        default: values[i] = 0 + values[i] + b[j]
                        }
                    }
                    valid[i] = true
                }
                out.append(Column(type: type, storage: .double(values), validity: valid.contains(false) ? Bitmap.of(valid) : nil))
            default:
                return nil
            }
        }
        return out
    }
}
