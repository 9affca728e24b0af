import Columnar
import Diagnostics
import Planner

/// Sorts its whole input (a pipeline breaker), then emits it in batches.
/// With a limit (top-N) only the first rows are kept.
final class SortOperator: PhysicalOperator {
    let input: any PhysicalOperator
    let node: SortNode
    let context: ExecutionContext
    var sorted: Batch? = nil
    var slicer = BatchSlicer()

    init(input: any PhysicalOperator, node: SortNode, context: ExecutionContext) {
        self.input = input
        self.node = node
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        if sorted == nil {
            let all = try input.drainConcatenated(types: node.input.schema.types)
            try context.checkCancelled()
            let evaluator = context.evaluator
            var keyColumns: [Column] = []
            for k in node.keys { keyColumns.append(try evaluator.evaluate(k.expr, all)) }
            let comparator = RowComparator(columns: keyColumns, ascending: node.keys.map(\.ascending), nullsFirst: node.keys.map(\.nullsFirst))
            let order = comparator.sortedIndices(count: all.count, limit: node.limit)
            sorted = all.gather(order)
        }
        guard let all = sorted else { return nil }
        return slicer.next(of: all)
    }
}
