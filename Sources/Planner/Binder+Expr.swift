import Columnar
import Diagnostics
import SQLSyntax

extension Binder {
    /// Binds an expression in a context (scope plus aggregation and window hooks).
    func bind(_ e: Expr, _ ctx: ExprContext) throws(SQLError) -> BoundExpr {
        try enter(e.span)
        defer { leave() }
        if let agg = ctx.aggregation, let hooked = try matchAggregation(e, agg, ctx) { return hooked }
        do {
            return try bindKind(e, ctx)
        } catch {
            throw error.withSpan(e.span)
        }
    }

    /// In a grouped query: a group key becomes its column, an aggregate call its result column.
    func matchAggregation(_ e: Expr, _ agg: AggregationState, _ ctx: ExprContext) throws(SQLError) -> BoundExpr? {
        if case let .function(fc) = e.kind, isAggregateCall(fc) {
            return try bindAggregateCall(fc, span: e.span, agg: agg)
        }
        if case .literal = e.kind { return nil }
        guard !agg.groups.isEmpty, !containsAggregate(e), !containsWindow(e) else { return nil }
        let probe = ExprContext(scope: agg.inputScope, clause: ctx.clause)
        guard let b = try? bindKind(e, probe) else { return nil }
        if let gi = agg.groupKeys.firstIndex(of: ExprKey.of(b)) { return .column(gi, agg.groups[gi].type) }
        return nil
    }

    func bindKind(_ e: Expr, _ ctx: ExprContext) throws(SQLError) -> BoundExpr {
        switch e.kind {
        case let .literal(lit):
            return try bindLiteral(lit, span: e.span)
        case let .column(name):
            return try resolveColumn(name, ctx, span: e.span)
        case .star:
            throw SQLError(.syntax, "\"*\" is not allowed here", span: e.span)
        case let .unary(op, operand):
            return try bindUnary(op, operand, ctx, span: e.span)
        case let .binary(op, l, r):
            return try bindBinary(op, l, r, ctx, span: e.span)
        case let .isNull(x, negated):
            return BoundExpr(.isNull(try bind(x, ctx), negated: negated), .boolean)
        case let .isBool(x, value, negated):
            let b = try requireBoolean(try bind(x, ctx), span: x.span, what: "IS")
            return BoundExpr(.isBool(b, value: value, negated: negated), .boolean)
        case let .isDistinctFrom(l, r, negated):
            let (a, b) = try coercePair(try bind(l, ctx), try bind(r, ctx), span: e.span, what: "IS DISTINCT FROM")
            return BoundExpr(.isDistinct(a, b, negated: negated), .boolean)
        case let .between(x, low, high, negated):
            let v = try bind(x, ctx)
            let ge = try comparison(.gte, v, try bind(low, ctx), span: e.span)
            let le = try comparison(.lte, v, try bind(high, ctx), span: e.span)
            let both = BoundExpr(.and([ge, le]), .boolean)
            return negated ? BoundExpr(.not(both), .boolean) : both
        case let .inList(x, list, negated):
            return try bindInList(x, list, negated: negated, ctx, span: e.span)
        case let .inSubquery(x, query, negated):
            return try bindInSubquery(x, query, negated: negated, ctx, span: e.span)
        case let .exists(query, negated):
            let level = QueryLevel(outer: ctx.scope)
            let (plan, _) = try bindQuery(query, level: level)
            return BoundExpr(.subquery(Subquery(plan: plan, mode: .exists(negated: negated), correlations: level.correlations)), .boolean)
        case let .subquery(query):
            let level = QueryLevel(outer: ctx.scope)
            let (plan, _) = try bindQuery(query, level: level)
            guard plan.schema.count == 1 else {
                throw SQLError(.semantic, "subquery must return only one column, not \(plan.schema.count)", span: e.span)
            }
            let type = plan.schema.fields[0].type
            return BoundExpr(.subquery(Subquery(plan: plan, mode: .scalar, correlations: level.correlations)), type == .null ? .int32 : type)
        case let .like(x, pattern, escape, ci, negated):
            var args = [try bind(x, ctx), try bind(pattern, ctx)]
            if let esc = escape { args.append(try bind(esc, ctx)) }
            let call = try callFunction(ci ? "ilike" : "like", args, span: e.span)
            return negated ? BoundExpr(.not(call), .boolean) : call
        case let .caseWhen(operand, branches, elseResult):
            return try bindCase(operand, branches, elseResult, ctx, span: e.span)
        case let .cast(x, typeName, isTry):
            let target = try TypeMapping.dataType(typeName, span: e.span)
            return try castExpr(try bind(x, ctx), to: target, isTry: isTry, span: e.span)
        case let .function(fc):
            return try bindFunction(fc, ctx, span: e.span)
        case let .index(base, index):
            return try bindIndex(try bind(base, ctx), index, ctx, span: e.span)
        case let .field(base, name):
            return try fieldAccess(try bind(base, ctx), [name], span: e.span)
        case let .extract(field, x):
            let fieldLiteral = BoundExpr.literal(.string(field.lowercased()), .string)
            return try callFunction("date_part", [fieldLiteral, try bind(x, ctx)], span: e.span)
        case let .array(items):
            var bound: [BoundExpr] = []
            for i in items { bound.append(try bind(i, ctx)) }
            guard let t = TypeCoercion.commonType(bound.map(\.type)) else {
                throw SQLError(.type, "array elements have no common type", span: e.span)
            }
            let elementType = t == .null ? DataType.int32 : t
            let casted = try bound.map { b throws(SQLError) in try castExpr(b, to: elementType, isTry: false, span: e.span) }
            return BoundExpr(.makeArray(casted), .array(elementType))
        case .row:
            throw SQLError(.unsupported, "row values are not supported here", span: e.span)
        }
    }

    // MARK: - Literals

    func bindLiteral(_ lit: Literal, span: SourceSpan) throws(SQLError) -> BoundExpr {
        switch lit {
        case .null: return .literal(.null, .null)
        case let .boolean(b): return .literal(.bool(b), .boolean)
        case let .integer(text):
            if let v = Int64(text) {
                return .literal(.int(v), Int32(exactly: v) != nil ? .int32 : .int64)
            }
            guard text.count <= 38, let d = Decimal128.parse(Substring(text), scale: 0) else {
                throw SQLError(.runtime, "integer literal \(text) is out of range", span: span)
            }
            return .literal(.decimal(d, scale: 0), .decimal(precision: 38, scale: 0))
        case let .number(text):
            if text.contains(where: { $0 == "e" || $0 == "E" }) {
                guard let d = Double(text) else { throw SQLError(.syntax, "invalid number \(text)", span: span) }
                return .literal(.double(d), .float64)
            }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let intDigits = parts.first.map { $0.drop(while: { $0 == "0" }).count } ?? 0
            let scale = parts.count > 1 ? parts[1].count : 0
            let precision = max(1, intDigits + scale)
            if precision > DataType.maxDecimalPrecision {
                guard let d = Double(text) else { throw SQLError(.syntax, "invalid number \(text)", span: span) }
                return .literal(.double(d), .float64)
            }
            guard let d = Decimal128.parse(Substring(text), scale: scale) else {
                throw SQLError(.syntax, "invalid number \(text)", span: span)
            }
            return .literal(.decimal(d, scale: scale), .decimal(precision: max(precision, scale), scale: scale))
        case let .string(s):
            return .literal(.string(s), .string)
        case let .typed(typeName, text):
            let target = try TypeMapping.dataType(typeName, span: span)
            return .literal(try Value.string(text).cast(to: target), target)
        case let .interval(text, unit):
            guard let iv = Interval.parse(text, unit: unit) else {
                throw SQLError(.syntax, "invalid interval \"\(text)\"" + (unit.map { " \($0)" } ?? ""), span: span)
            }
            return .literal(.interval(iv), .interval)
        }
    }

    // MARK: - Names

    /// Resolves `c`, `t.c`, `s.t.c` and struct paths `c.f.g` / `t.c.f`; names not found in
    /// the local scope are looked up in enclosing queries (correlation).
    func resolveColumn(_ name: QualifiedName, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        if let local = try resolveLocal(name, ctx.scope, span: span) { return local }
        if let outer = ctx.scope.level.outer {
            if let outerExpr = try? resolveColumn(name, ExprContext(scope: outer), span: span) {
                let level = ctx.scope.level
                let key = ExprKey.of(outerExpr)
                if let k = level.correlationKeys[key] { return BoundExpr(.parameter(k), outerExpr.type) }
                level.correlations.append(outerExpr)
                level.correlationKeys[key] = level.correlations.count - 1
                return BoundExpr(.parameter(level.correlations.count - 1), outerExpr.type)
            }
        }
        if let agg = ctx.aggregation, (try? resolveLocal(name, agg.inputScope, span: span)) ?? nil != nil {
            throw SQLError(.semantic, "column \"\(name.description)\" must appear in the GROUP BY clause or be used in an aggregate function", span: span)
        }
        var candidates = ctx.scope.columns.map(\.name)
        if let agg = ctx.aggregation { candidates += agg.inputScope.columns.map(\.name) }
        let hint = NameSuggestion.closest(to: name.last.value, among: candidates)
        if name.parts.count > 1, !ctx.scope.hasQualifier(name.parts[0].normalized), ctx.scope.columns.contains(where: { $0.qualifier != nil }) {
            throw SQLError(.name, "column \"\(name.description)\" not found: no table \"\(name.parts[0].value)\" in FROM", span: span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
        }
        throw SQLError(.name, "column \"\(name.description)\" not found", span: span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
    }

    /// Resolution inside one scope; nil when no interpretation matches.
    func resolveLocal(_ name: QualifiedName, _ scope: Scope, span: SourceSpan) throws(SQLError) -> BoundExpr? {
        let p = name.parts
        var attempts: [(schema: Identifier?, qualifier: Identifier?, column: Identifier, rest: ArraySlice<Identifier>)] = []
        if p.count >= 3 { attempts.append((p[0], p[1], p[2], p[3...])) }
        if p.count >= 2 { attempts.append((nil, p[0], p[1], p[2...])) }
        attempts.append((nil, nil, p[0], p[1...]))
        for a in attempts {
            var found = scope.matches(name: a.column.value, quoted: a.column.quoted, qualifier: a.qualifier?.value, schema: a.schema?.value)
            if found.count > 1 && a.qualifier == nil {
                let visible = found.filter { !$0.hiddenFromStar }
                if !visible.isEmpty { found = visible }
            }
            if found.count > 1 {
                throw SQLError(.name, "column reference \"\(name.description)\" is ambiguous", span: span,
                               notes: ["it could be " + found.map { ($0.qualifier.map { "\($0)." } ?? "") + $0.name }.joined(separator: " or ")])
            }
            if let c = found.first {
                let base = BoundExpr.column(c.index, c.type)
                return a.rest.isEmpty ? base : try fieldAccess(base, Array(a.rest), span: span)
            }
        }
        return nil
    }

    /// `struct.field.field`.
    func fieldAccess(_ base: BoundExpr, _ path: [Identifier], span: SourceSpan) throws(SQLError) -> BoundExpr {
        var e = base
        for f in path {
            guard case let .struct(fields) = e.type else {
                throw SQLError(.type, "cannot access field \"\(f.value)\" of a value of type \(e.type)", span: span)
            }
            guard let i = fields.firstIndex(where: { f.quoted ? $0.name == f.value : $0.name.lowercased() == f.value.lowercased() }) else {
                let hint = NameSuggestion.closest(to: f.value, among: fields.map(\.name))
                throw SQLError(.name, "struct has no field \"\(f.value)\"", span: f.span == .none ? span : f.span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
            }
            e = BoundExpr(.field(e, i), fields[i].type)
        }
        return e
    }

    /// `a[i]` on arrays (1-based), `s['field']` on structs.
    func bindIndex(_ base: BoundExpr, _ index: Expr, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        switch base.type {
        case let .array(element):
            let i = try castExpr(try bind(index, ctx), to: .int64, isTry: false, span: index.span)
            return BoundExpr(.element(base, i), element)
        case .struct:
            guard case let .literal(.string(name)) = index.kind else {
                throw SQLError(.type, "a struct field must be named by a string literal", span: index.span)
            }
            return try fieldAccess(base, [Identifier(name, quoted: true, span: index.span)], span: span)
        default:
            throw SQLError(.type, "cannot subscript a value of type \(base.type)", span: span)
        }
    }
}

