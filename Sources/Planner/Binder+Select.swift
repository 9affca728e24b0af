import Columnar
import Diagnostics
import SQLSyntax

/// Aggregates met while binding one SELECT: group keys first, then aggregate calls.
/// Expressions bound "after" aggregation refer to the aggregate node's output:
/// group i is column i, aggregate k is column `groups.count + k`.
final class AggregationState {
    let inputScope: Scope
    var groups: [BoundExpr] = []
    var groupKeys: [String] = []
    var aggregates: [AggregateCall] = []
    var aggregateKeys: [String] = []
    var aggregateNames: [String] = []

    init(inputScope: Scope) { self.inputScope = inputScope }
}

/// Window calls met while binding one SELECT. Until the window node's input width is known,
/// window results are referred to as columns `placeholderBase + k`.
final class WindowState {
    static let placeholderBase = 1 << 40
    var calls: [WindowCall] = []
    var keys: [String] = []
    var names: [String] = []
    var named: [String: WindowSpec] = [:]
}

/// What an expression is bound against, plus the hooks of aggregation and windows.
struct ExprContext {
    var scope: Scope
    var aggregation: AggregationState? = nil
    var windows: WindowState? = nil
    /// Clause name for "not allowed here" errors.
    var clause: String = ""
}

extension Binder {
    /// One select-list item after `*` expansion.
    enum OutputItem {
        case expr(Expr, name: String)
        case column(Scope.Column)
    }

    /// Binds `SELECT ... [ORDER BY ...] [LIMIT ...]` into
    /// Scan/Join → Filter(WHERE) → Aggregate → Filter(HAVING) → Window → Filter(QUALIFY)
    /// → Project → Distinct → Sort → Limit → Project (drops ORDER BY helper columns).
    func bindSelect(_ select: Select, orderBy: [OrderItem], limit: Int?, offset: Int, level: QueryLevel) throws(SQLError) -> (plan: LogicalPlan, names: [String]) {
        let (fromPlan, fromScope) = try bindFrom(select.from, level: level)
        var plan = fromPlan
        if let w = select.whereClause {
            try forbidAggregates(w, clause: "WHERE")
            let b = try bind(w, ExprContext(scope: fromScope, clause: "WHERE"))
            plan = .filter(FilterNode(input: plan, predicate: try requireBoolean(b, span: w.span, what: "WHERE")))
        }
        let items = try expandItems(select.items, scope: fromScope)
        var groupExprs = try resolveGroupBy(select.groupBy, items: items, scope: fromScope)
        if select.groupByAll {
            // DuckDB's GROUP BY ALL: the select items that hold no aggregate are the keys.
            groupExprs = items.compactMap { item -> Expr? in
                switch item {
                case let .expr(e, _): return containsAggregate(e) ? nil : e
                case let .column(c): return Expr(.column(QualifiedName([Identifier(c.name, quoted: true)])), span: select.span)
                }
            }
        }
        var needsAggregate = !groupExprs.isEmpty || select.having != nil || select.groupByAll
        for case let .expr(e, _) in items where containsAggregate(e) { needsAggregate = true }
        for o in orderBy where containsAggregate(o.expr) { needsAggregate = true }

        let windows = WindowState()
        for (name, spec) in select.windows { windows.named[name.normalized] = spec }
        var ctx = ExprContext(scope: fromScope, windows: windows, clause: "SELECT")
        var aggregation: AggregationState? = nil
        if needsAggregate {
            let agg = AggregationState(inputScope: fromScope)
            for g in groupExprs {
                let b = try bind(g, ExprContext(scope: fromScope, clause: "GROUP BY"))
                let key = ExprKey.of(b)
                if !agg.groupKeys.contains(key) {
                    agg.groups.append(b)
                    agg.groupKeys.append(key)
                }
            }
            aggregation = agg
            ctx = ExprContext(scope: Scope(columns: [], level: level), aggregation: agg, windows: windows, clause: "SELECT")
        }

        var exprs: [BoundExpr] = []
        var names: [String] = []
        for item in items {
            switch item {
            case let .expr(e, name):
                exprs.append(try bind(e, ctx))
                names.append(name)
            case let .column(c):
                if let agg = aggregation {
                    let b = BoundExpr.column(c.index, c.type)
                    guard let gi = agg.groupKeys.firstIndex(of: ExprKey.of(b)) else {
                        throw SQLError(.semantic, "column \"\(c.name)\" must appear in the GROUP BY clause or be used in an aggregate function", span: select.span)
                    }
                    exprs.append(.column(gi, c.type))
                } else {
                    exprs.append(.column(c.index, c.type))
                }
                names.append(c.name)
            }
        }
        var having: BoundExpr? = nil
        if let h = select.having {
            var hctx = ctx
            hctx.windows = nil
            hctx.clause = "HAVING"
            having = try requireBoolean(try bind(h, hctx), span: h.span, what: "HAVING")
        }
        // ORDER BY: positions, output names, or expressions over the input.
        var sortKeys: [SortKey] = []
        var hidden: [BoundExpr] = []
        for item in orderBy {
            let index: Int
            if let k = ordinal(item.expr) {
                guard k >= 1, k <= exprs.count else {
                    throw SQLError(.semantic, "ORDER BY position \(k) is not in select list", span: item.expr.span)
                }
                index = k - 1
            } else if case let .column(qn) = item.expr.kind, qn.parts.count == 1,
                      let k = names.firstIndex(where: { $0.lowercased() == qn.parts[0].value.lowercased() }),
                      outputNameIsUnique(qn.parts[0].value, names) {
                index = k
            } else {
                var octx = ctx
                octx.clause = "ORDER BY"
                let b = try bind(item.expr, octx)
                let key = ExprKey.of(b)
                if let k = exprs.firstIndex(where: { ExprKey.of($0) == key }) {
                    index = k
                } else if let k = hidden.firstIndex(where: { ExprKey.of($0) == key }) {
                    index = exprs.count + k
                } else {
                    if select.distinct {
                        throw SQLError(.semantic, "for SELECT DISTINCT, ORDER BY expressions must appear in select list", span: item.expr.span)
                    }
                    hidden.append(b)
                    index = exprs.count + hidden.count - 1
                }
            }
            let type = index < exprs.count ? exprs[index].type : hidden[index - exprs.count].type
            sortKeys.append(SortKey(expr: .column(index, type), ascending: item.ascending ?? true, nullsFirst: item.nullsFirst))
        }
        var qualify: BoundExpr? = nil
        if let q = select.qualify {
            var qctx = ctx
            qctx.clause = "QUALIFY"
            qualify = try requireBoolean(try bind(q, qctx), span: q.span, what: "QUALIFY")
        }

        if let agg = aggregation {
            let inputNames = plan.schema.names
            let groupNames = agg.groups.map { PlanPrinter.expr($0, inputNames) }
            plan = .aggregate(AggregateNode(input: plan, groups: agg.groups, aggregates: agg.aggregates, names: groupNames + agg.aggregateNames))
            if let h = having { plan = .filter(FilterNode(input: plan, predicate: h)) }
        }
        if !windows.calls.isEmpty {
            let base = plan.schema.count
            let fix: (BoundExpr) -> BoundExpr = { e in
                e.remappingColumns { $0 >= WindowState.placeholderBase ? base + ($0 - WindowState.placeholderBase) : $0 }
            }
            exprs = exprs.map(fix)
            hidden = hidden.map(fix)
            qualify = qualify.map(fix)
            plan = .window(WindowNode(input: plan, calls: windows.calls, names: windows.names))
        } else if select.qualify != nil {
            throw SQLError(.semantic, "QUALIFY needs a window function", span: select.qualify?.span)
        }
        if let q = qualify { plan = .filter(FilterNode(input: plan, predicate: q)) }

        let allNames = names + hidden.indices.map { "__order\($0 + 1)" }
        plan = .project(ProjectNode(input: plan, exprs: exprs + hidden, names: allNames))
        if select.distinct { plan = .distinct(DistinctNode(input: plan)) }
        if !sortKeys.isEmpty { plan = .sort(SortNode(input: plan, keys: sortKeys)) }
        if limit != nil || offset > 0 { plan = .limit(LimitNode(input: plan, limit: limit, offset: offset)) }
        if !hidden.isEmpty {
            let keep = exprs.enumerated().map { BoundExpr.column($0.offset, $0.element.type) }
            plan = .project(ProjectNode(input: plan, exprs: keep, names: names))
        }
        return (plan, names)
    }

    func outputNameIsUnique(_ name: String, _ names: [String]) -> Bool {
        names.filter { $0.lowercased() == name.lowercased() }.count == 1
    }

    /// Expands `*`, `t.*` and `* EXCLUDE (...)`; names expression items.
    func expandItems(_ items: [SelectItem], scope: Scope) throws(SQLError) -> [OutputItem] {
        var out: [OutputItem] = []
        for item in items {
            switch item {
            case let .expr(e, alias):
                out.append(.expr(e, name: alias?.value ?? defaultName(e)))
            case let .wildcard(qualifier, exclude, span):
                var cols = scope.columns.filter { !$0.hiddenFromStar }
                if let q = qualifier {
                    let qn = q.last.normalized
                    guard scope.hasQualifier(qn) else {
                        throw SQLError(.name, "table \"\(q.description)\" is not in the FROM clause", span: span)
                    }
                    cols = scope.columns.filter { $0.qualifier?.lowercased() == qn.lowercased() }
                }
                let excluded = Set(exclude.map { $0.value.lowercased() })
                for x in exclude where !cols.contains(where: { $0.name.lowercased() == x.value.lowercased() }) {
                    throw SQLError(.name, "column \"\(x.value)\" in EXCLUDE list not found", span: x.span)
                }
                cols = cols.filter { !excluded.contains($0.name.lowercased()) }
                if cols.isEmpty && qualifier == nil && !scope.columns.isEmpty {
                    throw SQLError(.semantic, "SELECT * EXCLUDE leaves no columns", span: span)
                }
                if scope.columns.isEmpty && qualifier == nil {
                    throw SQLError(.semantic, "SELECT * with no tables specified is not valid", span: span)
                }
                out += cols.map { OutputItem.column($0) }
            }
        }
        return out
    }

    /// Column name of an unaliased expression: the column's name, or the expression's text.
    func defaultName(_ e: Expr) -> String {
        switch e.kind {
        case let .column(qn): return qn.last.value
        case let .cast(inner, _, _):
            if case .column = inner.kind { return defaultName(inner) }
            return text(e.span)
        default:
            let t = text(e.span)
            return t.isEmpty ? "?column?" : t
        }
    }

    /// GROUP BY items: positions and output aliases become the select expressions they name.
    func resolveGroupBy(_ groupBy: [Expr], items: [OutputItem], scope: Scope) throws(SQLError) -> [Expr] {
        var out: [Expr] = []
        for g in groupBy {
            if let k = ordinal(g) {
                guard k >= 1, k <= items.count else {
                    throw SQLError(.semantic, "GROUP BY position \(k) is not in select list", span: g.span)
                }
                switch items[k - 1] {
                case let .expr(e, _):
                    if containsAggregate(e) { throw SQLError(.semantic, "GROUP BY position \(k) refers to an aggregate", span: g.span) }
                    out.append(e)
                case let .column(c):
                    out.append(Expr(.column(QualifiedName([Identifier(c.name, quoted: true)])), span: g.span))
                }
                continue
            }
            if case let .column(qn) = g.kind, qn.parts.count == 1,
               scope.matches(name: qn.parts[0].value, quoted: qn.parts[0].quoted, qualifier: nil).isEmpty {
                let matching = items.compactMap { item -> Expr? in
                    if case let .expr(e, name) = item, name.lowercased() == qn.parts[0].value.lowercased() { return e }
                    return nil
                }
                if let e = matching.first {
                    out.append(e)
                    continue
                }
            }
            out.append(g)
        }
        return out
    }

    func forbidAggregates(_ e: Expr, clause: String) throws(SQLError) {
        if let span = firstAggregateSpan(e) {
            throw SQLError(.semantic, "aggregate functions are not allowed in \(clause)", span: span)
        }
    }
}
