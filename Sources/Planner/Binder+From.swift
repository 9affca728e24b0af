import Columnar
import Diagnostics
import SQLSyntax

extension Binder {
    /// Binds a FROM clause (comma-separated items are cross-joined; the optimizer turns
    /// WHERE equalities into join keys). No FROM gives one row without columns.
    func bindFrom(_ items: [TableRef], level: QueryLevel) throws(SQLError) -> (LogicalPlan, Scope) {
        guard !items.isEmpty else {
            return (.values(ValuesNode(schema: Schema([]), rows: [[]])), Scope(columns: [], level: level))
        }
        var (plan, scope) = try bindTableRef(items[0], level: level)
        for item in items.dropFirst() {
            let (p, s) = try bindTableRef(item, level: level)
            plan = .join(JoinNode(left: plan, right: p, type: .cross))
            scope = Scope.joined(scope, s, level: level)
        }
        return (plan, scope)
    }

    /// A scope over a relation's output, every column qualified by `qualifier`.
    func relationScope(_ plan: LogicalPlan, names: [String], qualifier: String?, schemaName: String? = nil, level: QueryLevel) -> Scope {
        let fields = plan.schema.fields
        return Scope(columns: names.enumerated().map { i, n in
            Scope.Column(qualifier: qualifier, schemaQualifier: schemaName, name: n, type: fields[i].type, index: i)
        }, level: level)
    }

    /// Applies `AS alias(c1, c2)` column names.
    func aliasedNames(_ names: [String], _ alias: TableAlias?) throws(SQLError) -> [String] {
        guard let alias, !alias.columns.isEmpty else { return names }
        guard alias.columns.count <= names.count else {
            throw SQLError(.semantic, "table \"\(alias.name.value)\" has \(names.count) columns available but \(alias.columns.count) columns specified", span: alias.name.span)
        }
        var out = names
        for (i, c) in alias.columns.enumerated() { out[i] = c.value }
        return out
    }

    func bindTableRef(_ ref: TableRef, level: QueryLevel) throws(SQLError) -> (LogicalPlan, Scope) {
        switch ref {
        case let .table(name, alias, span):
            return try bindNamedTable(name, alias: alias, span: span, level: level)
        case let .subquery(query, alias, _):
            let (plan, names) = try bindQuery(query, level: level)
            let finalNames = try aliasedNames(names, alias)
            return (rename(plan, finalNames), relationScope(plan, names: finalNames, qualifier: alias?.name.normalized, level: level))
        case let .function(name, args, alias, span):
            let plan = try bindTableFunction(name, args: args, span: span)
            let finalNames = try aliasedNames(plan.schema.names, alias)
            let qualifier = alias?.name.normalized ?? name.last.normalized
            return (rename(plan, finalNames), relationScope(plan, names: finalNames, qualifier: qualifier, level: level))
        case let .join(join):
            return try bindJoin(join, level: level)
        }
    }

    func bindNamedTable(_ name: QualifiedName, alias: TableAlias?, span: SourceSpan, level: QueryLevel) throws(SQLError) -> (LogicalPlan, Scope) {
        let parts = name.parts.map(\.normalized)
        let qualifier = alias?.name.normalized ?? parts[parts.count - 1]
        if parts.count == 1 {
            for frame in cteFrames.reversed() {
                if let cte = frame[parts[0]] {
                    let names = try aliasedNames(cte.names, alias)
                    return (rename(cte.plan, names), relationScope(cte.plan, names: names, qualifier: qualifier, level: level))
                }
            }
        }
        let entry: CatalogEntry?
        do { entry = try catalog.lookup(parts) } catch { throw error.withSpan(span) }
        switch entry {
        case let .table(handle)?:
            let schema = handle.provider.schema
            let metadata = handle.provider.metadataFields
            let plan = LogicalPlan.scan(ScanNode(table: handle, projection: Array(0..<(schema.count + metadata.count))))
            let names = try aliasedNames(schema.names, alias) + metadata.map(\.name)
            let schemaName = parts.count > 1 ? parts[0] : nil
            let scope = relationScope(plan, names: names, qualifier: qualifier, schemaName: schemaName, level: level)
            for k in schema.count..<scope.columns.count { scope.columns[k].hiddenFromStar = true }
            return (rename(plan, names), scope)
        case let .view(viewName, query, columns, viewSQL)?:
            guard !expandingViews.contains(viewName) else {
                throw SQLError(.semantic, "view \(viewName) refers to itself", span: span)
            }
            let inner = Binder(catalog: catalog, functions: functions, sql: viewSQL, context: context)
            inner.expandingViews = expandingViews + [viewName]
            var plan: LogicalPlan
            var names: [String]
            do {
                (plan, names) = try inner.bindQuery(query, level: QueryLevel(outer: nil))
            } catch {
                throw SQLError(error.kind, "in view \(viewName): \(error.message)", span: span, notes: error.notes)
            }
            if !columns.isEmpty {
                for (i, c) in columns.enumerated() where i < names.count { names[i] = c }
                plan = rename(plan, names)
            }
            names = try aliasedNames(names, alias)
            let schemaName = parts.count > 1 ? parts[0] : nil
            return (rename(plan, names), relationScope(plan, names: names, qualifier: qualifier, schemaName: schemaName, level: level))
        case nil:
            let hint = NameSuggestion.closest(to: name.description, among: catalog.allRelationNames())
            throw SQLError(.name, "table \"\(name.description)\" does not exist", span: span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
        }
    }

    /// `range(stop)`, `range(start, stop[, step])`, `generate_series(start, stop[, step])`.
    func bindTableFunction(_ name: QualifiedName, args: [Expr], span: SourceSpan) throws(SQLError) -> LogicalPlan {
        let fname = name.last.normalized
        let function: TableFunctionNode.Function
        switch fname {
        case "range": function = .range
        case "generate_series": function = .generateSeries
        case "bad_records": return try bindBadRecords(args, span: span)
        default:
            throw SQLError(.name, "table function \(name.description) does not exist", span: span, notes: ["table functions: range, generate_series, bad_records"])
        }
        guard (1...3).contains(args.count) else {
            throw SQLError(.type, "\(fname) takes 1 to 3 integer arguments", span: span)
        }
        var values: [Int64] = []
        for a in args {
            let v = try constantInt64(a, what: "argument of \(fname)")
            values.append(v)
        }
        let (start, stop, step): (Int64, Int64, Int64)
        if values.count == 1 {
            (start, stop, step) = (function == .range ? 0 : 1, values[0], 1)
        } else {
            (start, stop, step) = (values[0], values[1], values.count == 3 ? values[2] : 1)
        }
        guard step != 0 else { throw SQLError(.semantic, "\(fname) step cannot be zero", span: span) }
        let schema = Schema([Field(name: fname, type: .int64, nullable: false)])
        return .tableFunction(TableFunctionNode(function: function, start: start, stop: stop, step: step, schema: schema))
    }

    /// `bad_records('schema.table')`: file, line, error and raw text of each bad record
    /// met reading an external table.
    func bindBadRecords(_ args: [Expr], span: SourceSpan) throws(SQLError) -> LogicalPlan {
        guard args.count == 1, case let .literal(.string(tableName)) = args[0].kind else {
            throw SQLError(.type, "bad_records takes one string: the table's name, e.g. bad_records('bronze.listings')", span: span)
        }
        let parts = tableName.split(separator: ".").map { $0.lowercased() }
        guard case let .table(handle)? = try catalog.lookup(parts) else {
            throw SQLError(.name, "table \"\(tableName)\" does not exist", span: args[0].span)
        }
        guard let bad = handle.provider.badRecordsTable() else {
            throw SQLError(.semantic, "\(tableName) is not read from files, so it has no bad records", span: args[0].span)
        }
        let t = TableHandle(name: "bad_records(\(handle.name))", provider: bad)
        return .scan(ScanNode(table: t, projection: Array(0..<bad.schema.count)))
    }

    func constantInt64(_ e: Expr, what: String) throws(SQLError) -> Int64 {
        let b = try bind(e, ExprContext(scope: Scope(columns: [], level: QueryLevel(outer: nil))))
        guard b.isConstant, case let .int(v) = try ConstantEvaluator.evaluate(b, context: context) else {
            throw SQLError(.type, "\(what) must be a constant integer", span: e.span)
        }
        return v
    }

    func bindJoin(_ join: Join, level: QueryLevel) throws(SQLError) -> (LogicalPlan, Scope) {
        let (lp, ls) = try bindTableRef(join.left, level: level)
        let (rp, rs) = try bindTableRef(join.right, level: level)
        let scope = Scope.joined(ls, rs, level: level)
        let type: JoinType
        switch join.kind {
        case .inner: type = .inner
        case .left: type = .left
        case .right: type = .right
        case .full: type = .full
        case .cross: type = .cross
        case .semi: type = .semi
        case .anti: type = .anti
        }
        var condition: BoundExpr? = nil
        var usingNames: [Identifier] = []
        switch join.constraint {
        case let .on(e):
            let b = try bind(e, ExprContext(scope: scope))
            condition = try requireBoolean(b, span: e.span, what: "JOIN/ON")
        case let .using(cols):
            usingNames = cols
        case .natural:
            let rightNames = Set(rs.columns.map { $0.name.lowercased() })
            usingNames = ls.columns.filter { rightNames.contains($0.name.lowercased()) && !$0.hiddenFromStar }.map { Identifier($0.name, quoted: true) }
        case .none:
            break
        }
        var merged: [(name: String, left: Scope.Column, right: Scope.Column)] = []
        if !usingNames.isEmpty {
            var conjuncts: [BoundExpr] = []
            for name in usingNames {
                let l = ls.matches(name: name.value, quoted: name.quoted, qualifier: nil).filter { !$0.hiddenFromStar }
                let r = rs.matches(name: name.value, quoted: name.quoted, qualifier: nil).filter { !$0.hiddenFromStar }
                guard l.count == 1, r.count == 1 else {
                    let side = l.count != 1 ? "left" : "right"
                    throw SQLError(.name, "column \"\(name.value)\" specified in USING clause does not exist (or is ambiguous) in \(side) table", span: name.span)
                }
                let le = BoundExpr.column(l[0].index, l[0].type)
                let re = BoundExpr.column(r[0].index + ls.columns.count, r[0].type)
                conjuncts.append(try comparison(.eq, le, re, span: name.span))
                var rc = r[0]
                rc.index += ls.columns.count
                merged.append((l[0].name, l[0], rc))
            }
            condition = conjuncts.count == 1 ? conjuncts[0] : BoundExpr(.and(conjuncts), .boolean)
        }
        if (type == .left || type == .right || type == .full || type == .inner || type == .semi || type == .anti) && condition == nil {
            if type != .inner { throw SQLError(.syntax, "\(join.kind.rawValue) JOIN requires an ON or USING condition", span: join.span) }
        }
        let plan = LogicalPlan.join(JoinNode(left: lp, right: rp, type: condition == nil ? .cross : type, residual: condition))
        if type == .semi || type == .anti {
            return (plan, ls)
        }
        if merged.isEmpty { return (plan, scope) }
        return try mergeUsingColumns(plan, scope: scope, merged: merged, type: type, level: level)
    }

    /// USING/NATURAL: one column per join key comes first in `*` and answers unqualified
    /// references (the left value, the right one for RIGHT joins, the non-NULL one for FULL);
    /// both original columns stay reachable by qualified name.
    func mergeUsingColumns(_ plan: LogicalPlan, scope: Scope, merged: [(name: String, left: Scope.Column, right: Scope.Column)], type: JoinType, level: QueryLevel) throws(SQLError) -> (LogicalPlan, Scope) {
        let width = scope.columns.count
        let fields = plan.schema.fields
        var exprs = fields.enumerated().map { BoundExpr.column($0, $1.type) }
        var names = fields.map(\.name)
        var columns: [Scope.Column] = []
        let hidden = Set(merged.flatMap { [$0.left.index, $0.right.index] })
        for (k, m) in merged.enumerated() {
            let t = TypeCoercion.commonType(m.left.type, m.right.type) ?? m.left.type
            let l = try castExpr(.column(m.left.index, m.left.type), to: t, isTry: false, span: nil)
            let r = try castExpr(.column(m.right.index, m.right.type), to: t, isTry: false, span: nil)
            let e: BoundExpr
            switch type {
            case .right: e = r
            case .full: e = BoundExpr(.caseWhen([(BoundExpr(.isNull(l, negated: true), .boolean), l)], elseResult: r), t)
            default: e = l
            }
            exprs.append(e)
            names.append(m.name)
            columns.append(Scope.Column(qualifier: nil, name: m.name, type: t, index: width + k))
        }
        for var c in scope.columns {
            if hidden.contains(c.index) { c.hiddenFromStar = true }
            columns.append(c)
        }
        let project = LogicalPlan.project(ProjectNode(input: plan, exprs: exprs, names: names))
        return (project, Scope(columns: columns, level: level))
    }

    /// Checks a condition is boolean (NULL-typed conditions are allowed; integers are accepted
    /// as SQLite does, nonzero meaning true).
    func requireBoolean(_ e: BoundExpr, span: SourceSpan, what: String) throws(SQLError) -> BoundExpr {
        switch e.type {
        case .boolean: return e
        case .null: return BoundExpr(.cast(e, isTry: false), .boolean)
        case let t where t.isNumeric: return BoundExpr(.cast(e, isTry: false), .boolean)
        default: throw SQLError(.type, "argument of \(what) must be type BOOLEAN, not \(e.type)", span: span)
        }
    }
}
