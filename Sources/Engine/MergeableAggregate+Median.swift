import Columnar
import Dispatch
import FoundationEssentials
import Diagnostics
import Execution
import Planner

/// MEDIAN in a view refreshed from partials. Every group of the state has an id (its last
/// column, equal to its row: the state is kept in id order); the values the medians are taken
/// of are kept as sorted runs (`MedianRun`) of (call and group id, value). A refresh adds
/// the new rows' values as one more run and finds the median again only for the groups that
/// gained values, by a search across the runs (`MergeableAggregate+Update.swift`).
extension MergeableAggregate {
    /// A run file's columns: the key (call << 40 | group id), then the value.
    var valuesSchema: Schema {
        Schema([Field(name: "k", type: .int64), Field(name: "v", type: .float64)])
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

    /// The (group id, MEDIAN arguments) rows of `b` whose group ids are `gids`, for the rows
    /// some MEDIAN counts (nil: none).
    func medianValues(of b: Batch, gids: [Int], evaluator: ExpressionEvaluator) throws(SQLError) -> Batch? {
        let calls = medianCalls.map { node.aggregates[$0] }
        guard !calls.isEmpty else { return nil }
        // Per call: the argument as DOUBLEs and whether each row counts.
        var values: [[Double]] = []
        var counts: [[Bool]] = []
        for call in calls {
            let arg = try evaluator.evaluate(call.args[0], b)
            var v: [Double]
            var c = [Bool](repeating: true, count: b.count)
            if case let .double(a) = arg.storage, a.count == b.count {
                v = a
                if arg.validity != nil { for r in 0..<b.count where arg.isNull(r) { c[r] = false } }
            } else {
                v = [Double](repeating: 0, count: b.count)
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
        // The rows some call counts (all of them, often).
        var any = counts[0]
        for c in counts.dropFirst() { for r in 0..<b.count where c[r] { any[r] = true } }
        if !any.contains(false) {
            var columns = [Column(type: .int64, storage: .int(gids.map(Int64.init)))]
            for k in calls.indices {
                let validity = counts[k].contains(false) ? Bitmap.of(counts[k]) : nil
                columns.append(Column(type: .float64, storage: .double(values[k]), validity: validity))
            }
            return Batch(columns: columns, count: b.count)
        }
        var keep: [Int] = []
        keep.reserveCapacity(b.count)
        for r in 0..<b.count where any[r] { keep.append(r) }
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
    /// refresh as one sorted run: every core row's group is found once, then partials are
    /// computed per id, and each median is read off its group's sorted slice of the run.
    func fullState(of rows: [Batch], coreSchema: Schema, context: ExecutionContext, evaluator: ExpressionEvaluator) throws(SQLError) -> (state: Batch, values: MedianRun) {
        let calls = medianCalls.count
        guard !node.groups.isEmpty else {
            // One group, id 0, even without rows.
            var state = Batch.concatenate(try partial(of: rows, coreSchema: coreSchema, context: context), types: stateSchema.fields.map(\.type))
            guard state.count == 1 else { throw SQLError(.internal, "a global aggregate gave \(state.count) rows of partials") }
            state.columns[idColumn] = Column(type: .int64, storage: .int([0]))
            var values: [Batch] = []
            for b in rows where b.count > 0 {
                if let v = try medianValues(of: b, gids: [Int](repeating: 0, count: b.count), evaluator: evaluator) { values.append(v) }
            }
            let (run, starts) = try MedianRun.build(values, calls: calls, groups: 1)
            return (withMedians(state, run: run, starts: starts), run)
        }
        let (index, withIds, values) = try groupIds(of: rows, evaluator: evaluator)
        let n = index.count
        // The partials summed straight into arrays by group id, when every call allows it
        // (the medians come from the values below).
        if let typed = try typedPartials(withIds, total: n, evaluator: evaluator) {
            guard typed.count == n, case let .int(idOf) = typed.columns[0].storage else {
                throw SQLError(.internal, "partials of \(n) groups came out as \(typed.count) rows")
            }
            var position = [Int](repeating: 0, count: n)
            for (row, id) in idOf.enumerated() { position[Int(id)] = row }
            let ordered = typed.gather(position)
            let columns = index.keys() + ordered.columns.dropFirst() + [Column(type: .int64, storage: .int((0..<n).map(Int64.init)))]
            let (run, starts) = try MedianRun.build(values, calls: calls, groups: n)
            return (withMedians(Batch(columns: columns, count: n), run: run, starts: starts), run)
        }
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
        let (run, starts) = try MedianRun.build(values, calls: calls, groups: n)
        return (withMedians(Batch(columns: columns, count: n), run: run, starts: starts), run)
    }

    /// `state` (in group id order) with every group's medians read off the sorted `run`
    /// built over all its groups (`starts` from `MedianRun.build`).
    func withMedians(_ state: Batch, run: MedianRun, starts: [Int]) -> Batch {
        var state = state
        let n = state.count
        for (c, call) in medianCalls.enumerated() {
            var out = [Double](repeating: 0, count: n)
            var validity = Bitmap(count: n, value: true)
            var nulls = false
            for g in 0..<n {
                let b = c * n + g
                if let m = MedianRun.median(ofSorted: run.values, starts[b]..<starts[b + 1]) {
                    out[g] = m
                } else {
                    validity[g] = false
                    nulls = true
                }
            }
            state.columns[stateColumn(ofCall: call)] = Column(type: .float64, storage: .double(out), validity: nulls ? validity : nil)
        }
        return state
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
