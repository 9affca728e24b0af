// Expressions, with parentheses derived from the `Precedence` table.
extension SQLPrinter {
    /// How tightly the printed form of `expr` binds.
    static func precedence(_ expr: Expr) -> Precedence {
        switch expr.kind {
        case let .binary(op, _, _): return Precedence.of(op)
        case .unary(.not, _): return .not
        case .unary: return .unary
        case .isNull, .isBool, .isDistinctFrom: return .isTest
        case .between, .inList, .inSubquery, .like: return .pattern
        case .exists(_, negated: true): return .not
        case .index, .field: return .postfix
        default: return .atom
        }
    }

    /// `expr`, parenthesised when it binds looser than `minimum` (or as loose, when `strict`).
    static func operand(_ expr: Expr, _ minimum: Precedence, strict: Bool = false) -> String {
        let p = precedence(expr)
        let wrap = strict ? p <= minimum : p < minimum
        return wrap ? "(" + printExpr(expr) + ")" : printExpr(expr)
    }

    static func printExpr(_ expr: Expr) -> String {
        switch expr.kind {
        case let .literal(literal): return printLiteral(literal)
        case let .column(name): return columnPath(name)
        case let .star(qualifier): return qualifier.map { SQLPrinter.name($0) + ".*" } ?? "*"
        case let .unary(op, value):
            if op == .not { return "NOT " + operand(value, .not, strict: true) }
            return op.rawValue + operand(value, .unary, strict: true)
        case let .binary(op, left, right):
            let p = Precedence.of(op)
            return operand(left, p) + " " + op.rawValue + " " + operand(right, p, strict: true)
        case let .isNull(value, negated):
            return operand(value, .isTest) + (negated ? " IS NOT NULL" : " IS NULL")
        case let .isBool(value, truth, negated):
            let word = truth.map { $0 ? "TRUE" : "FALSE" } ?? "UNKNOWN"
            return operand(value, .isTest) + (negated ? " IS NOT " : " IS ") + word
        case let .isDistinctFrom(left, right, negated):
            return operand(left, .isTest) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                + operand(right, .isTest, strict: true)
        case let .between(value, low, high, negated):
            return operand(value, .pattern) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + operand(low, .pattern, strict: true) + " AND " + operand(high, .pattern, strict: true)
        case let .inList(value, items, negated):
            return operand(value, .pattern) + (negated ? " NOT IN (" : " IN (") + list(items, printExpr) + ")"
        case let .inSubquery(value, query, negated):
            return operand(value, .pattern) + (negated ? " NOT IN (" : " IN (") + printQuery(query) + ")"
        case let .exists(query, negated):
            return (negated ? "NOT EXISTS (" : "EXISTS (") + printQuery(query) + ")"
        case let .subquery(query):
            return "(" + printQuery(query) + ")"
        case let .like(value, pattern, escape, caseInsensitive, negated):
            var text = operand(value, .pattern) + (negated ? " NOT " : " ") + (caseInsensitive ? "ILIKE " : "LIKE ")
            text += operand(pattern, .pattern, strict: true)
            if let escape { text += " ESCAPE " + operand(escape, .pattern, strict: true) }
            return text
        case let .caseWhen(caseOperand, branches, elseResult):
            var text = "CASE"
            if let caseOperand { text += " " + printExpr(caseOperand) }
            for b in branches { text += " WHEN " + printExpr(b.condition) + " THEN " + printExpr(b.result) }
            if let elseResult { text += " ELSE " + printExpr(elseResult) }
            return text + " END"
        case let .cast(value, type, isTry):
            return (isTry ? "TRY_CAST(" : "CAST(") + printExpr(value) + " AS " + typeName(type) + ")"
        case let .function(call): return printCall(call)
        case let .index(base, index):
            return operand(base, .postfix) + "[" + printExpr(index) + "]"
        case let .field(base, field):
            let baseText = precedence(base) == .postfix ? printExpr(base) : "(" + printExpr(base) + ")"
            return baseText + "." + identifier(field, keywordsAllowed: true)
        case let .extract(field, value):
            return "EXTRACT(" + (isBareWord(field) ? field : stringLiteral(field)) + " FROM " + printExpr(value) + ")"
        case let .array(items): return "[" + list(items, printExpr) + "]"
        case let .row(items): return "(" + list(items, printExpr) + ")"
        }
    }

    /// `a.b.c`: after the first part any word is a field name, keywords included.
    static func columnPath(_ name: QualifiedName) -> String {
        name.parts.enumerated().map { identifier($1, keywordsAllowed: $0 > 0) }.joined(separator: ".")
    }

    static func printLiteral(_ literal: Literal) -> String {
        switch literal {
        case .null: return "NULL"
        case let .boolean(b): return b ? "TRUE" : "FALSE"
        case let .integer(text), let .number(text): return text
        case let .string(text): return stringLiteral(text)
        case let .typed(type, text): return typeName(type) + " " + stringLiteral(text)
        case let .interval(text, unit): return "INTERVAL " + stringLiteral(text) + (unit.map { " " + $0 } ?? "")
        }
    }

    private static let bareCalls: Set<String> = ["CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIMESTAMP"]

    static func printCall(_ call: FunctionCall) -> String {
        let parts = call.name.parts
        let upper = parts.count == 1 && !parts[0].quoted ? parts[0].value.uppercased() : ""
        let nameText = upper == "LEFT" || upper == "RIGHT" ? parts[0].value : name(call.name)
        let plain = call.args.isEmpty && !call.distinct && call.orderBy.isEmpty
        if plain && call.filter == nil && call.over == nil && bareCalls.contains(upper) { return nameText }
        var text = nameText + "(" + (call.distinct ? "DISTINCT " : "") + list(call.args, printExpr)
        if !call.orderBy.isEmpty { text += " ORDER BY " + orderItems(call.orderBy) }
        text += ")"
        if let filter = call.filter { text += " FILTER (WHERE " + printExpr(filter) + ")" }
        if let over = call.over {
            let bare = over.partitionBy.isEmpty && over.orderBy.isEmpty && over.frame == nil
            if bare, let base = over.baseName {
                text += " OVER " + identifier(base)
            } else {
                text += " OVER (" + windowSpec(over) + ")"
            }
        }
        return text
    }

    static func orderItems(_ items: [OrderItem]) -> String {
        list(items) { item in
            var text = printExpr(item.expr)
            if let ascending = item.ascending { text += ascending ? " ASC" : " DESC" }
            if let nullsFirst = item.nullsFirst { text += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            return text
        }
    }

    static func windowSpec(_ spec: WindowSpec) -> String {
        var parts: [String] = []
        if let base = spec.baseName { parts.append(identifier(base)) }
        if !spec.partitionBy.isEmpty { parts.append("PARTITION BY " + list(spec.partitionBy, printExpr)) }
        if !spec.orderBy.isEmpty { parts.append("ORDER BY " + orderItems(spec.orderBy)) }
        if let frame = spec.frame {
            parts.append(frame.units.rawValue + " BETWEEN " + frameBound(frame.start) + " AND " + frameBound(frame.end))
        }
        return parts.joined(separator: " ")
    }

    private static func frameBound(_ bound: FrameBound) -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        case .currentRow: return "CURRENT ROW"
        case let .preceding(n): return operand(n, .and, strict: true) + " PRECEDING"
        case let .following(n): return operand(n, .and, strict: true) + " FOLLOWING"
        }
    }
}
