import Columnar
import Diagnostics
import Planner

/// Turns a logical plan into a tree of running operators.
public struct PhysicalPlanner {
    let context: ExecutionContext
    /// Statistics per operator in pre-order, when collecting (EXPLAIN ANALYZE).
    public private(set) var statistics: [(description: String, depth: Int, stats: OperatorStatistics)] = []

    /// Creates a planner for one run of a plan.
    public init(context: ExecutionContext) { self.context = context }

    /// The root operator of `plan`.
    public mutating func plan(_ plan: LogicalPlan) throws(SQLError) -> any PhysicalOperator {
        try build(plan, depth: 0)
    }

    /// `joinOutput`: when `plan` is a join, the columns of its schema its parent reads.
    mutating func build(_ plan: LogicalPlan, depth: Int, joinOutput: [Int]? = nil) throws(SQLError) -> any PhysicalOperator {
        var stats: OperatorStatistics? = nil
        if context.collectStatistics {
            let s = OperatorStatistics()
            statistics.append((PlanPrinter.describe(plan), depth, s))
            stats = s
        }
        let op: any PhysicalOperator
        switch plan {
        case let .scan(n):
            op = ScanOperator(source: try n.open(partition: 0, of: 1), filters: n.filters, context: context)
        case let .values(n):
            op = ValuesOperator(node: n, context: context)
        case let .tableFunction(n):
            op = RangeOperator(node: n, context: context)
        case let .filter(n):
            op = FilterOperator(input: try build(n.input, depth: depth + 1), predicate: n.predicate, context: context)
        case let .project(n):
            let late = PhysicalPlanner.lateMaterialized(n)
            op = ProjectOperator(input: try build(n.input, depth: depth + 1, joinOutput: late?.output), exprs: late?.exprs ?? n.exprs, context: context)
        case let .join(n):
            let l = try build(n.left, depth: depth + 1)
            let r = try buildParallelInput(n.right, depth: depth + 1)
            op = HashJoinOperator(node: n, left: l, right: r, context: context, output: joinOutput)
        case let .aggregate(n):
            let parallel = runsInParallel(n.input)
            let node = parallel ? PhysicalPlanner.precomputingGroupKeys(n) : n
            if parallel, !node.groups.isEmpty, node.groups.allSatisfy({ $0.columnIndex != nil }),
               node.aggregates.contains(where: PhysicalPlanner.keepsValues),
               PhysicalPlanner.sourceRows(node.input) <= PhysicalPlanner.partitionedAggregateLimit {
                let contexts = (0..<context.parallelism).map { _ in context.workerContext() }
                op = PartitionedAggregateOperator(node: node, producers: try buildPartitions(node.input, contexts: contexts), contexts: contexts)
            } else {
                op = HashAggregateOperator(node: node, input: try buildParallelInput(node.input, depth: depth + 1), context: context)
            }
        case let .window(n):
            op = WindowOperator(node: n, input: try build(n.input, depth: depth + 1), context: context)
        case let .sort(n):
            op = SortOperator(input: try buildParallelInput(n.input, depth: depth + 1), node: n, context: context)
        case let .limit(n):
            op = LimitOperator(input: try build(n.input, depth: depth + 1), limit: n.limit, offset: n.offset)
        case let .distinct(n):
            op = DistinctOperator(input: try build(n.input, depth: depth + 1), types: n.input.schema.types, context: context)
        case let .setOperation(n):
            let l = try build(n.left, depth: depth + 1)
            let r = try build(n.right, depth: depth + 1)
            op = SetOperationOperator(node: n, left: l, right: r, context: context)
        }
        if let stats { return InstrumentedOperator(op, stats: stats) }
        return op
    }

    // MARK: - Parallel pipelines

    /// Rows a source must have before splitting it across threads pays off.
    static let parallelThreshold = 200_000

    /// True for aggregates that keep every value of a group (MEDIAN, DISTINCT, lists):
    /// heavy enough per row that dealing rows out to both threads pays for itself; counts
    /// and sums stay on the consuming thread, which keeps up with the producers.
    static func keepsValues(_ call: AggregateCall) -> Bool {
        call.distinct || [.median, .list, .stringAgg].contains(call.function)
    }

    /// Largest known source a GROUP BY deals out between threads (its rows are held in
    /// memory between dealing and aggregating); larger or unknown ones aggregate on one.
    static let partitionedAggregateLimit = 20_000_000

    /// The input of an order-insensitive consumer: split across threads when it is a
    /// streaming pipeline over a large enough source, else built as usual.
    mutating func buildParallelInput(_ plan: LogicalPlan, depth: Int) throws(SQLError) -> any PhysicalOperator {
        let n = context.parallelism
        guard n > 1, !context.collectStatistics, PhysicalPlanner.partitionable(plan), PhysicalPlanner.sourceWork(plan) >= PhysicalPlanner.parallelThreshold else {
            return try build(plan, depth: depth)
        }
        let contexts = (0..<n).map { _ in context.workerContext() }
        let partitions = try buildPartitions(plan, contexts: contexts)
        return ExchangeOperator(partitions: partitions, context: context)
    }

    /// True for chains of filters, projections and join probes over a splittable source.
    static func partitionable(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .tableFunction: return true
        case let .scan(n): return n.table.provider.supportsPartitionedScan
        case let .filter(n): return partitionable(n.input)
        case let .project(n): return partitionable(n.input)
        case let .join(n):
            switch n.type {
            case .inner, .left, .semi, .anti, .cross: return partitionable(n.left)
            default: return false
            }
        default: return false
        }
    }

    /// Rows of the pipeline's source (unknown counts as large).
    static func sourceRows(_ plan: LogicalPlan) -> Int {
        switch plan {
        case let .tableFunction(n): return n.rowCount
        case let .scan(n): return n.table.provider.estimatedRowCount ?? Int.max
        case let .filter(n): return sourceRows(n.input)
        case let .project(n): return sourceRows(n.input)
        case let .join(n): return sourceRows(n.left)
        default: return 0
        }
    }

    /// Rows of the pipeline's source weighted by what producing each costs (`rowCost`).
    static func sourceWork(_ plan: LogicalPlan) -> Int {
        switch plan {
        case let .scan(n):
            guard let rows = n.table.provider.estimatedRowCount else { return Int.max }
            return rows.multipliedReportingOverflow(by: max(1, n.table.provider.rowCost)).overflow ? Int.max : rows * max(1, n.table.provider.rowCost)
        case let .filter(n): return sourceWork(n.input)
        case let .project(n): return sourceWork(n.input)
        case let .join(n): return sourceWork(n.left)
        default: return sourceRows(plan)
        }
    }

    /// One copy of the pipeline per context; join build sides are built once and shared.
    /// `joinOutput`: when `plan` is a join, the columns of its schema its parent reads.
    mutating func buildPartitions(_ plan: LogicalPlan, contexts: [ExecutionContext], joinOutput: [Int]? = nil) throws(SQLError) -> [any PhysicalOperator] {
        let n = contexts.count
        switch plan {
        case let .tableFunction(t):
            return (0..<n).map { RangeOperator(node: t, context: contexts[$0], partition: $0, of: n) }
        case let .scan(s):
            var out: [any PhysicalOperator] = []
            for i in 0..<n {
                let source = try s.open(partition: i, of: n)
                out.append(ScanOperator(source: source, filters: s.filters, context: contexts[i]))
            }
            return out
        case let .filter(f):
            let inputs = try buildPartitions(f.input, contexts: contexts)
            return (0..<n).map { FilterOperator(input: inputs[$0], predicate: f.predicate, context: contexts[$0]) }
        case let .project(p):
            let late = PhysicalPlanner.lateMaterialized(p)
            let inputs = try buildPartitions(p.input, contexts: contexts, joinOutput: late?.output)
            let exprs = late?.exprs ?? p.exprs
            return (0..<n).map { ProjectOperator(input: inputs[$0], exprs: exprs, context: contexts[$0]) }
        case let .join(j):
            let lefts = try buildPartitions(j.left, contexts: contexts)
            // The build side runs now, before the probe threads start: built lazily, its own
            // parallel scan would wait for pool threads that the blocked probes hold.
            let read = HashJoinOperator.buildColumnsRead(j, output: joinOutput)
            let built = try JoinBuild(node: j, right: try buildParallelInput(j.right, depth: 1), context: context, read: read)
            let shared = SharedJoinBuild { () throws(SQLError) -> JoinBuild in built }
            return (0..<n).map { HashJoinOperator(node: j, left: lefts[$0], right: EmptyOperator(), context: contexts[$0], shared: shared, output: joinOutput) }
        default:
            return [try build(plan, depth: 0)] + (1..<n).map { _ in EmptyOperator() }
        }
    }
}

extension PhysicalPlanner {
    /// For a projection over a join that reads only some of the join's columns: those
    /// columns (the join produces only them) and the expressions rewritten over them.
    static func lateMaterialized(_ project: ProjectNode) -> (output: [Int], exprs: [BoundExpr])? {
        guard case let .join(j) = project.input else { return nil }
        var read = Set<Int>()
        for e in project.exprs { read.formUnion(e.referencedColumns) }
        guard read.count < j.schema.fields.count else { return nil }
        let output = read.sorted()
        var position: [Int: Int] = [:]
        for (k, c) in output.enumerated() { position[c] = k }
        return (output, project.exprs.map { $0.remappingColumns { position[$0] ?? $0 } })
    }
}

/// An operator without rows.
final class EmptyOperator: PhysicalOperator {
    func next() throws(SQLError) -> Batch? { nil }
}

/// Runs plans to completion.
public enum Executor {
    /// All result batches of `plan`. With `ordered: false` (rows that are written, not
    /// shown: CREATE TABLE AS, INSERT ... SELECT, REFRESH, COPY) a streaming root pipeline
    /// runs on every core and its batches come in whatever order they finish.
    public static func collect(_ plan: LogicalPlan, context: ExecutionContext, ordered: Bool = true) throws(SQLError) -> [Batch] {
        var out: [Batch] = []
        try run(plan, context: context, ordered: ordered) { b throws(SQLError) in out.append(b) }
        return out
    }

    /// Runs `plan`, handing each non-empty result batch to `each` as it comes (on the
    /// calling thread), so rows can be written while the next ones are computed.
    public static func run(_ plan: LogicalPlan, context: ExecutionContext, ordered: Bool = true,
                           each: (Batch) throws(SQLError) -> Void) throws(SQLError) {
        var planner = PhysicalPlanner(context: context)
        let root = ordered ? try planner.plan(plan) : try planner.buildParallelInput(plan, depth: 0)
        while let b = try root.next() {
            try context.checkCancelled()
            if b.count > 0 { try each(b) }
        }
    }
}
