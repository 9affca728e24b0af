import Columnar
import Diagnostics
import SQLSyntax

extension Binder {
    /// Window-only functions and their result types.
    static let windowFunctions: [String: WindowFunction] = [
        "row_number": .rowNumber, "rank": .rank, "dense_rank": .denseRank, "percent_rank": .percentRank,
        "cume_dist": .cumeDist, "ntile": .ntile, "lag": .lag, "lead": .lead,
        "first_value": .firstValue, "last_value": .lastValue, "nth_value": .nthValue,
    ]

    func bindFunction(_ fc: FunctionCall, _ ctx: ExprContext, span: SourceSpan) throws(SQLError) -> BoundExpr {
        let name = fc.name.last.value.lowercased()
        if fc.over != nil {
            guard let windows = ctx.windows else {
                throw SQLError(.semantic, "window functions are not allowed in \(ctx.clause.isEmpty ? "this context" : ctx.clause)", span: span)
            }
            return try bindWindowCall(fc, ctx, windows: windows, span: span)
        }
        if isAggregateCall(fc) {
            throw SQLError(.semantic, "aggregate functions are not allowed in \(ctx.clause.isEmpty ? "this context" : ctx.clause)", span: span)
        }
        if Binder.windowFunctions[name] != nil {
            throw SQLError(.semantic, "window function \(name) requires an OVER clause", span: span)
        }
        if fc.distinct { throw SQLError(.semantic, "DISTINCT is only allowed in aggregate functions", span: span) }
        var args: [BoundExpr] = []
        for a in fc.args {
            if case .star = a.kind { throw SQLError(.syntax, "\"*\" is only allowed in count(*)", span: a.span) }
            args.append(try bind(a, ctx))
        }
        var target = name
        if (name == "min" || name == "max") && args.count >= 2 { target = name == "min" ? "least" : "greatest" }
        let call = try callFunction(target, args, span: span)
        // round(DECIMAL(p,s), d) with a constant d has scale min(s, d), as in PostgreSQL.
        if target == "round", args.count == 2, case let .decimal(p, s) = call.type,
           case let .int(d)? = args[1].literalValue, d >= 0, Int(d) < s {
            return BoundExpr(.cast(call, isTry: false), .decimal(precision: p, scale: Int(d)))
        }
        return call
    }

    /// Binds an aggregate call over the aggregation's input and returns its output column.
    func bindAggregateCall(_ fc: FunctionCall, span: SourceSpan, agg: AggregationState) throws(SQLError) -> BoundExpr {
        let name = fc.name.last.value.lowercased()
        guard var function = AggregateFunction.lookup(name) else {
            throw SQLError(.name, "aggregate \(name) does not exist", span: span)
        }
        for a in fc.args where containsAggregate(a) {
            throw SQLError(.semantic, "aggregate function calls cannot be nested", span: a.span)
        }
        let argCtx = ExprContext(scope: agg.inputScope, clause: "aggregate arguments")
        var args: [BoundExpr] = []
        let isStar = fc.args.count == 1 && { if case .star(nil) = fc.args[0].kind { return true } else { return false } }()
        if function == .count && (isStar || fc.args.isEmpty) {
            function = .countStar
        } else {
            for a in fc.args { args.append(try bind(a, argCtx)) }
        }
        let sig: ResolvedSignature
        do { sig = try function.resolve(args.map(\.type)) } catch { throw error.withSpan(span) }
        var casted: [BoundExpr] = []
        for (a, t) in zip(args, sig.argumentTypes) { casted.append(try castExpr(a, to: t, isTry: false, span: span)) }
        let filter = try fc.filter.map { f throws(SQLError) in
            try requireBoolean(try bind(f, argCtx), span: f.span, what: "FILTER")
        }
        var orderBy: [SortKey] = []
        for o in fc.orderBy {
            orderBy.append(SortKey(expr: try bind(o.expr, argCtx), ascending: o.ascending ?? true, nullsFirst: o.nullsFirst))
        }
        let call = AggregateCall(function: function, args: casted, distinct: fc.distinct, filter: filter, orderBy: orderBy, type: sig.returnType)
        // (plain strings only: interpolating an enum goes through reflection, which costs
        // runtime lookups at its first use in a process)
        let order: [String] = orderBy.map { k in ExprKey.of(k.expr) + (k.ascending ? "a" : "d") + (k.nullsFirst ? "f" : "l") }
        var key: String = function.rawValue + (fc.distinct ? "|distinct|" : "|all|")
        key += casted.map(ExprKey.of).joined(separator: ",") + "|" + (filter.map(ExprKey.of) ?? "")
        key += "|" + order.joined(separator: ",")
        let index: Int
        if let k = agg.aggregateKeys.firstIndex(of: key) {
            index = k
        } else {
            agg.aggregates.append(call)
            agg.aggregateKeys.append(key)
            agg.aggregateNames.append(text(span))
            index = agg.aggregates.count - 1
        }
        return .column(agg.groups.count + index, sig.returnType)
    }

    /// Binds `f(...) OVER (...)` and returns a placeholder column for its result.
    func bindWindowCall(_ fc: FunctionCall, _ ctx: ExprContext, windows: WindowState, span: SourceSpan) throws(SQLError) -> BoundExpr {
        let name = fc.name.last.value.lowercased()
        var inner = ctx
        inner.windows = nil
        inner.clause = "window function arguments"
        guard var spec = fc.over else { throw SQLError(.internal, "window call without OVER", span: span) }
        if let base = spec.baseName {
            guard let named = windows.named[base.normalized] else {
                throw SQLError(.name, "window \"\(base.value)\" does not exist", span: base.span)
            }
            spec = WindowSpec(baseName: nil,
                              partitionBy: spec.partitionBy.isEmpty ? named.partitionBy : spec.partitionBy,
                              orderBy: spec.orderBy.isEmpty ? named.orderBy : spec.orderBy,
                              frame: spec.frame ?? named.frame)
        }
        let function: WindowFunction
        if let w = Binder.windowFunctions[name] {
            function = w
        } else if let a = AggregateFunction.lookup(name) {
            function = .aggregate(a)
        } else {
            throw SQLError(.name, "\(name) is not a window or aggregate function", span: span)
        }
        var args: [BoundExpr] = []
        let isStar = fc.args.count == 1 && { if case .star(nil) = fc.args[0].kind { return true } else { return false } }()
        if !isStar { for a in fc.args { args.append(try bind(a, inner)) } }
        var resolvedFunction = function
        let type: DataType
        switch function {
        case .rowNumber, .rank, .denseRank:
            guard args.isEmpty else { throw SQLError(.type, "\(name) takes no arguments", span: span) }
            type = .int64
        case .percentRank, .cumeDist:
            guard args.isEmpty else { throw SQLError(.type, "\(name) takes no arguments", span: span) }
            type = .float64
        case .ntile:
            guard args.count == 1 else { throw SQLError(.type, "ntile takes one argument", span: span) }
            args[0] = try castExpr(args[0], to: .int64, isTry: false, span: span)
            type = .int64
        case .lag, .lead:
            guard (1...3).contains(args.count) else { throw SQLError(.type, "\(name) takes 1 to 3 arguments", span: span) }
            let t = args[0].type == .null ? DataType.int32 : args[0].type
            args[0] = try castExpr(args[0], to: t, isTry: false, span: span)
            if args.count >= 2 { args[1] = try castExpr(args[1], to: .int64, isTry: false, span: span) }
            if args.count == 3 {
                guard let c = TypeCoercion.commonType(t, args[2].type) else {
                    throw SQLError(.type, "\(name) default of type \(args[2].type) does not match \(t)", span: span)
                }
                args[0] = try castExpr(args[0], to: c, isTry: false, span: span)
                args[2] = try castExpr(args[2], to: c, isTry: false, span: span)
            }
            type = args[0].type
        case .firstValue, .lastValue:
            guard args.count == 1 else { throw SQLError(.type, "\(name) takes one argument", span: span) }
            type = args[0].type
        case .nthValue:
            guard args.count == 2 else { throw SQLError(.type, "nth_value takes two arguments", span: span) }
            args[1] = try castExpr(args[1], to: .int64, isTry: false, span: span)
            type = args[0].type
        case let .aggregate(a):
            var af = a
            if a == .count && (isStar || args.isEmpty) { af = .countStar }
            resolvedFunction = .aggregate(af)
            let sig = try af.resolve(args.map(\.type))
            var casted: [BoundExpr] = []
            for (x, t) in zip(args, sig.argumentTypes) { casted.append(try castExpr(x, to: t, isTry: false, span: span)) }
            args = casted
            type = sig.returnType
        }
        var partition: [BoundExpr] = []
        for p in spec.partitionBy { partition.append(try bind(p, inner)) }
        var order: [SortKey] = []
        for o in spec.orderBy {
            order.append(SortKey(expr: try bind(o.expr, inner), ascending: o.ascending ?? true, nullsFirst: o.nullsFirst))
        }
        let frame = try spec.frame.map { f throws(SQLError) in try bindFrame(f) }
        let call = WindowCall(function: resolvedFunction, args: args, partitionBy: partition, orderBy: order, frame: frame, type: type)
        windows.calls.append(call)
        windows.names.append(text(span))
        return .column(WindowState.placeholderBase + windows.calls.count - 1, type)
    }

    func bindFrame(_ f: WindowFrame) throws(SQLError) -> WindowFrameSpec {
        func bound(_ b: FrameBound) throws(SQLError) -> WindowFrameSpec.Bound {
            switch b {
            case .unboundedPreceding: return .unboundedPreceding
            case .unboundedFollowing: return .unboundedFollowing
            case .currentRow: return .currentRow
            case let .preceding(e): return .preceding(Int64(try constantInt(e, what: "frame offset")))
            case let .following(e): return .following(Int64(try constantInt(e, what: "frame offset")))
            }
        }
        let units: WindowFrameSpec.Units = f.units == .rows ? .rows : (f.units == .range ? .range : .groups)
        return WindowFrameSpec(units: units, start: try bound(f.start), end: try bound(f.end))
    }
}
