import Columnar
import Diagnostics

/// Moves filter conjuncts as close to the data as they can go, and turns equalities
/// between the two sides of a join into hash-join keys.
///
/// ```
/// Filter: a.x = b.y AND a.z > 1          INNER Join: a.x = b.y
///   CROSS Join                      →      Scan: a filters=[a.z > 1]
///     Scan: a                              Scan: b
///     Scan: b
/// ```
/// Conjuncts pass through projections (rewritten in terms of the projection's input),
/// sorts, DISTINCT and UNION ALL; through aggregates when they only read group keys;
/// into the preserved side of outer joins only.
struct PushDownFilters: OptimizerRule {
    let name = "push_down_filters"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        try push([], into: plan)
    }

    static func conjuncts(_ e: BoundExpr) -> [BoundExpr] {
        if case let .and(items) = e.kind { return items.flatMap(conjuncts) }
        return [e]
    }

    static func conjoin(_ items: [BoundExpr]) -> BoundExpr? {
        if items.isEmpty { return nil }
        return items.count == 1 ? items[0] : BoundExpr(.and(items), .boolean)
    }

    /// A filter of `items` above `plan` (nothing when empty).
    func wrap(_ items: [BoundExpr], _ plan: LogicalPlan) -> LogicalPlan {
        guard let p = PushDownFilters.conjoin(items) else { return plan }
        return .filter(FilterNode(input: plan, predicate: p))
    }

    /// Pushes `items` (over `plan`'s output) into `plan`, optimizing its inputs too.
    func push(_ items: [BoundExpr], into plan: LogicalPlan) throws(SQLError) -> LogicalPlan {
        switch plan {
        case let .filter(n):
            return try push(items + PushDownFilters.conjuncts(n.predicate), into: n.input)
        case var .scan(n):
            n.filters += items
            return .scan(n)
        case var .project(n):
            var below: [BoundExpr] = [], above: [BoundExpr] = []
            for c in items {
                let refs = c.referencedColumns
                let substitutable = refs.allSatisfy { i in
                    i < n.exprs.count && !n.exprs[i].containsSubquery && isDeterministic(n.exprs[i])
                }
                if substitutable && !c.containsSubquery {
                    below.append(substitute(c, n.exprs))
                } else {
                    above.append(c)
                }
            }
            n.input = try push(below, into: n.input)
            return wrap(above, .project(n))
        case var .sort(n):
            n.input = try push(items, into: n.input)
            return .sort(n)
        case var .distinct(n):
            n.input = try push(items, into: n.input)
            return .distinct(n)
        case var .setOperation(n) where n.operation == .union:
            n.left = try push(items, into: n.left)
            n.right = try push(items, into: n.right)
            return .setOperation(n)
        case var .aggregate(n):
            var below: [BoundExpr] = [], above: [BoundExpr] = []
            for c in items {
                let refs = c.referencedColumns
                if !n.groups.isEmpty && refs.allSatisfy({ $0 < n.groups.count }) && !c.containsSubquery {
                    below.append(substitute(c, n.groups))
                } else {
                    above.append(c)
                }
            }
            n.input = try push(below, into: n.input)
            return wrap(above, .aggregate(n))
        case let .join(n):
            return try pushJoin(items, n)
        default:
            let optimized = try plan.mapInputs { p throws(SQLError) in try push([], into: p) }
            return wrap(items, optimized)
        }
    }

    /// True when `e` is NULL or FALSE whenever every column `inSide` selects is NULL:
    /// `x IS NOT NULL` and comparisons reading such a column (conservatively, only these).
    func rejectsNulls(_ e: BoundExpr, _ inSide: (Int) -> Bool) -> Bool {
        switch e.kind {
        case let .isNull(x, negated: true):
            if case let .column(i) = x.kind { return inSide(i) }
            return false
        case let .call(f, args) where ["=", "<>", "<", "<=", ">", ">="].contains(f.name) && args.count == 2:
            return args.contains { a in
                if case let .column(i) = a.kind { return inSide(i) }
                if case let .cast(inner, _) = a.kind, case let .column(i) = inner.kind { return inSide(i) }
                return false
            }
        default:
            return false
        }
    }

    func isDeterministic(_ e: BoundExpr) -> Bool {
        if case let .call(f, _) = e.kind, !f.deterministic { return false }
        return e.children.allSatisfy(isDeterministic)
    }

    /// `c` with column i replaced by `exprs[i]`.
    func substitute(_ c: BoundExpr, _ exprs: [BoundExpr]) -> BoundExpr {
        let r = try? c.rewritten { (e: BoundExpr) throws(SQLError) -> BoundExpr in
            if case let .column(i) = e.kind, i < exprs.count { return exprs[i] }
            return e
        }
        return r ?? c
    }

    func pushJoin(_ items: [BoundExpr], _ node: JoinNode) throws(SQLError) -> LogicalPlan {
        var n = node
        let leftWidth = n.left.schema.count
        var toLeft: [BoundExpr] = [], toRight: [BoundExpr] = [], above: [BoundExpr] = []
        var joinConds: [BoundExpr] = []
        let residual = n.residual.map(PushDownFilters.conjuncts) ?? []
        n.residual = nil
        func side(_ e: BoundExpr) -> (left: Bool, right: Bool) {
            let refs = e.referencedColumns
            return (refs.contains { $0 < leftWidth }, refs.contains { $0 >= leftWidth })
        }
        // A filter that no NULL-extended row can pass makes an outer join inner:
        // `a LEFT JOIN b ... WHERE b.x IS NOT NULL` keeps only matched rows.
        if n.type == .left, items.contains(where: { rejectsNulls($0) { $0 >= leftWidth } }) { n.type = .inner }
        if n.type == .right, items.contains(where: { rejectsNulls($0) { $0 < leftWidth } }) { n.type = .inner }
        switch n.type {
        case .inner, .cross:
            for c in items + residual {
                let s = side(c)
                if c.containsSubquery { joinConds.append(c); continue }
                if s.left && !s.right { toLeft.append(c) } else if s.right && !s.left { toRight.append(c) } else { joinConds.append(c) }
            }
        case .left, .semi, .anti:
            for c in items {
                let s = side(c)
                if !s.right && !c.containsSubquery { toLeft.append(c) } else { above.append(c) }
            }
            for c in residual {
                let s = side(c)
                if s.right && !s.left && !c.containsSubquery { toRight.append(c) } else { joinConds.append(c) }
            }
        case .right:
            for c in items {
                let s = side(c)
                if !s.left && !c.containsSubquery { toRight.append(c) } else { above.append(c) }
            }
            for c in residual {
                let s = side(c)
                if s.left && !s.right && !c.containsSubquery { toLeft.append(c) } else { joinConds.append(c) }
            }
        case .full:
            above = items
            joinConds = residual
        }
        // Equalities between the sides become hash keys.
        var rest: [BoundExpr] = []
        for c in joinConds {
            if case let .call(f, args) = c.kind, f.name == "=", args.count == 2, args[0].type == args[1].type, !c.containsSubquery {
                let a = side(args[0]), b = side(args[1])
                if a.left && !a.right && b.right && !b.left {
                    n.equiKeys.append((args[0], args[1].remappingColumns { $0 - leftWidth }))
                    continue
                }
                if b.left && !b.right && a.right && !a.left {
                    n.equiKeys.append((args[1], args[0].remappingColumns { $0 - leftWidth }))
                    continue
                }
            }
            rest.append(c)
        }
        n.residual = PushDownFilters.conjoin(rest)
        if n.type == .cross && (!n.equiKeys.isEmpty || n.residual != nil) { n.type = .inner }
        n.left = try push(toLeft, into: n.left)
        n.right = try push(toRight.map { $0.remappingColumns { $0 - leftWidth } }, into: n.right)
        return wrap(above, .join(n))
    }
}
