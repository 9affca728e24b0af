import Planner

// Group keys computed from columns (`date_trunc('month', t)`, `lower(name)`) are evaluated
// where the rows are produced when the aggregate's input runs on several threads:
//
//   Aggregate groups=[a, date_trunc('month', t)]      Aggregate groups=[#0, #3]
//     Scan t (a, t, x)                          ──▶     Project #0, #1, #2, date_trunc('month', #1)
//                                                         Scan t (a, t, x)   (one per thread)
//
// The aggregate itself consumes batches on one thread, so work moved below it runs in
// parallel; its arguments still refer to the input's own columns.
extension PhysicalPlanner {
    /// `node` with its computed group keys moved into a projection of its input; `node`
    /// unchanged when every key is a column or one holds something other than columns,
    /// literals, calls and casts (subqueries, parameters).
    static func precomputingGroupKeys(_ node: AggregateNode) -> AggregateNode {
        let fields = node.input.schema.fields
        var computed: [BoundExpr] = []
        var groups = node.groups
        for (k, g) in node.groups.enumerated() where g.columnIndex == nil {
            guard isPlain(g) else { return node }
            groups[k] = .column(fields.count + computed.count, g.type)
            computed.append(g)
        }
        guard !computed.isEmpty else { return node }
        let passThrough = fields.indices.map { BoundExpr.column($0, fields[$0].type) }
        let names = fields.map(\.name) + computed.indices.map { "#key\($0)" }
        let project = LogicalPlan.project(ProjectNode(input: node.input, exprs: passThrough + computed, names: names))
        return AggregateNode(input: project, groups: groups, aggregates: node.aggregates, names: node.names)
    }

    /// True when `e` is built from columns, literals, scalar calls and casts only.
    private static func isPlain(_ e: BoundExpr) -> Bool {
        switch e.kind {
        case .column, .literal: return true
        case let .call(_, args): return args.allSatisfy(isPlain)
        case let .cast(inner, _): return isPlain(inner)
        default: return false
        }
    }

    /// True when `buildParallelInput` will split `plan` across threads.
    func runsInParallel(_ plan: LogicalPlan) -> Bool {
        context.parallelism > 1 && !context.collectStatistics && PhysicalPlanner.partitionable(plan)
            && PhysicalPlanner.sourceRows(plan) >= PhysicalPlanner.parallelThreshold
    }
}
