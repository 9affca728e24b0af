import Columnar
import Diagnostics
import Execution
import Planner

/// An incremental refresh of a view kept as partials. The stored state is in group id
/// order (row i is group i), so its keys are indexed once: the new rows find their groups'
/// ids with one probe each (new groups get the next ids), their partials are computed per
/// id, and only the groups they touch are merged (by id) and, for MEDIAN, taken again
/// across the sorted runs of kept values.
extension MergeableAggregate {
    /// The state after new core rows were merged in.
    struct Update {
        /// One row per group in id order.
        var state: Batch
        /// The new rows' MEDIAN values as a sorted run over the groups of `state`, and its
        /// bucket starts (see `MedianRun.build`); nil without medians.
        var values: (run: MedianRun, starts: [Int])?
    }

    /// `stored` (the state) with the partials of `delta` (new core rows) merged in; the
    /// medians are still the old ones (`refreshMedians` takes them again).
    func update(_ stored: [Batch], with delta: [Batch], coreSchema: Schema, context: ExecutionContext,
                evaluator: ExpressionEvaluator) throws(SQLError) -> Update {
        let types = stateSchema.fields.map(\.type)
        let old = Batch.concatenate(stored, types: types)
        let n = old.count, g = node.groups.count
        if hasMedians {
            guard case let .int(ids) = old.columns[idColumn].storage, ids.count == n, old.columns[idColumn].validity == nil,
                  ids.enumerated().allSatisfy({ Int64($0.offset) == $0.element }) else {
                throw SQLError(.internal, "the stored partials of a materialized view are not in group id order")
            }
        }
        let (withIds, newKeys, total) = try groupIds(of: delta, old: old, evaluator: evaluator)
        var values: [Batch] = []
        if hasMedians {
            for b in withIds {
                guard case let .int(gids) = b.columns[b.columns.count - 1].storage else { continue }
                if let v = try medianValues(of: b, gids: gids.map { Int($0) }, evaluator: evaluator) { values.append(v) }
            }
        }
        let newPartials: Batch
        if let typed = try typedPartials(withIds, total: total, evaluator: evaluator) {
            newPartials = typed
        } else {
            newPartials = try partialsById(withIds, coreSchema: coreSchema, context: context)
        }
        var columns = g == 0 ? [] : (0..<g).map { k in Column.concatenate([old.columns[k], newKeys[k]], type: types[k]) }
        if let merged = try mergedTyped(old, newPartials: newPartials, total: total) {
            columns += merged
        } else {
            let merged = try mergeById(old, newPartials: newPartials, context: context)
            // Row i of the new state: the old row i, or the merged row of group i.
            var position = Array(0..<total)
            guard case let .int(mergedIds) = merged.columns[0].storage else { throw SQLError(.internal, "merged partials without ids") }
            for (row, id) in mergedIds.enumerated() {
                guard id >= 0, id < Int64(total) else { throw SQLError(.internal, "merged partials of an unknown group") }
                position[Int(id)] = n + row
            }
            guard position.allSatisfy({ $0 < n + merged.count }) else { throw SQLError(.internal, "a new group got no partials") }
            for p in partials.indices {
                columns.append(Column.concatenate([old.columns[g + p], merged.columns[1 + p]], type: partials[p].type).gather(position))
            }
        }
        if hasMedians { columns.append(Column(type: .int64, storage: .int((0..<total).map(Int64.init)))) }
        let state = Batch(columns: columns, count: total)
        guard hasMedians else { return Update(state: state, values: nil) }
        return Update(state: state, values: try MedianRun.build(values, calls: medianCalls.count, groups: total))
    }

    /// The group id of every new row (the rows with an id column added), the keys of the
    /// groups new to the state (ids from `old.count` on), and the number of groups. Only the
    /// new rows' keys are indexed; the stored keys are looked up in that small index, so a
    /// stored group costs one probe and no insert.
    func groupIds(of delta: [Batch], old: Batch, evaluator: ExpressionEvaluator) throws(SQLError) -> (withIds: [Batch], newKeys: [Column], total: Int) {
        let n = old.count, g = node.groups.count
        let rows = delta.filter { $0.count > 0 }
        guard g > 0 else {
            let withIds = rows.map { b in Batch(columns: b.columns + [Column(type: .int64, storage: .int([Int64](repeating: 0, count: b.count)))], count: b.count) }
            return (withIds, [], max(n, rows.isEmpty ? 0 : 1))
        }
        let index = GroupKeyIndex(types: node.groups.map(\.type))
        var local: [[Int]] = []
        for b in rows {
            let ids = index.ids(adding: try node.groups.map { e throws(SQLError) in try evaluator.evaluate(e, b) }, count: b.count)
            guard ids.count == b.count else { throw SQLError(.internal, "group keys of new rows could not be indexed") }
            local.append(ids)
        }
        // Each new key's id: its stored group's, else the next one after the stored groups.
        var global = [Int](repeating: -1, count: index.count)
        if n > 0, index.count > 0 {
            let found = index.ids(of: Array(old.columns.prefix(g)), count: n)
            for (r, l) in found.enumerated() where l >= 0 {
                guard global[l] < 0 else { throw SQLError(.internal, "the stored partials of a materialized view repeat a group") }
                global[l] = r
            }
        }
        var added: [Int] = []
        for l in global.indices where global[l] < 0 {
            global[l] = n + added.count
            added.append(l)
        }
        let keys = index.keys().map { $0.gather(added) }
        let withIds = zip(rows, local).map { b, ids in
            Batch(columns: b.columns + [Column(type: .int64, storage: .int(ids.map { Int64(global[$0]) }))], count: b.count)
        }
        return (withIds, keys, n + added.count)
    }

    /// The partials (but MEDIAN's, left NULL) of core rows carrying their group id as a last
    /// column: rows of (group id, partials...).
    func partialsById(_ rows: [Batch], coreSchema: Schema, context: ExecutionContext) throws(SQLError) -> Batch {
        let others = partials.indices.filter { partials[$0].function != .median }
        let types = [DataType.int64] + others.map { partials[$0].type }
        guard !rows.isEmpty else { return Batch.empty(types: types) }
        let input = MemoryTable(schema: Schema(coreSchema.fields + [Field(name: "group id", type: .int64)]), batches: rows)
        let plan = LogicalPlan.aggregate(AggregateNode(input: Self.scan(input), groups: [BoundExpr(.column(coreSchema.count), .int64)],
                                                       aggregates: others.map { partials[$0] }, names: ["g"] + others.map { "p\($0)" }))
        let perId = Batch.concatenate(try Executor.collect(plan, context: context, ordered: false), types: types)
        var columns = [perId.columns[0]]
        for p in partials.indices {
            if let k = others.firstIndex(of: p) {
                columns.append(perId.columns[k + 1])
            } else {
                columns.append(Column.constant(.null, type: .float64, count: perId.count))
            }
        }
        return Batch(columns: columns, count: perId.count)
    }

    /// The groups of `new` (rows of group id, partials) merged with their old partials in
    /// `old` (the state, row i being group i): rows of (group id, merged partials).
    func mergeById(_ old: Batch, newPartials new: Batch, context: ExecutionContext) throws(SQLError) -> Batch {
        let g = node.groups.count
        guard case let .int(ids) = new.columns[0].storage else { throw SQLError(.internal, "new partials without ids") }
        let touched = ids.filter { $0 >= 0 && $0 < Int64(old.count) }.map { Int($0) }
        let before = old.gather(touched)
        // Both sides as (partials..., group id).
        var oldSide = Array(before.columns[g..<(g + partials.count)])
        oldSide.append(Column(type: .int64, storage: .int(touched.map(Int64.init))))
        let newSide = Array(new.columns.dropFirst()) + [new.columns[0]]
        let fields = partials.indices.map { Field(name: "p\($0)", type: partials[$0].type) } + [Field(name: "g", type: .int64)]
        let input = MemoryTable(schema: Schema(fields), batches: [Batch(columns: oldSide, count: touched.count), Batch(columns: newSide, count: new.count)])
        let plan = LogicalPlan.aggregate(AggregateNode(input: Self.scan(input), groups: [BoundExpr(.column(partials.count), .int64)],
                                                       aggregates: mergeCalls, names: ["g"] + partials.indices.map { "p\($0)" }))
        return Batch.concatenate(try Executor.collect(plan, context: context, ordered: false), types: [.int64] + partials.map(\.type))
    }

    /// The calls merging partial columns (at 0, 1, ...) of several rows of one group.
    var mergeCalls: [AggregateCall] {
        var merges: [AggregateCall] = []
        var column = 0
        for part in parts {
            switch part {
            case let .single(function):
                let t = partials[column].type
                merges.append(AggregateCall(function: function, args: [BoundExpr(.column(column), t)], type: t))
                column += 1
            case .average:
                merges.append(AggregateCall(function: .sum, args: [BoundExpr(.column(column), .float64)], type: .float64))
                merges.append(AggregateCall(function: .sum, args: [BoundExpr(.column(column + 1), .int64)], type: .int64))
                column += 2
            case .median:
                // Taken again afterwards for the groups that gained values.
                merges.append(AggregateCall(function: .max, args: [BoundExpr(.column(column), .float64)], type: .float64))
                column += 1
            }
        }
        return merges
    }
}

extension MergeableAggregate {
    /// `state` (in group id order) with the medians of the groups that gained values taken
    /// again across the kept runs and the new run (`starts` its buckets); the other groups
    /// keep theirs.
    func refreshMedians(_ state: Batch, runs: [MedianRun], new: MedianRun, starts: [Int]) throws(SQLError) -> Batch {
        var state = state
        let total = state.count
        let all = runs + [new]
        guard starts.count == medianCalls.count * total + 1 else { throw SQLError(.internal, "new median values do not match the state") }
        for (c, call) in medianCalls.enumerated() {
            let position = stateColumn(ofCall: call)
            let old = state.columns[position]
            var out = [Double](repeating: 0, count: total)
            if case let .double(a) = old.storage, a.count == total {
                out = a
            } else {
                for r in 0..<total { if case let .double(x) = old.value(at: r) { out[r] = x } }
            }
            var validity = Bitmap.flags(old.validity, count: total)
            // Keys are asked in ascending order: each run's search starts past the last answer.
            var from = [Int](repeating: 0, count: runs.count)
            var ranges = [Range<Int>](repeating: 0..<0, count: all.count)
            for g in 0..<total {
                let b = c * total + g
                guard starts[b + 1] > starts[b] else { continue }
                let key = MedianRun.key(call: c, group: g)
                for (i, run) in runs.enumerated() {
                    ranges[i] = run.range(of: key, from: from[i])
                    from[i] = ranges[i].upperBound
                }
                ranges[runs.count] = starts[b]..<starts[b + 1]
                if let m = try MedianRun.median(across: all, ranges: ranges) {
                    out[g] = m
                    validity[g] = true
                }
            }
            state.columns[position] = Column(type: .float64, storage: .double(out), validity: validity.contains(false) ? Bitmap.of(validity) : nil)
        }
        return state
    }
}
