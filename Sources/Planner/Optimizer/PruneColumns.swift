import Columnar
import Diagnostics

/// Keeps only the columns some ancestor reads, down to the scans, so table providers
/// (the JSON reader above all) never build values nobody asked for.
///
/// ```
/// Project: name                         Project: name
///   Filter: price > 10          →         Filter: price > 10
///     Scan: listings                        Scan: listings projection=[name, price]
/// ```
/// Each node is rewritten for the set of its output columns that are needed and reports
/// where each kept column moved. DISTINCT and set operations need all their columns.
struct PruneColumns: OptimizerRule {
    let name = "prune_columns"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        let all = Set(0..<plan.schema.count)
        return prune(plan, all).plan
    }

    /// The plan producing (at least) `needed`, and old output index → new output index.
    func prune(_ plan: LogicalPlan, _ needed: Set<Int>) -> (plan: LogicalPlan, map: [Int: Int]) {
        switch plan {
        case var .scan(n):
            var keep = needed
            for f in n.filters { keep.formUnion(f.referencedColumns) }
            let kept = keep.sorted().filter { $0 < n.projection.count }
            let map = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
            if !n.fieldPaths.isEmpty { n.fieldPaths = kept.map { n.path(at: $0) } }
            n.projection = kept.map { n.projection[$0] }
            n.filters = n.filters.map { remap($0, map) }
            return (.scan(n), map)
        case var .project(n):
            let kept = needed.sorted().filter { $0 < n.exprs.count }
            var childNeeded = Set<Int>()
            for i in kept { childNeeded.formUnion(n.exprs[i].referencedColumns) }
            let (child, childMap) = prune(n.input, childNeeded)
            n.input = child
            n.exprs = kept.map { remap(n.exprs[$0], childMap) }
            n.names = kept.map { n.names[$0] }
            return (.project(n), Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) }))
        case var .filter(n):
            let (child, map) = prune(n.input, needed.union(n.predicate.referencedColumns))
            n.input = child
            n.predicate = remap(n.predicate, map)
            return (.filter(n), map)
        case var .sort(n):
            var need = needed
            for k in n.keys { need.formUnion(k.expr.referencedColumns) }
            let (child, map) = prune(n.input, need)
            n.input = child
            n.keys = n.keys.map { var k = $0; k.expr = remap(k.expr, map); return k }
            return (.sort(n), map)
        case var .limit(n):
            let (child, map) = prune(n.input, needed)
            n.input = child
            return (.limit(n), map)
        case var .join(n):
            return pruneJoin(&n, needed)
        case var .aggregate(n):
            var need = Set<Int>()
            for g in n.groups { need.formUnion(g.referencedColumns) }
            for a in n.aggregates {
                for x in a.args { need.formUnion(x.referencedColumns) }
                if let f = a.filter { need.formUnion(f.referencedColumns) }
                for k in a.orderBy { need.formUnion(k.expr.referencedColumns) }
            }
            let (child, map) = prune(n.input, need)
            n.input = child
            n.groups = n.groups.map { remap($0, map) }
            n.aggregates = n.aggregates.map { a in
                var c = a
                c.args = a.args.map { remap($0, map) }
                c.filter = a.filter.map { remap($0, map) }
                c.orderBy = a.orderBy.map { var k = $0; k.expr = remap(k.expr, map); return k }
                return c
            }
            return (.aggregate(n), identity(plan.schema.count))
        case var .window(n):
            let width = n.input.schema.count
            var need = Set(needed.filter { $0 < width })
            for c in n.calls {
                for x in c.args + c.partitionBy { need.formUnion(x.referencedColumns) }
                for k in c.orderBy { need.formUnion(k.expr.referencedColumns) }
            }
            let (child, map) = prune(n.input, need)
            n.input = child
            n.calls = n.calls.map { c in
                var w = c
                w.args = c.args.map { remap($0, map) }
                w.partitionBy = c.partitionBy.map { remap($0, map) }
                w.orderBy = c.orderBy.map { var k = $0; k.expr = remap(k.expr, map); return k }
                return w
            }
            var out = map
            let newWidth = child.schema.count
            for k in 0..<n.calls.count { out[width + k] = newWidth + k }
            return (.window(n), out)
        default:
            // DISTINCT, set operations, VALUES and table functions keep every column.
            let optimized = (try? plan.mapInputs { p throws(SQLError) in prune(p, Set(0..<p.schema.count)).plan }) ?? plan
            return (optimized, identity(plan.schema.count))
        }
    }

    func pruneJoin(_ n: inout JoinNode, _ needed: Set<Int>) -> (plan: LogicalPlan, map: [Int: Int]) {
        let leftWidth = n.left.schema.count
        var leftNeed = Set(needed.filter { $0 < leftWidth })
        var rightNeed = Set(needed.filter { $0 >= leftWidth }.map { $0 - leftWidth })
        for k in n.equiKeys {
            leftNeed.formUnion(k.left.referencedColumns)
            rightNeed.formUnion(k.right.referencedColumns)
        }
        if let r = n.residual {
            for c in r.referencedColumns {
                if c < leftWidth { leftNeed.insert(c) } else { rightNeed.insert(c - leftWidth) }
            }
        }
        let (l, lm) = prune(n.left, leftNeed)
        let (r, rm) = prune(n.right, rightNeed)
        let newLeftWidth = l.schema.count
        var combined = lm
        for (old, new) in rm { combined[old + leftWidth] = new + newLeftWidth }
        n.equiKeys = n.equiKeys.map { (remap($0.left, lm), remap($0.right, rm)) }
        n.residual = n.residual.map { remap($0, combined) }
        n.left = l
        n.right = r
        if n.type == .semi || n.type == .anti { return (.join(n), lm) }
        return (.join(n), combined)
    }

    func identity(_ n: Int) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: (0..<n).map { ($0, $0) })
    }

    func remap(_ e: BoundExpr, _ map: [Int: Int]) -> BoundExpr {
        e.remappingColumns { map[$0] ?? $0 }
    }
}

/// For inner joins, builds the hash table on the smaller input (by estimated rows):
/// the sides are swapped and a projection restores the column order.
struct ChooseBuildSide: OptimizerRule {
    let name = "choose_build_side"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        try plan.transformUp { p throws(SQLError) in
            guard case let .join(n) = p, n.type == .inner, !n.equiKeys.isEmpty,
                  let l = ChooseBuildSide.estimate(n.left), let r = ChooseBuildSide.estimate(n.right),
                  l * 2 < r else { return p }
            let lw = n.left.schema.count, rw = n.right.schema.count
            let swapped = JoinNode(left: n.right, right: n.left, type: .inner,
                                   equiKeys: n.equiKeys.map { ($0.right, $0.left) },
                                   residual: n.residual?.remappingColumns { $0 < lw ? $0 + rw : $0 - lw })
            let fields = p.schema.fields
            let exprs = (0..<(lw + rw)).map { i in BoundExpr.column(i < lw ? i + rw : i - lw, fields[i].type) }
            return .project(ProjectNode(input: .join(swapped), exprs: exprs, names: fields.map(\.name)))
        }
    }

    /// Rows a plan is expected to produce, when some source tells.
    static func estimate(_ plan: LogicalPlan) -> Int? {
        switch plan {
        case let .scan(n): return n.table.provider.estimatedRowCount.map { n.filters.isEmpty ? $0 : $0 / 2 }
        case let .tableFunction(n): return n.rowCount
        case let .values(n): return n.rows.count
        case let .filter(n): return estimate(n.input).map { $0 / 2 }
        case let .project(n): return estimate(n.input)
        case let .sort(n): return estimate(n.input)
        case let .limit(n): return estimate(n.input).map { min($0, n.limit ?? $0) }
        case let .aggregate(n): return n.groups.isEmpty ? 1 : estimate(n.input).map { max(1, $0 / 10) }
        case let .distinct(n): return estimate(n.input)
        case let .window(n): return estimate(n.input)
        case let .join(n):
            guard let l = estimate(n.left), let r = estimate(n.right) else { return nil }
            return max(l, r)
        case let .setOperation(n):
            guard let l = estimate(n.left), let r = estimate(n.right) else { return nil }
            return l + r
        }
    }
}
