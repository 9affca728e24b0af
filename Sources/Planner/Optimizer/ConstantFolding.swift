import Columnar
import Diagnostics

/// Evaluates expressions that read no column once, at plan time, and simplifies
/// AND/OR with constant operands.
///
/// ```
/// Filter: ((1 + 1) = 2) AND (x > 3)    →    Filter: (x > 3)
/// ```
/// An expression whose evaluation fails is left alone, so the error (if that row is
/// ever reached) comes at run time as it would without the rule.
struct ConstantFolding: OptimizerRule {
    let name = "constant_folding"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        try plan.transformUp { p throws(SQLError) in
            let folded = try p.mapExpressions { e throws(SQLError) in try fold(e, context) }
            if case let .filter(n) = folded, case .bool(true)? = n.predicate.literalValue { return n.input }
            return folded
        }
    }

    func fold(_ e: BoundExpr, _ context: FunctionContext) throws(SQLError) -> BoundExpr {
        try e.rewritten { x throws(SQLError) in
            switch x.kind {
            case .literal, .column, .parameter: return x
            case let .and(items):
                let kept = items.filter { $0.literalValue != .bool(true) }
                if kept.contains(where: { $0.literalValue == .bool(false) }) { return .literal(.bool(false), .boolean) }
                if kept.isEmpty { return .literal(.bool(true), .boolean) }
                return kept.count == 1 ? kept[0] : BoundExpr(.and(kept), .boolean)
            case let .or(items):
                let kept = items.filter { $0.literalValue != .bool(false) }
                if kept.contains(where: { $0.literalValue == .bool(true) }) { return .literal(.bool(true), .boolean) }
                if kept.isEmpty { return .literal(.bool(false), .boolean) }
                return kept.count == 1 ? kept[0] : BoundExpr(.or(kept), .boolean)
            default:
                guard x.isConstant, let v = try? ConstantEvaluator.evaluate(x, context: context) else { return x }
                return .literal(v, x.type)
            }
        }
    }
}

/// Limit directly above a sort becomes a top-N sort (only `limit + offset` rows are kept).
struct TopN: OptimizerRule {
    let name = "top_n"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        try plan.transformUp { p throws(SQLError) in
            guard case var .limit(l) = p, let limit = l.limit, case var .sort(s) = l.input else { return p }
            let (n, o) = limit.addingReportingOverflow(l.offset)
            if o { return p }
            s.limit = min(s.limit ?? Int.max, n)
            l.input = .sort(s)
            return .limit(l)
        }
    }
}
