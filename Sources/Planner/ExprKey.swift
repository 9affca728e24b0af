import Columnar

/// A deterministic text for a bound expression, used to recognise the same expression
/// twice (GROUP BY keys in the select list, repeated aggregates, ORDER BY items).
enum ExprKey {
    static func of(_ e: BoundExpr) -> String {
        switch e.kind {
        case let .column(i): return "#\(i)"
        case let .parameter(i): return "$\(i)"
        case let .literal(v): return "lit(\(v.rendered(type: e.type) ?? "NULL"):\(e.type))"
        case let .call(f, args): return f.name + "(" + args.map(of).joined(separator: ",") + ")"
        case let .cast(x, t): return (t ? "try_cast(" : "cast(") + of(x) + " as \(e.type))"
        case let .and(a): return "and(" + a.map(of).joined(separator: ",") + ")"
        case let .or(a): return "or(" + a.map(of).joined(separator: ",") + ")"
        case let .not(x): return "not(" + of(x) + ")"
        case let .isNull(x, n): return (n ? "notnull(" : "isnull(") + of(x) + ")"
        case let .isDistinct(a, b, n): return (n ? "notdistinct(" : "distinct(") + of(a) + "," + of(b) + ")"
        case let .isBool(x, v, n): return "is(\(n),\(String(describing: v)),\(of(x)))"
        case let .caseWhen(b, el):
            return "case(" + b.map { of($0.condition) + "->" + of($0.result) }.joined(separator: ",") + ";" + (el.map(of) ?? "") + ")"
        case let .inList(x, l, n): return "in(\(n)," + of(x) + ";" + l.map(of).joined(separator: ",") + ")"
        case let .subquery(s):
            return "subquery(\(s.mode)," + (s.operand.map(of) ?? "") + ";" + s.correlations.map(of).joined(separator: ",") + ";" + PlanPrinter.text(s.plan) + ")"
        case let .field(x, i): return of(x) + ".\(i)"
        case let .element(a, b): return of(a) + "[" + of(b) + "]"
        case let .makeArray(a): return "[" + a.map(of).joined(separator: ",") + "]"
        }
    }
}
