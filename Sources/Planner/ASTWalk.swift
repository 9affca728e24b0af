import SQLSyntax
import Diagnostics

extension Binder {
    /// Direct sub-expressions of an AST node, not descending into subqueries.
    func astChildren(_ e: Expr) -> [Expr] {
        switch e.kind {
        case .literal, .column, .star, .exists, .subquery: return []
        case let .unary(_, a), let .isNull(a, _), let .isBool(a, _, _), let .cast(a, _, _), let .field(a, _), let .extract(_, a), let .inSubquery(a, _, _):
            return [a]
        case let .binary(_, a, b), let .isDistinctFrom(a, b, _), let .index(a, b): return [a, b]
        case let .between(a, l, h, _): return [a, l, h]
        case let .inList(a, list, _): return [a] + list
        case let .like(a, p, esc, _, _): return [a, p] + (esc.map { [$0] } ?? [])
        case let .caseWhen(op, branches, els):
            return (op.map { [$0] } ?? []) + branches.flatMap { [$0.condition, $0.result] } + (els.map { [$0] } ?? [])
        case let .function(fc):
            var out = fc.args + fc.orderBy.map(\.expr) + (fc.filter.map { [$0] } ?? [])
            if let w = fc.over { out += w.partitionBy + w.orderBy.map(\.expr) }
            return out
        case let .array(items), let .row(items): return items
        }
    }

    /// True when the call is an aggregate: an aggregate name without OVER, unless a scalar
    /// function of the same name takes its several arguments (SQLite's two-argument min/max).
    func isAggregateCall(_ fc: FunctionCall) -> Bool {
        guard fc.over == nil, fc.name.parts.count == 1 else { return false }
        let name = fc.name.last.value
        if name.lowercased() == "min" || name.lowercased() == "max" {
            return fc.args.count == 1
        }
        guard AggregateFunction.lookup(name) != nil else { return false }
        if fc.args.count >= 2, functions.lookup(name) != nil, !fc.distinct { return false }
        return true
    }

    /// True when the expression calls an aggregate outside any subquery and outside window functions' own call.
    func containsAggregate(_ e: Expr) -> Bool { firstAggregateSpan(e) != nil }

    /// Span of the first aggregate call, if any.
    func firstAggregateSpan(_ e: Expr) -> SourceSpan? {
        if case let .function(fc) = e.kind, isAggregateCall(fc) { return e.span }
        for c in astChildren(e) {
            if let s = firstAggregateSpan(c) { return s }
        }
        return nil
    }

    /// True when the expression contains a window function call.
    func containsWindow(_ e: Expr) -> Bool {
        if case let .function(fc) = e.kind, fc.over != nil { return true }
        return astChildren(e).contains { containsWindow($0) }
    }
}
