import Columnar
import Diagnostics
import SQLSyntax

/// Turns parsed queries into logical plans: resolves names through the catalog, checks
/// and coerces types, plans aggregates, windows, subqueries and set operations.
///
/// One binder binds one statement; `sql` is that statement's text (spans index it,
/// and unnamed result columns are named after the text of their expression).
public final class Binder {
    let catalog: any CatalogProvider
    let functions: FunctionRegistry
    let sql: [UInt8]
    let context: FunctionContext
    /// Stack of WITH frames: name → bound CTE.
    var cteFrames: [[String: BoundRelation]] = []
    /// Views being expanded (to report recursive definitions instead of looping).
    var expandingViews: [String] = []
    var depth = 0

    /// A bound FROM item or CTE: its plan and the names of its columns.
    struct BoundRelation {
        var plan: LogicalPlan
        var names: [String]
    }

    /// Creates a binder for one statement.
    public init(catalog: any CatalogProvider, functions: FunctionRegistry = .builtin, sql: String, context: FunctionContext) {
        self.catalog = catalog
        self.functions = functions
        self.sql = Array(sql.utf8)
        self.context = context
    }

    /// Binds a query into a plan whose output columns carry the query's column names.
    public func bindQuery(_ query: Query) throws(SQLError) -> LogicalPlan {
        try bindQuery(query, level: QueryLevel(outer: nil)).plan
    }

    /// Binds an expression over the columns of one table (UPDATE SET, DELETE WHERE, CHECK).
    public func bindExpression(_ expr: Expr, over schema: Schema, qualifier: String?) throws(SQLError) -> BoundExpr {
        let level = QueryLevel(outer: nil)
        let scope = Scope(columns: schema.fields.enumerated().map {
            Scope.Column(qualifier: qualifier, name: $1.name, type: $1.type, index: $0)
        }, level: level)
        let bound = try bind(expr, ExprContext(scope: scope))
        if !level.correlations.isEmpty { throw SQLError(.internal, "unexpected outer reference", span: expr.span) }
        return bound
    }

    /// The source text of a span (used to name result columns).
    func text(_ span: SourceSpan) -> String {
        let s = max(0, min(span.start, sql.count)), e = max(s, min(span.end, sql.count))
        return String(decoding: sql[s..<e], as: UTF8.self)
    }

    /// Guards recursion on deeply nested input.
    func enter(_ span: SourceSpan) throws(SQLError) {
        depth += 1
        if depth > 400 { throw SQLError(.syntax, "statement too deeply nested", span: span) }
    }

    func leave() { depth -= 1 }

    // MARK: - Queries

    /// Binds a query at a query level; returns the plan and a scope over its output.
    func bindQuery(_ query: Query, level: QueryLevel) throws(SQLError) -> (plan: LogicalPlan, names: [String]) {
        try enter(query.span)
        defer { leave() }
        var frame: [String: BoundRelation] = [:]
        cteFrames.append(frame)
        defer { cteFrames.removeLast() }
        for cte in query.with {
            let (plan, names) = try bindQuery(cte.query, level: level)
            var finalNames = names
            if !cte.columns.isEmpty {
                guard cte.columns.count <= names.count else {
                    throw SQLError(.semantic, "WITH query \(cte.name.value) has \(names.count) columns but \(cte.columns.count) names were given", span: cte.name.span)
                }
                for (i, c) in cte.columns.enumerated() { finalNames[i] = c.value }
            }
            frame[cte.name.normalized] = BoundRelation(plan: rename(plan, finalNames), names: finalNames)
            cteFrames[cteFrames.count - 1] = frame
        }
        let limit = try query.limit.map { e throws(SQLError) in try constantInt(e, what: "LIMIT") }
        let offset = try query.offset.map { e throws(SQLError) in try constantInt(e, what: "OFFSET") } ?? 0
        if case let .select(select) = query.body {
            return try bindSelect(select, orderBy: query.orderBy, limit: limit, offset: offset, level: level)
        }
        var (plan, names) = try bindSetExpr(query.body, level: level)
        if !query.orderBy.isEmpty {
            let scope = Scope(columns: names.enumerated().map { Scope.Column(qualifier: nil, name: $1, type: plan.schema.fields[$0].type, index: $0) }, level: level)
            var keys: [SortKey] = []
            for item in query.orderBy {
                let e: BoundExpr
                if let k = ordinal(item.expr) {
                    guard k >= 1, k <= names.count else { throw SQLError(.semantic, "ORDER BY position \(k) is not in select list", span: item.expr.span) }
                    e = .column(k - 1, plan.schema.fields[k - 1].type)
                } else {
                    e = try bind(item.expr, ExprContext(scope: scope))
                }
                keys.append(SortKey(expr: e, ascending: item.ascending ?? true, nullsFirst: item.nullsFirst))
            }
            plan = .sort(SortNode(input: plan, keys: keys))
        }
        if limit != nil || offset > 0 { plan = .limit(LimitNode(input: plan, limit: limit, offset: offset)) }
        names = plan.schema.names
        return (plan, names)
    }

    /// A projection renaming the plan's columns (no-op when names already match).
    func rename(_ plan: LogicalPlan, _ names: [String]) -> LogicalPlan {
        let schema = plan.schema
        if schema.names == names { return plan }
        let exprs = schema.fields.enumerated().map { BoundExpr.column($0, $1.type) }
        return .project(ProjectNode(input: plan, exprs: exprs, names: names))
    }

    /// An integer literal used as a position (`ORDER BY 2`), if it is one.
    func ordinal(_ e: Expr) -> Int? {
        if case let .literal(.integer(s)) = e.kind { return Int(s) }
        return nil
    }

    /// Evaluates a constant integer expression (LIMIT, OFFSET, frame offsets).
    func constantInt(_ e: Expr, what: String) throws(SQLError) -> Int {
        let scope = Scope(columns: [], level: QueryLevel(outer: nil))
        let b = try bind(e, ExprContext(scope: scope))
        guard b.isConstant else { throw SQLError(.semantic, "\(what) must be a constant", span: e.span) }
        let v = try ConstantEvaluator.evaluate(b, context: context)
        switch v {
        case .null: return Int.max
        case let .int(i) where i >= 0: return Int(i)
        case let .decimal(d, s) where d >= 0: return Int(truncatingIfNeeded: d / Decimal128.powersOf10[s])
        case let .double(d) where d >= 0 && d < 9e18: return Int(d)
        default: throw SQLError(.semantic, "\(what) must be a non-negative integer", span: e.span)
        }
    }

    /// Binds a set expression (UNION/INTERSECT/EXCEPT trees, VALUES, parenthesised queries).
    func bindSetExpr(_ body: SetExpr, level: QueryLevel) throws(SQLError) -> (plan: LogicalPlan, names: [String]) {
        switch body {
        case let .select(s):
            return try bindSelect(s, orderBy: [], limit: nil, offset: 0, level: level)
        case let .query(q):
            return try bindQuery(q, level: level)
        case let .values(rows, span):
            return try bindValues(rows, span: span, level: level)
        case let .setOperation(op, all, l, r):
            let (lp, ln) = try bindSetExpr(l, level: level)
            let (rp, _) = try bindSetExpr(r, level: level)
            let lt = lp.schema.types, rt = rp.schema.types
            guard lt.count == rt.count else {
                throw SQLError(.semantic, "each \(op.rawValue) query must have the same number of columns (\(lt.count) and \(rt.count))", span: setSpan(r))
            }
            var types: [DataType] = []
            for (i, (a, b)) in zip(lt, rt).enumerated() {
                guard let t = TypeCoercion.commonType(a, b) else {
                    throw SQLError(.type, "\(op.rawValue) types \(a) and \(b) cannot be matched (column \(i + 1))", span: setSpan(r))
                }
                types.append(t)
            }
            let left = castColumns(lp, to: types, names: ln)
            let right = castColumns(rp, to: types, names: ln)
            let operation: SetOperationNode.Operation = op == .union ? .union : (op == .intersect ? .intersect : .except)
            return (.setOperation(SetOperationNode(operation: operation, all: all, left: left, right: right)), ln)
        }
    }

    func setSpan(_ e: SetExpr) -> SourceSpan? {
        switch e {
        case let .select(s): return s.span
        case let .query(q): return q.span
        case let .values(_, span): return span
        case .setOperation: return nil
        }
    }

    /// A projection casting each column to `types` and naming it (no-op when nothing changes).
    func castColumns(_ plan: LogicalPlan, to types: [DataType], names: [String]) -> LogicalPlan {
        let schema = plan.schema
        if schema.types == types && schema.names == names { return plan }
        let exprs = schema.fields.enumerated().map { (i, f) -> BoundExpr in
            let c = BoundExpr.column(i, f.type)
            return f.type == types[i] ? c : BoundExpr(.cast(c, isTry: false), types[i])
        }
        return .project(ProjectNode(input: plan, exprs: exprs, names: names))
    }

    /// `VALUES (...), (...)`: columns named column1, column2, ...
    func bindValues(_ rows: [[Expr]], span: SourceSpan, level: QueryLevel) throws(SQLError) -> (plan: LogicalPlan, names: [String]) {
        guard let width = rows.first?.count else { throw SQLError(.syntax, "VALUES needs at least one row", span: span) }
        let scope = Scope(columns: [], level: level)
        var bound: [[BoundExpr]] = []
        for row in rows {
            guard row.count == width else {
                throw SQLError(.semantic, "VALUES lists must all be the same length", span: row.first.map { $0.span.union(row[row.count - 1].span) } ?? span)
            }
            var r: [BoundExpr] = []
            for e in row { r.append(try bind(e, ExprContext(scope: scope))) }
            bound.append(r)
        }
        var types: [DataType] = []
        for c in 0..<width {
            let colTypes = bound.map { $0[c].type }
            guard let t = TypeCoercion.commonType(colTypes) else {
                throw SQLError(.type, "VALUES column \(c + 1) mixes types \(Set(colTypes.map(\.description)).sorted().joined(separator: " and "))", span: rows[0][c].span)
            }
            // An all-NULL column keeps the NULL type, so INSERT ... VALUES (NULL) fits any column.
            types.append(t)
        }
        let casted = bound.map { row in row.enumerated().map { (c, e) in e.type == types[c] ? e : BoundExpr(.cast(e, isTry: false), types[c]) } }
        let names = (1...width).map { "column\($0)" }
        let schema = Schema(zip(names, types).map { Field(name: $0, type: $1) })
        return (.values(ValuesNode(schema: schema, rows: casted)), names)
    }
}
