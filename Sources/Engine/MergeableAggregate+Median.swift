import Columnar
import Dispatch
import FoundationEssentials
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
        var out: [Batch] = []
        for b in rows where b.count > 0 {
            let ordinals = node.groups.isEmpty ? [Int](repeating: 0, count: b.count)
                : index.ids(of: try node.groups.map { e throws(SQLError) in try evaluator.evaluate(e, b) }, count: b.count)
            var gids = [Int](repeating: 0, count: b.count)
            for r in 0..<b.count {
                let o = ordinals[r]
                guard o >= 0, o < ids.count else { throw SQLError(.internal, "a row of a materialized view's refresh has no group") }
                gids[r] = ids[o]
            }
            if let v = try medianValues(of: b, gids: gids, evaluator: evaluator) { out.append(v) }
        }
        return out
    }

    /// The (group id, MEDIAN arguments) rows of `b` whose group ids are `gids`, for the rows
    /// some MEDIAN counts (nil: none).
    func medianValues(of b: Batch, gids: [Int], evaluator: ExpressionEvaluator) throws(SQLError) -> Batch? {
        let calls = medianCalls.map { node.aggregates[$0] }
        // Per call: the argument as DOUBLEs and whether each row counts.
        var values: [[Double]] = []
        var counts: [[Bool]] = []
        for call in calls {
            let arg = try evaluator.evaluate(call.args[0], b)
            var v = [Double](repeating: 0, count: b.count)
            var c = [Bool](repeating: true, count: b.count)
            if case let .double(a) = arg.storage, a.count == b.count {
                v = a
                if arg.validity != nil { for r in 0..<b.count where arg.isNull(r) { c[r] = false } }
            } else {
                for r in 0..<b.count {
                    if case let .double(x) = arg.value(at: r) { v[r] = x } else { c[r] = false }
                }
            }
            if let e = call.filter {
                let f = try evaluator.evaluate(e, b)
                if case let .bool(a) = f.storage, a.count == b.count {
                    for r in 0..<b.count where !a[r] || f.isNull(r) { c[r] = false }
                } else {
                    for r in 0..<b.count where f.value(at: r) != .bool(true) { c[r] = false }
                }
            }
            values.append(v)
            counts.append(c)
        }
        var keep: [Int] = []
        keep.reserveCapacity(b.count)
        for r in 0..<b.count where counts.contains(where: { $0[r] }) { keep.append(r) }
        guard !keep.isEmpty else { return nil }
        var columns = [Column(type: .int64, storage: .int(keep.map { Int64(gids[$0]) }))]
        for k in calls.indices {
            let v = keep.map { values[k][$0] }
            var validity: Bitmap? = nil
            if keep.contains(where: { !counts[k][$0] }) {
                var bits = Bitmap(count: keep.count, value: true)
                for (i, r) in keep.enumerated() where !counts[k][r] { bits[i] = false }
                validity = bits
            }
            columns.append(Column(type: .float64, storage: .double(v), validity: validity))
        }
        return Batch(columns: columns, count: keep.count)
    }

    /// The state (partials in group id order, ids 0, 1, ...) and the values of a full
    /// refresh: every core row's group is found once, then partials are computed per id.
    func fullState(of rows: [Batch], coreSchema: Schema, context: ExecutionContext, evaluator: ExpressionEvaluator) throws(SQLError) -> (state: [Batch], values: [Batch]) {
        guard !node.groups.isEmpty else {
            let (state, index, ids) = try assignIds(try partial(of: rows, coreSchema: coreSchema, context: context))
            return (state, try medianValues(of: rows, index: index, ids: ids, evaluator: evaluator))
        }
        let (index, withIds, values) = try groupIds(of: rows, evaluator: evaluator)
        let n = index.count
        // The other partials per group id (the medians come from the values below).
        let others = partials.indices.filter { p in partials[p].function != .median }
        let input = MemoryTable(schema: Schema(coreSchema.fields + [Field(name: "group id", type: .int64)]), batches: withIds)
        let plan = LogicalPlan.aggregate(AggregateNode(input: Self.scan(input), groups: [BoundExpr(.column(coreSchema.count), .int64)],
                                                       aggregates: others.map { partials[$0] }, names: ["g"] + others.map { "p\($0)" }))
        let perId = Batch.concatenate(try Executor.collect(plan, context: context, ordered: false), types: [.int64] + others.map { partials[$0].type })
        guard perId.count == n, case let .int(idOf) = perId.columns[0].storage else {
            throw SQLError(.internal, "partials of \(n) groups came out as \(perId.count) rows")
        }
        var position = [Int](repeating: 0, count: n)
        for (row, id) in idOf.enumerated() { position[Int(id)] = row }
        let ordered = perId.gather(position)
        var columns = index.keys()
        for p in partials.indices {
            if let k = others.firstIndex(of: p) {
                columns.append(ordered.columns[k + 1])
            } else {
                columns.append(Column.constant(.null, type: .float64, count: n))
            }
        }
        columns.append(Column(type: .int64, storage: .int((0..<n).map(Int64.init))))
        guard n > 0 else { return ([], values) }
        return (try recomputeMedians([Batch(columns: columns, count: n)], values: values, affected: Set(0..<n)), values)
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
            // Groups split between two threads by their values' midpoint.
            var result = [Double](repeating: .nan, count: order.count)
            var has = [Bool](repeating: false, count: order.count)
            let total = start[order.count]
            let cut = start.firstIndex { $0 >= total / 2 } ?? order.count
            result.withUnsafeMutableBufferPointer { out in
                has.withUnsafeMutableBufferPointer { present in
                    bucket.withUnsafeMutableBufferPointer { buffer in
                        // Each thread writes only its own groups' slots and values.
                        struct Shared: @unchecked Sendable {
                            let out: UnsafeMutableBufferPointer<Double>
                            let present: UnsafeMutableBufferPointer<Bool>
                            let buffer: UnsafeMutableBufferPointer<Double>
                        }
                        let shared = Shared(out: out, present: present, buffer: buffer)
                        let ranges = [0..<min(cut, order.count), min(cut, order.count)..<order.count]
                        let work: @Sendable (Int) -> Void = { [start] t in
                            for i in ranges[t] {
                                if let m = medianOfDoubles(UnsafeMutableBufferPointer(rebasing: shared.buffer[start[i]..<start[i + 1]])) {
                                    shared.out[i] = m
                                    shared.present[i] = true
                                }
                            }
                        }
                        if total >= 1024 { DispatchQueue.concurrentPerform(iterations: 2, execute: work) } else { work(0); work(1) }
                    }
                }
            }
            medians.append(order.indices.map { has[$0] ? result[$0] : nil })
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

    /// Every row's group id (the rows with an id column added) and the median values, with
    /// the rows shared between two threads: each numbers the groups it meets, then the
    /// second thread's numbers are mapped onto the first's.
    func groupIds(of rows: [Batch], evaluator: ExpressionEvaluator) throws(SQLError) -> (GroupKeyIndex, [Batch], [Batch]) {
        let parts = rows.count >= 2 ? 2 : 1
        let work = rows.filter { $0.count > 0 }
        final class Part: @unchecked Sendable {
            var index: GroupKeyIndex
            var withIds: [Batch] = []
            var values: [Batch] = []
            var error: SQLError?
            init(_ index: GroupKeyIndex) { self.index = index }
        }
        let results = (0..<parts).map { _ in Part(GroupKeyIndex(types: node.groups.map(\.type))) }
        let me = self
        let functions = evaluator.context
        let body: @Sendable (Int) -> Void = { t in
            let part = results[t]
            let evaluator = ExpressionEvaluator(context: functions)
            do throws(SQLError) {
                for k in stride(from: t, to: work.count, by: parts) {
                    let b = work[k]
                    let keys = try me.node.groups.map { e throws(SQLError) in try evaluator.evaluate(e, b) }
                    let gids = part.index.ids(adding: keys, count: b.count)
                    part.withIds.append(Batch(columns: b.columns + [Column(type: .int64, storage: .int(gids.map(Int64.init)))], count: b.count))
                    if let v = try me.medianValues(of: b, gids: gids, evaluator: evaluator) { part.values.append(v) }
                }
            } catch {
                part.error = error
            }
        }
        if parts == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: body) }
        for part in results { if let e = part.error { throw e } }
        let first = results[0]
        var withIds = first.withIds, values = first.values
        for part in results.dropFirst() {
            // This thread's ids, renumbered into the first index.
            let map = first.index.ids(adding: part.index.keys(), count: part.index.count).map(Int64.init)
            func renumber(_ b: Batch, column: Int) -> Batch {
                guard case let .int(local) = b.columns[column].storage else { return b }
                var columns = b.columns
                columns[column] = Column(type: .int64, storage: .int(local.map { map[Int($0)] }))
                return Batch(columns: columns, count: b.count)
            }
            withIds += part.withIds.map { renumber($0, column: $0.columns.count - 1) }
            values += part.values.map { renumber($0, column: 0) }
        }
        return (first.index, withIds, values)
    }
}
