import Columnar
import Diagnostics
import Dispatch
import Planner

/// The partials of the new rows per group id without the aggregate operator, when every
/// call is a COUNT, or a SUM, MIN or MAX of 64-bit integers or DOUBLEs (FILTER allowed):
/// the rows already carry dense group ids, so each call is one pass adding into arrays, with
/// the accumulators' arithmetic (rows in order, a DOUBLE sum from zero, an integer sum that
/// overflows is an error, NaN greatest). Other calls go through the aggregate.
extension MergeableAggregate {
    /// Rows of (group id, partials...) for the groups of `rows` (core rows with a last
    /// column of group ids below `total`); nil when some call needs the aggregate.
    func typedPartials(_ rows: [Batch], total: Int, evaluator: ExpressionEvaluator) throws(SQLError) -> Batch? {
        for call in partials {
            guard !call.distinct, call.orderBy.isEmpty else { return nil }
            switch call.function {
            case .countStar, .count, .median: continue
            case .sum, .min, .max:
                guard call.args.count == 1, [.int, .double].contains(call.type.physical), call.args[0].type.physical == call.type.physical else { return nil }
            default: return nil
            }
        }
        // Dense slots for the touched groups, in order of first appearance.
        var slot = [Int32](repeating: -1, count: total)
        var ids: [Int64] = []
        var slots: [[Int32]] = []
        for b in rows {
            guard case let .int(gids) = b.columns[b.columns.count - 1].storage else { return nil }
            var s = [Int32](repeating: 0, count: b.count)
            for (r, g) in gids.enumerated() {
                guard g >= 0, g < Int64(total) else { throw SQLError(.internal, "a new row has no group") }
                if slot[Int(g)] < 0 {
                    slot[Int(g)] = Int32(ids.count)
                    ids.append(g)
                }
                s[r] = slot[Int(g)]
            }
            slots.append(s)
        }
        let n = ids.count
        // Each call is its own pass: many rows' calls run on two threads.
        final class Result: @unchecked Sendable {
            var column: Column?
            var error: SQLError?
        }
        let results = partials.map { _ in Result() }
        let me = self, calls = partials, functions = evaluator.context, slotsOf = slots
        let body: @Sendable (Int) -> Void = { t in
            let evaluator = ExpressionEvaluator(context: functions)
            for k in stride(from: t, to: calls.count, by: 2) {
                do throws(SQLError) {
                    results[k].column = try me.typedPartial(calls[k], rows, slots: slotsOf, groups: n, evaluator: evaluator)
                } catch {
                    results[k].error = error
                }
            }
        }
        if calls.count > 1, rows.reduce(0, { $0 + $1.count }) >= 65_536 {
            DispatchQueue.concurrentPerform(iterations: 2, execute: body)
        } else {
            body(0)
            body(1)
        }
        var columns = [Column(type: .int64, storage: .int(ids))]
        for r in results {
            if let e = r.error { throw e }
            guard let c = r.column else { throw SQLError(.internal, "a partial was not computed") }
            columns.append(c)
        }
        return Batch(columns: columns, count: n)
    }

    /// One call's partial per slot.
    func typedPartial(_ call: AggregateCall, _ rows: [Batch], slots: [[Int32]], groups n: Int, evaluator: ExpressionEvaluator) throws(SQLError) -> Column {
        if call.function == .median { return Column.constant(.null, type: .float64, count: n) }
        var ints = [Int64](repeating: 0, count: n), doubles = [Double](repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        for (b, s) in zip(rows, slots) {
            var counts = [Bool](repeating: true, count: b.count)
            if let e = call.filter {
                let f = try evaluator.evaluate(e, b)
                if case let .bool(a) = f.storage, a.count == b.count {
                    for r in 0..<b.count where !a[r] || f.isNull(r) { counts[r] = false }
                } else {
                    for r in 0..<b.count where f.value(at: r) != .bool(true) { counts[r] = false }
                }
            }
            if call.function == .countStar {
                for r in 0..<b.count where counts[r] { ints[Int(s[r])] += 1 }
                continue
            }
            let arg = try evaluator.evaluate(call.args[0], b)
            for r in 0..<b.count where arg.isNull(r) { counts[r] = false }
            if call.function == .count {
                for r in 0..<b.count where counts[r] { ints[Int(s[r])] += 1 }
                continue
            }
            switch arg.storage {
            case let .int(a):
                for r in 0..<b.count where counts[r] {
                    let i = Int(s[r]), v = a[r]
                    switch call.function {
                    case .min: if !seen[i] || v < ints[i] { ints[i] = v }
                    case .max: if !seen[i] || ints[i] < v { ints[i] = v }
                    default:
                        let (sum, o) = ints[i].addingReportingOverflow(v)
                        if o { throw SQLError(.runtime, "integer out of range in sum()") }
                        ints[i] = sum
                    }
                    seen[i] = true
                }
            case let .double(a):
                for r in 0..<b.count where counts[r] {
                    let i = Int(s[r]), v = a[r]
                    switch call.function {
                    case .min: if !seen[i] || ValueOrdering.compareDoubles(v, doubles[i]) < 0 { doubles[i] = v }
                    case .max: if !seen[i] || ValueOrdering.compareDoubles(doubles[i], v) < 0 { doubles[i] = v }
                    default: doubles[i] += v
                    }
                    seen[i] = true
                }
            default:
                throw SQLError(.internal, "unexpected \(call.args[0].type) argument of \(call.function)")
            }
        }
        switch call.function {
        case .countStar, .count: return Column(type: call.type, storage: .int(ints))
        default:
            let validity = seen.contains(false) ? Bitmap.of(seen) : nil
            return call.type.physical == .int ? Column(type: call.type, storage: .int(ints), validity: validity)
                : Column(type: call.type, storage: .double(doubles), validity: validity)
        }
    }
}
