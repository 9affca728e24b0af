import Columnar
import Diagnostics
import Planner

/// Reads a table through its provider, then applies the scan's filters to each batch.
final class ScanOperator: PhysicalOperator {
    let source: any BatchSource
    let filters: [BoundExpr]
    let context: ExecutionContext

    init(source: any BatchSource, filters: [BoundExpr], context: ExecutionContext) {
        self.source = source
        self.filters = filters
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        while true {
            try context.checkCancelled()
            guard var batch = try source.next() else { return nil }
            for f in filters {
                if batch.count == 0 { break }
                batch = batch.filter(try context.evaluator.predicateMask(f, batch))
            }
            if batch.count > 0 { return batch }
        }
    }
}

/// Literal rows, evaluated once.
final class ValuesOperator: PhysicalOperator {
    let node: ValuesNode
    let context: ExecutionContext
    var done = false

    init(node: ValuesNode, context: ExecutionContext) {
        self.node = node
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        if done { return nil }
        done = true
        let types = node.schema.types
        if types.isEmpty { return Batch(columns: [], count: node.rows.count) }
        var builders = types.map { ColumnBuilder(type: $0, capacity: node.rows.count) }
        let one = Batch(columns: [], count: 1)
        let evaluator = context.evaluator
        for row in node.rows {
            for (k, e) in row.enumerated() {
                if let v = e.literalValue { builders[k].append(v) } else { builders[k].append(try evaluator.evaluate(e, one).value(at: 0)) }
            }
        }
        return Batch(columns: builders.map { $0.finish() }, count: node.rows.count)
    }
}

/// `range` / `generate_series`: integers in batches. Partition i of n produces the
/// batches whose number is i modulo n.
final class RangeOperator: PhysicalOperator {
    let node: TableFunctionNode
    let context: ExecutionContext
    var produced = 0
    let total: Int
    let partition: Int
    let partitions: Int
    static let morsel = Batch.preferredSize * 4

    init(node: TableFunctionNode, context: ExecutionContext, partition: Int = 0, of partitions: Int = 1) {
        self.node = node
        self.context = context
        total = node.rowCount
        self.partition = partition
        self.partitions = partitions
        produced = partition * RangeOperator.morsel
    }

    func next() throws(SQLError) -> Batch? {
        try context.checkCancelled()
        if produced >= total { return nil }
        let n = min(RangeOperator.morsel, total - produced)
        let start = node.start &+ Int64(produced) &* node.step
        let step = node.step
        let values = [Int64](unsafeUninitializedCapacity: n) { buf, count in
            var v = start
            for i in 0..<n { buf[i] = v; v &+= step }
            count = n
        }
        produced += RangeOperator.morsel * partitions
        return Batch(columns: [Column(type: .int64, storage: .int(values))], count: n)
    }
}
