import Columnar
import Diagnostics
import Planner

/// Computes window functions over its whole input: for each call, rows are ordered by
/// (partition keys, order keys); ranks come from peer groups, values from frames.
/// Output: the input columns plus one column per call, in input order.
final class WindowOperator: PhysicalOperator {
    let node: WindowNode
    let input: any PhysicalOperator
    let context: ExecutionContext
    var output: Batch? = nil
    var slicer = BatchSlicer()

    init(node: WindowNode, input: any PhysicalOperator, context: ExecutionContext) {
        self.node = node
        self.input = input
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        if output == nil {
            let all = try input.drainConcatenated(types: node.input.schema.types)
            var columns = all.columns
            for call in node.calls {
                try context.checkCancelled()
                columns.append(try compute(call, all))
            }
            output = Batch(columns: columns, count: all.count)
        }
        guard let all = output else { return nil }
        return slicer.next(of: all)
    }

    /// Partitions as ranges of `order`, the row order (partition keys, then order keys).
    func compute(_ call: WindowCall, _ batch: Batch) throws(SQLError) -> Column {
        let n = batch.count
        let ev = context.evaluator
        var partCols: [Column] = []
        for p in call.partitionBy { partCols.append(try ev.evaluate(p, batch)) }
        var orderCols: [Column] = []
        for o in call.orderBy { orderCols.append(try ev.evaluate(o.expr, batch)) }
        var args: [Column] = []
        for a in call.args { args.append(try ev.evaluate(a, batch)) }
        let comparator = RowComparator(columns: partCols + orderCols,
                                       ascending: partCols.map { _ in true } + call.orderBy.map(\.ascending),
                                       nullsFirst: partCols.map { _ in false } + call.orderBy.map(\.nullsFirst))
        let order = comparator.sortedIndices(count: n)
        var results = [Value](repeating: .null, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && sameKeys(partCols, order[start], order[end]) { end += 1 }
            let rows = Array(order[start..<end])
            try computePartition(call, rows: rows, orderCols: orderCols, args: args, batch: batch, into: &results)
            start = end
        }
        var b = ColumnBuilder(type: call.type, capacity: n)
        for v in results { b.append(v) }
        return b.finish()
    }

    func sameKeys(_ cols: [Column], _ i: Int, _ j: Int) -> Bool {
        for c in cols where !KeyHasher.rowsEqual(c, i, c, j) { return false }
        return true
    }

    func computePartition(_ call: WindowCall, rows: [Int], orderCols: [Column], args: [Column], batch: Batch, into results: inout [Value]) throws(SQLError) {
        let n = rows.count
        // Peer groups: [peerStart[p], peerEnd[p]) for each position p.
        var peerStart = [Int](repeating: 0, count: n)
        var peerEnd = [Int](repeating: n, count: n)
        if !orderCols.isEmpty {
            var s = 0
            while s < n {
                var e = s + 1
                while e < n && sameKeys(orderCols, rows[s], rows[e]) { e += 1 }
                for p in s..<e { peerStart[p] = s; peerEnd[p] = e }
                s = e
            }
        }
        switch call.function {
        case .rowNumber:
            for p in 0..<n { results[rows[p]] = .int(Int64(p + 1)) }
        case .rank:
            for p in 0..<n { results[rows[p]] = .int(Int64(peerStart[p] + 1)) }
        case .denseRank:
            var rank: Int64 = 0
            for p in 0..<n {
                if p == peerStart[p] { rank += 1 }
                results[rows[p]] = .int(rank)
            }
        case .percentRank:
            for p in 0..<n { results[rows[p]] = .double(n <= 1 ? 0 : Double(peerStart[p]) / Double(n - 1)) }
        case .cumeDist:
            for p in 0..<n { results[rows[p]] = .double(Double(peerEnd[p]) / Double(n)) }
        case .ntile:
            guard case let .int(buckets) = args[0].value(at: rows[0]), buckets > 0 else {
                throw SQLError(.runtime, "argument of ntile must be greater than zero")
            }
            let b = Int(buckets)
            let size = n / b, extra = n % b
            var p = 0
            for bucket in 0..<b {
                let len = size + (bucket < extra ? 1 : 0)
                for _ in 0..<len where p < n { results[rows[p]] = .int(Int64(bucket + 1)); p += 1 }
            }
        case .lag, .lead:
            for p in 0..<n {
                var offset: Int64 = 1
                if args.count >= 2 {
                    guard case let .int(o) = args[1].value(at: rows[p]) else { results[rows[p]] = .null; continue }
                    offset = o
                }
                let target = call.function == .lag ? p - Int(offset) : p + Int(offset)
                if target >= 0 && target < n {
                    results[rows[p]] = args[0].value(at: rows[target])
                } else {
                    results[rows[p]] = args.count == 3 ? args[2].value(at: rows[p]) : .null
                }
            }
        case .firstValue, .lastValue, .nthValue:
            for p in 0..<n {
                let (fs, fe) = frame(call, p: p, n: n, peerStart: peerStart, peerEnd: peerEnd, rows: rows, orderCols: orderCols)
                if fs >= fe { results[rows[p]] = .null; continue }
                switch call.function {
                case .firstValue: results[rows[p]] = args[0].value(at: rows[fs])
                case .lastValue: results[rows[p]] = args[0].value(at: rows[fe - 1])
                default:
                    if case let .int(k) = args[1].value(at: rows[p]), k >= 1, fs + Int(k) - 1 < fe {
                        results[rows[p]] = args[0].value(at: rows[fs + Int(k) - 1])
                    } else {
                        results[rows[p]] = .null
                    }
                }
            }
        case let .aggregate(f):
            try aggregateFrames(call, f, rows: rows, args: args, peerStart: peerStart, peerEnd: peerEnd, orderCols: orderCols, into: &results)
        }
    }

    /// Frame of position p as [start, end) positions in the partition.
    func frame(_ call: WindowCall, p: Int, n: Int, peerStart: [Int], peerEnd: [Int], rows: [Int], orderCols: [Column]) -> (Int, Int) {
        guard let f = call.frame else {
            return call.orderBy.isEmpty ? (0, n) : (0, peerEnd[p])
        }
        func position(_ b: WindowFrameSpec.Bound, isStart: Bool) -> Int {
            switch (f.units, b) {
            case (_, .unboundedPreceding): return 0
            case (_, .unboundedFollowing): return n
            case (.rows, .currentRow): return isStart ? p : p + 1
            case (_, .currentRow): return isStart ? peerStart[p] : peerEnd[p]
            case let (.rows, .preceding(k)): return isStart ? max(0, p - Int(k)) : max(0, p - Int(k) + 1)
            case let (.rows, .following(k)): return isStart ? min(n, p + Int(k)) : min(n, p + Int(k) + 1)
            case let (.groups, .preceding(k)), let (.groups, .following(k)):
                // count peer groups
                var s = peerStart[p]
                var steps = Int(k)
                if case .preceding = b {
                    while steps > 0 && s > 0 { s = peerStart[s - 1]; steps -= 1 }
                    return isStart ? s : peerEnd[s]
                }
                var e = peerEnd[p]
                while steps > 0 && e < n { e = peerEnd[e]; steps -= 1 }
                return isStart ? peerStart[max(0, e - 1)] : e
            case let (.range, .preceding(k)), let (.range, .following(k)):
                guard orderCols.count == 1, let cur = orderCols[0].value(at: rows[p]).doubleValue else {
                    return isStart ? peerStart[p] : peerEnd[p]
                }
                let sign: Double = (call.orderBy.first?.ascending ?? true) ? 1 : -1
                let delta: Double
                if case .preceding = b { delta = -Double(k) * sign } else { delta = Double(k) * sign }
                let bound = cur + delta
                var q = isStart ? 0 : n
                if isStart {
                    while q < n, let v = orderCols[0].value(at: rows[q]).doubleValue, sign > 0 ? v < bound : v > bound { q += 1 }
                } else {
                    q = 0
                    while q < n, let v = orderCols[0].value(at: rows[q]).doubleValue, sign > 0 ? v <= bound : v >= bound { q += 1 }
                }
                return q
            }
        }
        return (position(f.start, isStart: true), position(f.end, isStart: false))
    }

    /// Aggregates over frames; frames that start at the partition start are computed incrementally.
    func aggregateFrames(_ call: WindowCall, _ f: AggregateFunction, rows: [Int], args: [Column], peerStart: [Int], peerEnd: [Int], orderCols: [Column], into results: inout [Value]) throws(SQLError) {
        let n = rows.count
        let aggCall = AggregateCall(function: f, args: call.args, type: call.type)
        var running: (any Accumulator)? = nil
        var fedUpTo = 0
        for p in 0..<n {
            let (fs, fe) = frame(call, p: p, n: n, peerStart: peerStart, peerEnd: peerEnd, rows: rows, orderCols: orderCols)
            if fs == 0 && fe >= fedUpTo {
                if running == nil { running = try Accumulators.make(aggCall); running?.resize(1) }
                if fe > fedUpTo, let acc = running {
                    let idx = Array(rows[fedUpTo..<fe])
                    try acc.update([Int](repeating: 0, count: idx.count), args.map { $0.gather(idx) })
                    fedUpTo = fe
                }
                results[rows[p]] = try running?.finish().value(at: 0) ?? .null
            } else {
                let acc = try Accumulators.make(aggCall)
                acc.resize(1)
                if fs < fe {
                    let idx = Array(rows[fs..<fe])
                    try acc.update([Int](repeating: 0, count: idx.count), args.map { $0.gather(idx) })
                }
                results[rows[p]] = try acc.finish().value(at: 0)
            }
        }
    }
}
