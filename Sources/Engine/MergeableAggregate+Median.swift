import Columnar
import Diagnostics
import Execution
import Planner

/// MEDIAN in a view refreshed from partials. Every group of the state has an id (its last
/// column); the values the medians are taken of are kept as rows of (group id, one DOUBLE per
/// MEDIAN call), NULL where a call does not count the row. A refresh appends the new rows'
/// values and computes the median again only for the groups that gained values, with the
/// same arithmetic as the aggregate itself.
extension MergeableAggregate {
    /// A group id, then one DOUBLE per MEDIAN call.
    var valuesSchema: Schema {
        Schema([Field(name: "g", type: .int64)] + medianCalls.indices.map { Field(name: "m\($0)", type: .float64) })
    }

    /// Positions in `node.aggregates` of the MEDIAN calls.
    var medianCalls: [Int] {
        parts.indices.filter { if case .median = parts[$0] { true } else { false } }
    }

    /// The state column of call `k`'s (first) partial.
    func stateColumn(ofCall k: Int) -> Int {
        var column = node.groups.count
        for part in parts.prefix(k) {
            if case .average = part { column += 2 } else { column += 1 }
        }
        return column
    }

    /// The state column holding group ids.
    var idColumn: Int { node.groups.count + partials.count }

    /// Gives each group of `state` without an id the next unused one; returns the state, an
    /// index of its group keys (in row order) and the id of each indexed key.
    func assignIds(_ state: [Batch]) throws(SQLError) -> (state: [Batch], index: GroupKeyIndex, ids: [Int]) {
        let index = GroupKeyIndex(types: node.groups.map(\.type))
        var largest = -1
        for b in state {
            let c = b.columns[idColumn]
            for r in 0..<b.count where !c.isNull(r) {
                if case let .int(v) = c.value(at: r) { largest = max(largest, Int(v)) }
            }
        }
        var ids: [Int] = []
        var out: [Batch] = []
        for b in state {
            let ordinals = node.groups.isEmpty ? [Int](repeating: 0, count: b.count)
                : index.ids(adding: Array(b.columns.prefix(node.groups.count)), count: b.count)
            guard ordinals.count == b.count else { throw SQLError(.internal, "group keys of stored partials could not be indexed") }
            let c = b.columns[idColumn]
            var column = [Int64](repeating: 0, count: b.count)
            for r in 0..<b.count {
                var id: Int
                if !c.isNull(r), case let .int(v) = c.value(at: r) {
                    id = Int(v)
                } else {
                    largest += 1
                    id = largest
                }
                column[r] = Int64(id)
                guard ordinals[r] == ids.count else { throw SQLError(.internal, "the stored partials of a materialized view repeat a group") }
                ids.append(id)
            }
            var columns = b.columns
            columns[idColumn] = Column(type: .int64, storage: .int(column))
            out.append(Batch(columns: columns, count: b.count))
        }
        return (out, index, ids)
    }

    /// (group id, MEDIAN arguments) of core rows that some MEDIAN counts; `index` and `ids`
    /// (from `assignIds`) know every group of the rows.
    func medianValues(of rows: [Batch], index: GroupKeyIndex, ids: [Int], evaluator: ExpressionEvaluator) throws(SQLError) -> [Batch] {
        let calls = medianCalls.map { node.aggregates[$0] }
        var out: [Batch] = []
        for b in rows where b.count > 0 {
            let ordinals = node.groups.isEmpty ? [Int](repeating: 0, count: b.count)
                : index.ids(of: try node.groups.map { e throws(SQLError) in try evaluator.evaluate(e, b) }, count: b.count)
            var args: [Column] = []
            var counted: [Column?] = []
            for call in calls {
                args.append(try evaluator.evaluate(call.args[0], b))
                counted.append(try call.filter.map { e throws(SQLError) in try evaluator.evaluate(e, b) })
            }
            var g = ColumnBuilder(type: .int64, capacity: b.count)
            var m = calls.map { _ in ColumnBuilder(type: .float64, capacity: b.count) }
            var n = 0
            for r in 0..<b.count {
                var present = [Double?](repeating: nil, count: calls.count)
                var any = false
                for k in calls.indices {
                    if let f = counted[k], f.isNull(r) || f.value(at: r) != .bool(true) { continue }
                    guard !args[k].isNull(r), case let .double(v) = args[k].value(at: r) else { continue }
                    present[k] = v
                    any = true
                }
                guard any else { continue }
                let o = ordinals[r]
                guard o >= 0, o < ids.count else { throw SQLError(.internal, "a row of a materialized view's refresh has no group") }
                g.append(int: Int64(ids[o]))
                for k in calls.indices {
                    if let v = present[k] { m[k].append(double: v) } else { m[k].appendNull() }
                }
                n += 1
            }
            if n > 0 { out.append(Batch(columns: [g.finish()] + m.map { $0.finish() }, count: n)) }
        }
        return out
    }

    /// `state` with the medians of the groups whose ids are in `affected` computed from
    /// `values` (every value of those groups); the other groups keep theirs.
    func recomputeMedians(_ state: [Batch], values: [Batch], affected: Set<Int>) throws(SQLError) -> [Batch] {
        guard !affected.isEmpty, let largest = affected.max() else { return state }
        let order = affected.sorted()
        var slot = [Int](repeating: -1, count: largest + 1)
        for (i, g) in order.enumerated() { slot[g] = i }
        let calls = medianCalls
        var medians: [[Double?]] = []
        for k in calls.indices {
            // Bucket the affected groups' values (counting sort), then one median each.
            var start = [Int](repeating: 0, count: order.count + 1)
            for b in values {
                guard case let .int(gs) = b.columns[0].storage, case .double = b.columns[k + 1].storage else {
                    throw SQLError(.internal, "unexpected stored median values")
                }
                let c = b.columns[k + 1]
                for r in 0..<b.count where !c.isNull(r) && gs[r] >= 0 && gs[r] <= Int64(largest) && slot[Int(gs[r])] >= 0 {
                    start[slot[Int(gs[r])] + 1] += 1
                }
            }
            for i in 0..<order.count { start[i + 1] += start[i] }
            var next = start
            var bucket = [Double](repeating: 0, count: start[order.count])
            for b in values {
                guard case let .int(gs) = b.columns[0].storage, case let .double(vs) = b.columns[k + 1].storage else { continue }
                let c = b.columns[k + 1]
                for r in 0..<b.count where !c.isNull(r) && gs[r] >= 0 && gs[r] <= Int64(largest) && slot[Int(gs[r])] >= 0 {
                    let s = slot[Int(gs[r])]
                    bucket[next[s]] = vs[r]
                    next[s] += 1
                }
            }
            var result = [Double?](repeating: nil, count: order.count)
            bucket.withUnsafeMutableBufferPointer { buffer in
                for i in 0..<order.count {
                    result[i] = medianOfDoubles(UnsafeMutableBufferPointer(rebasing: buffer[start[i]..<start[i + 1]]))
                }
            }
            medians.append(result)
        }
        return state.map { b in
            var columns = b.columns
            let idColumn = b.columns[self.idColumn]
            for (k, call) in calls.enumerated() {
                let position = stateColumn(ofCall: call)
                let old = b.columns[position]
                var builder = ColumnBuilder(type: .float64, capacity: b.count)
                for r in 0..<b.count {
                    if case let .int(id) = idColumn.value(at: r), id >= 0, id <= Int64(largest), slot[Int(id)] >= 0 {
                        if let v = medians[k][slot[Int(id)]] { builder.append(double: v) } else { builder.appendNull() }
                    } else {
                        builder.append(old.value(at: r))
                    }
                }
                columns[position] = builder.finish()
            }
            return Batch(columns: columns, count: b.count)
        }
    }
}
