import Columnar

/// EXPLAIN's text: one node per line, children indented by two spaces, expressions
/// printed with their input's column names. Deterministic, so tests compare it.
public enum PlanPrinter {
    /// The plan as indented text.
    public static func text(_ plan: LogicalPlan) -> String {
        var lines: [String] = []
        write(plan, indent: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    static func write(_ plan: LogicalPlan, indent: Int, into lines: inout [String]) {
        lines.append(String(repeating: "  ", count: indent) + describe(plan))
        for input in plan.inputs { write(input, indent: indent + 1, into: &lines) }
    }

    /// One line describing a node (without its inputs).
    public static func describe(_ plan: LogicalPlan) -> String {
        switch plan {
        case let .scan(n):
            let declared = n.table.provider.schema.count
            var s = "Scan: \(n.table.name)"
            if n.projection != Array(0..<declared) || n.readsFields {
                s += " projection=[" + n.schema.names.joined(separator: ", ") + "]"
            }
            if !n.filters.isEmpty {
                s += " filters=[" + n.filters.map { expr($0, n.schema.names) }.joined(separator: ", ") + "]"
            }
            return s
        case let .values(n):
            return "Values: \(n.rows.count) row\(n.rows.count == 1 ? "" : "s")" + (n.schema.count > 0 ? " [" + n.schema.names.joined(separator: ", ") + "]" : "")
        case let .tableFunction(n):
            return "TableFunction: \(n.function.rawValue)(\(n.start), \(n.stop), \(n.step))"
        case let .filter(n):
            return "Filter: " + expr(n.predicate, n.input.schema.names)
        case let .project(n):
            let names = n.input.schema.names
            return "Project: " + zip(n.exprs, n.names).map { e, name in
                let t = expr(e, names)
                return t == name ? t : "\(t) AS \(name)"
            }.joined(separator: ", ")
        case let .join(n):
            let names = n.left.schema.names + n.right.schema.names
            var s = "\(n.type.rawValue) Join"
            if !n.equiKeys.isEmpty {
                s += ": " + n.equiKeys.map { expr($0.left, n.left.schema.names) + " = " + expr($0.right, n.right.schema.names) }.joined(separator: ", ")
            }
            if let r = n.residual { s += (n.equiKeys.isEmpty ? ": " : " AND ") + expr(r, names) }
            return s
        case let .aggregate(n):
            let names = n.input.schema.names
            return "Aggregate: groups=[" + n.groups.map { expr($0, names) }.joined(separator: ", ") + "] aggregates=["
                + n.aggregates.map { aggregate($0, names) }.joined(separator: ", ") + "]"
        case let .window(n):
            let names = n.input.schema.names
            return "Window: " + n.calls.map { c in
                var s = c.function.displayName + "(" + c.args.map { expr($0, names) }.joined(separator: ", ") + ") OVER ("
                var parts: [String] = []
                if !c.partitionBy.isEmpty { parts.append("PARTITION BY " + c.partitionBy.map { expr($0, names) }.joined(separator: ", ")) }
                if !c.orderBy.isEmpty { parts.append("ORDER BY " + c.orderBy.map { key($0, names) }.joined(separator: ", ")) }
                s += parts.joined(separator: " ") + ")"
                return s
            }.joined(separator: ", ")
        case let .sort(n):
            let names = n.input.schema.names
            var s = (n.limit != nil ? "TopN" : "Sort") + ": " + n.keys.map { key($0, names) }.joined(separator: ", ")
            if let l = n.limit { s += " limit=\(l)" }
            return s
        case let .limit(n):
            var s = "Limit:"
            if let l = n.limit { s += " limit=\(l)" }
            if n.offset > 0 { s += " offset=\(n.offset)" }
            return s
        case .distinct:
            return "Distinct"
        case let .setOperation(n):
            return n.operation.rawValue + (n.all ? " ALL" : "")
        }
    }

    static func key(_ k: SortKey, _ names: [String]) -> String {
        expr(k.expr, names) + (k.ascending ? " ASC" : " DESC") + (k.nullsFirst ? " NULLS FIRST" : " NULLS LAST")
    }

    static func aggregate(_ a: AggregateCall, _ names: [String]) -> String {
        var s = a.function.displayName + "("
        if a.distinct { s += "DISTINCT " }
        s += a.function == .countStar ? "*" : a.args.map { expr($0, names) }.joined(separator: ", ")
        if !a.orderBy.isEmpty { s += " ORDER BY " + a.orderBy.map { key($0, names) }.joined(separator: ", ") }
        s += ")"
        if let f = a.filter { s += " FILTER (WHERE " + expr(f, names) + ")" }
        return s
    }

    /// An expression as SQL-like text over input column `names`.
    public static func expr(_ e: BoundExpr, _ names: [String]) -> String {
        func x(_ e: BoundExpr) -> String { expr(e, names) }
        switch e.kind {
        case let .column(i): return i < names.count ? names[i] : "#\(i)"
        case let .parameter(i): return "$\(i + 1)"
        case let .literal(v):
            switch v {
            case .null: return "NULL"
            case let .string(s): return "'" + s + "'"
            case .date, .timestamp, .interval: return "\(e.type) '" + (v.rendered(type: e.type) ?? "") + "'"
            default: return v.rendered(type: e.type) ?? "NULL"
            }
        case let .call(f, args):
            if args.count == 2, f.name.first.map({ !$0.isLetter }) ?? false {
                return "(" + x(args[0]) + " \(f.name) " + x(args[1]) + ")"
            }
            if f.name == "negate", args.count == 1 { return "(-" + x(args[0]) + ")" }
            return f.name + "(" + args.map(x).joined(separator: ", ") + ")"
        case let .cast(a, isTry): return (isTry ? "TRY_CAST(" : "CAST(") + x(a) + " AS \(e.type))"
        case let .and(items): return "(" + items.map(x).joined(separator: " AND ") + ")"
        case let .or(items): return "(" + items.map(x).joined(separator: " OR ") + ")"
        case let .not(a): return "NOT " + x(a)
        case let .isNull(a, n): return x(a) + (n ? " IS NOT NULL" : " IS NULL")
        case let .isDistinct(a, b, n): return x(a) + (n ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + x(b)
        case let .isBool(a, v, n):
            return x(a) + " IS " + (n ? "NOT " : "") + (v.map { $0 ? "TRUE" : "FALSE" } ?? "UNKNOWN")
        case let .caseWhen(branches, el):
            return "CASE " + branches.map { "WHEN " + x($0.condition) + " THEN " + x($0.result) }.joined(separator: " ")
                + (el.map { " ELSE " + x($0) } ?? "") + " END"
        case let .inList(a, list, n): return x(a) + (n ? " NOT IN (" : " IN (") + list.map(x).joined(separator: ", ") + ")"
        case let .subquery(s):
            switch s.mode {
            case .scalar: return "(subquery)"
            case let .exists(n): return (n ? "NOT " : "") + "EXISTS (subquery)"
            case let .inSubquery(n): return (s.operand.map(x) ?? "?") + (n ? " NOT IN " : " IN ") + "(subquery)"
            }
        case let .field(a, i):
            if case let .struct(fields) = a.type, i < fields.count { return x(a) + "." + fields[i].name }
            return x(a) + ".#\(i)"
        case let .element(a, b): return x(a) + "[" + x(b) + "]"
        case let .makeArray(items): return "[" + items.map(x).joined(separator: ", ") + "]"
        }
    }
}
