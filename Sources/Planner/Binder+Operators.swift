import Columnar
import Diagnostics
import SQLSyntax

extension Binder {
    func bindUnary(_ op: UnaryOperator, _ operand: Expr, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        switch op {
        case .not:
            let b = try requireBoolean(try bind(operand, ctx), span: operand.span, what: "NOT")
            return BoundExpr(.not(b), .boolean)
        case .plus:
            let b = try bind(operand, ctx)
            guard b.type.isNumeric || b.type == .null || b.type == .interval else {
                throw SQLError(.type, "operator does not exist: + \(b.type)", span: span)
            }
            return b
        case .minus:
            // Fold negative literals so -2147483648 and -9223372036854775808 are exact.
            if case let .literal(.integer(text)) = operand.kind {
                return try bindLiteral(.integer("-" + text), span: span)
            }
            if case let .literal(.number(text)) = operand.kind, !text.hasPrefix("-") {
                return try bindLiteral(.number("-" + text), span: span)
            }
            return try callFunction("negate", [try bind(operand, ctx)], span: span)
        }
    }

    func bindBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        switch op {
        case .and, .or:
            var items: [BoundExpr] = []
            for side in [l, r] {
                let b = try requireBoolean(try bind(side, ctx), span: side.span, what: op.rawValue)
                switch (op, b.kind) {
                case let (.and, .and(inner)), let (.or, .or(inner)): items += inner
                default: items.append(b)
                }
            }
            return BoundExpr(op == .and ? .and(items) : .or(items), .boolean)
        case .eq, .neq, .lt, .lte, .gt, .gte:
            return try comparison(op, try bind(l, ctx), try bind(r, ctx), span: span)
        case .plus, .minus, .multiply, .divide, .modulo, .concat:
            var a = try bind(l, ctx), b = try bind(r, ctx)
            if op != .concat { (a, b) = try coerceLiterals(a, b) }
            return try callFunction(op.rawValue, [a, b], span: span)
        }
    }

    /// A comparison, after casting a string literal on one side to the other side's type.
    func comparison(_ op: BinaryOperator, _ l: BoundExpr, _ r: BoundExpr, span: SourceSpan) throws(SQLError) -> BoundExpr {
        var (a, b) = try coerceLiterals(l, r)
        // A numeric literal that the other side's type holds exactly takes that type, so the
        // column is compared as it is stored (`price < 10000` does not cast every price).
        if let v = b.literalValue, b.type.isNumeric, a.type.isNumeric, a.literalValue == nil, let exact = exactLiteral(v, as: a.type) {
            b = .literal(exact, a.type)
        } else if let v = a.literalValue, a.type.isNumeric, b.type.isNumeric, b.literalValue == nil, let exact = exactLiteral(v, as: b.type) {
            a = .literal(exact, b.type)
        }
        return try callFunction(op.rawValue, [a, b], span: span)
    }

    /// `v` as a value of `type` when the conversion loses nothing.
    func exactLiteral(_ v: Value, as type: DataType) -> Value? {
        guard !v.isNull, let c = try? v.cast(to: type), let back = try? c.cast(to: .float64), let orig = try? v.cast(to: .float64) else { return nil }
        if case .decimal = v, type.isFloating { return nil }
        if type.isInteger, case .double = v { return nil }
        return back == orig && ValueOrdering.compare(c, v) == 0 ? c : nil
    }

    /// A string literal meeting a non-string value becomes a literal of that value's type
    /// (`d = '2024-01-01'`, `price > '10'`), as PostgreSQL treats untyped literals.
    func coerceLiterals(_ l: BoundExpr, _ r: BoundExpr) throws(SQLError) -> (BoundExpr, BoundExpr) {
        if case let .literal(v) = l.kind, l.type == .string, r.type != .string, r.type != .null, case .string = v {
            return (try castExpr(l, to: r.type, isTry: false, span: nil), r)
        }
        if case let .literal(v) = r.kind, r.type == .string, l.type != .string, l.type != .null, case .string = v {
            return (l, try castExpr(r, to: l.type, isTry: false, span: nil))
        }
        return (l, r)
    }

    /// Casts two operands to their common type.
    func coercePair(_ l: BoundExpr, _ r: BoundExpr, span: SourceSpan, what: String) throws(SQLError) -> (BoundExpr, BoundExpr) {
        let (a, b) = try coerceLiterals(l, r)
        guard let t = TypeCoercion.commonType(a.type, b.type) else {
            throw SQLError(.type, "cannot compare \(a.type) and \(b.type) in \(what)", span: span)
        }
        return (try castExpr(a, to: t, isTry: false, span: span), try castExpr(b, to: t, isTry: false, span: span))
    }

    /// Casts an expression (folding literals right away, so bad literals fail at bind time).
    func castExpr(_ e: BoundExpr, to target: DataType, isTry: Bool, span: SourceSpan?) throws(SQLError) -> BoundExpr {
        if e.type == target { return e }
        if case let .literal(v) = e.kind {
            do {
                return .literal(try v.cast(to: target, isTry: isTry), target)
            } catch {
                throw error.withSpan(span)
            }
        }
        return BoundExpr(.cast(e, isTry: isTry), target)
    }

    /// Calls a registry function (operators included) after resolving its signature.
    func callFunction(_ name: String, _ args: [BoundExpr], span: SourceSpan) throws(SQLError) -> BoundExpr {
        guard let f = functions.lookup(name) else {
            let hint = NameSuggestion.closest(to: name, among: functions.allNames + AggregateFunction.names.map(\.0))
            throw SQLError(.name, "function \(name) does not exist", span: span, notes: hint.map { ["did you mean \($0)?"] } ?? [])
        }
        let sig: ResolvedSignature
        do { sig = try f.resolve(args.map(\.type)) } catch { throw error.withSpan(span) }
        guard sig.argumentTypes.count == args.count else {
            throw SQLError(.internal, "function \(name) resolved \(sig.argumentTypes.count) argument types for \(args.count) arguments", span: span)
        }
        var casted: [BoundExpr] = []
        for (a, t) in zip(args, sig.argumentTypes) { casted.append(try castExpr(a, to: t, isTry: false, span: span)) }
        return BoundExpr(.call(f, casted), sig.returnType)
    }

    func bindInList(_ x: Expr, _ list: [Expr], negated: Bool, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        let v = try bind(x, ctx)
        if list.isEmpty { return .literal(.bool(negated), .boolean) }
        var items: [BoundExpr] = []
        for item in list {
            let b = try bind(item, ctx)
            items.append(try coerceLiterals(v, b).1)
        }
        guard let t = TypeCoercion.commonType([v.type] + items.map(\.type)) else {
            throw SQLError(.type, "IN list items do not match the type \(v.type)", span: span)
        }
        let target = t == .null ? DataType.int32 : t
        var casted: [BoundExpr] = []
        for i in items { casted.append(try castExpr(i, to: target, isTry: false, span: span)) }
        return BoundExpr(.inList(try castExpr(v, to: target, isTry: false, span: span), casted, negated: negated), .boolean)
    }

    func bindInSubquery(_ x: Expr, _ query: Query, negated: Bool, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        let v = try bind(x, ctx)
        let level = QueryLevel(outer: ctx.scope)
        var (plan, names) = try bindQuery(query, level: level)
        guard plan.schema.count == 1 else {
            throw SQLError(.semantic, "subquery has too many columns for IN", span: span)
        }
        let inner = plan.schema.fields[0].type
        // A string meeting another type compares as text (SQLite's reading: 'x' IN (1, 2) is false).
        guard let t = TypeCoercion.commonType(v.type, inner) ?? ((v.type == .string || inner == .string) ? .string : nil) else {
            throw SQLError(.type, "IN compares \(v.type) with a subquery of \(inner)", span: span)
        }
        let target = t == .null ? DataType.int32 : t
        if inner != target { plan = castColumns(plan, to: [target], names: names) }
        names = plan.schema.names
        let operand = try castExpr(v, to: target, isTry: false, span: span)
        return BoundExpr(.subquery(Subquery(plan: plan, mode: .inSubquery(negated: negated), operand: operand, correlations: level.correlations)), .boolean)
    }

    func bindCase(_ operand: Expr?, _ branches: [CaseBranch], _ elseResult: Expr?, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        let op = try operand.map { e throws(SQLError) in try bind(e, ctx) }
        var conditions: [BoundExpr] = []
        var results: [BoundExpr] = []
        for b in branches {
            let w = try bind(b.condition, ctx)
            if let op {
                conditions.append(try comparison(.eq, op, w, span: b.condition.span))
            } else {
                conditions.append(try requireBoolean(w, span: b.condition.span, what: "CASE/WHEN"))
            }
            results.append(try bind(b.result, ctx))
        }
        let elseBound = try elseResult.map { e throws(SQLError) in try bind(e, ctx) }
        let all = results + (elseBound.map { [$0] } ?? [])
        guard let common = TypeCoercion.commonType(all.map(\.type)) ?? stringCommon(all) else {
            throw SQLError(.type, "CASE types \(Array(Set(all.map(\.type.description))).sorted().joined(separator: " and ")) cannot be matched", span: span)
        }
        let t = common == .null ? DataType.int32 : common
        var pairs: [(condition: BoundExpr, result: BoundExpr)] = []
        for (c, r) in zip(conditions, results) { pairs.append((c, try castExpr(r, to: t, isTry: false, span: span))) }
        let el = try elseBound.map { e throws(SQLError) in try castExpr(e, to: t, isTry: false, span: span) }
        return BoundExpr(.caseWhen(pairs, elseResult: el), t)
    }

    /// CASE results mixing string literals with other types: the literals are cast when the
    /// non-literal results agree on one type.
    func stringCommon(_ items: [BoundExpr]) -> DataType? {
        let nonLiteral = items.filter { !($0.type == .string && $0.literalValue != nil) }
        guard let t = TypeCoercion.commonType(nonLiteral.map(\.type)) else { return nil }
        for i in items where i.type == .string && i.literalValue != nil {
            guard let v = i.literalValue, (try? v.cast(to: t)) != nil else { return nil }
        }
        return t
    }
}
