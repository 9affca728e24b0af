import Columnar
import Diagnostics
import Planner

/// Groups its whole input by key (hash table of distinct keys) and runs one accumulator per
/// aggregate. Without GROUP BY it yields exactly one row, even for empty input.
final class HashAggregateOperator: PhysicalOperator {
    let node: AggregateNode
    let input: any PhysicalOperator
    let context: ExecutionContext
    var output: Batch? = nil
    var slicer = BatchSlicer()

    init(node: AggregateNode, input: any PhysicalOperator, context: ExecutionContext) {
        self.node = node
        self.input = input
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        if output == nil { output = try aggregate() }
        guard let all = output else { return nil }
        return slicer.next(of: all)
    }

    func aggregate() throws(SQLError) -> Batch {
        let table = GroupTable(types: node.groups.map(\.type), nullsMatch: true)
        var accumulators: [any Accumulator] = []
        for a in node.aggregates { accumulators.append(try Accumulators.make(a)) }
        var distinctSeen: [Set<[Value]>] = node.aggregates.map { _ in [] }
        let evaluator = context.evaluator
        let grouped = !node.groups.isEmpty
        if !grouped { for acc in accumulators { acc.resize(1) } }
        while let batch = try input.next() {
            try context.checkCancelled()
            if batch.count == 0 { continue }
            let ids: [Int]
            if grouped {
                var keys: [Column] = []
                for g in node.groups { keys.append(try evaluator.evaluate(g, batch)) }
                ids = table.findOrInsert(keys, count: batch.count)
                for acc in accumulators { acc.resize(table.count) }
            } else {
                ids = [Int](repeating: 0, count: batch.count)
            }
            for (k, call) in node.aggregates.enumerated() {
                var rows: [Int]? = nil
                if let f = call.filter {
                    let mask = try evaluator.predicateMask(f, batch)
                    rows = (0..<batch.count).filter { mask[$0] }
                }
                var args: [Column] = []
                for a in call.args { args.append(try evaluator.evaluate(a, batch)) }
                for o in call.orderBy { args.append(try evaluator.evaluate(o.expr, batch)) }
                if call.distinct, !args.isEmpty {
                    var keep: [Int] = []
                    for i in rows ?? Array(0..<batch.count) {
                        if args[0].isNull(i) { continue }
                        let key = [Value.int(Int64(ids[i]))] + call.args.indices.map { args[$0].value(at: i) }
                        if distinctSeen[k].insert(key).inserted { keep.append(i) }
                    }
                    rows = keep
                }
                if let r = rows {
                    try accumulators[k].update(r.map { ids[$0] }, args.map { $0.gather(r) })
                } else {
                    try accumulators[k].update(ids, args)
                }
            }
        }
        var columns = grouped ? table.keys() : []
        for acc in accumulators { columns.append(try acc.finish()) }
        let count = grouped ? table.count : 1
        return Batch(columns: columns, count: count)
    }
}
