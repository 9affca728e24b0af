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

    mutating func build(_ plan: LogicalPlan, depth: Int) throws(SQLError) -> any PhysicalOperator {
        var stats: OperatorStatistics? = nil
        if context.collectStatistics {
            let s = OperatorStatistics()
            statistics.append((PlanPrinter.describe(plan), depth, s))
            stats = s
        }
        let op: any PhysicalOperator
        switch plan {
        case let .scan(n):
            op = ScanOperator(source: try n.table.provider.scan(projection: n.projection), filters: n.filters, context: context)
        case let .values(n):
            op = ValuesOperator(node: n, context: context)
        case let .tableFunction(n):
            op = RangeOperator(node: n, context: context)
        case let .filter(n):
            op = FilterOperator(input: try build(n.input, depth: depth + 1), predicate: n.predicate, context: context)
        case let .project(n):
            op = ProjectOperator(input: try build(n.input, depth: depth + 1), exprs: n.exprs, context: context)
        case let .join(n):
            let l = try build(n.left, depth: depth + 1)
            let r = try build(n.right, depth: depth + 1)
            op = HashJoinOperator(node: n, left: l, right: r, context: context)
        case let .aggregate(n):
            op = HashAggregateOperator(node: n, input: try build(n.input, depth: depth + 1), context: context)
        case let .window(n):
            op = WindowOperator(node: n, input: try build(n.input, depth: depth + 1), context: context)
        case let .sort(n):
            op = SortOperator(input: try build(n.input, depth: depth + 1), node: n, context: context)
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
}

/// Runs plans to completion.
public enum Executor {
    /// All result batches of `plan`.
    public static func collect(_ plan: LogicalPlan, context: ExecutionContext) throws(SQLError) -> [Batch] {
        var planner = PhysicalPlanner(context: context)
        let root = try planner.plan(plan)
        var out: [Batch] = []
        while let b = try root.next() {
            try context.checkCancelled()
            if b.count > 0 { out.append(b) }
        }
        return out
    }
}
