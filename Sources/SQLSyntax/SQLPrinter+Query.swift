// Queries, set operations, SELECT and FROM items.
extension SQLPrinter {
    static func printQuery(_ query: Query) -> String {
        var text = ""
        if !query.with.isEmpty {
            text += query.recursive ? "WITH RECURSIVE " : "WITH "
            text += list(query.with) { cte in
                var s = identifier(cte.name)
                if !cte.columns.isEmpty { s += " (" + list(cte.columns) { identifier($0) } + ")" }
                return s + " AS (" + printQuery(cte.query) + ")"
            }
            text += " "
        }
        text += setExpr(query.body)
        if !query.orderBy.isEmpty { text += " ORDER BY " + orderItems(query.orderBy) }
        if let limit = query.limit { text += " LIMIT " + printExpr(limit) }
        if let offset = query.offset { text += " OFFSET " + printExpr(offset) }
        return text
    }

    private static func level(_ op: SetOperator) -> Int { op == .intersect ? 2 : 1 }

    static func setExpr(_ body: SetExpr) -> String {
        switch body {
        case let .select(select): return printSelect(select)
        case let .values(rows, _):
            return "VALUES " + list(rows) { "(" + list($0, printExpr) + ")" }
        case let .query(query): return "(" + printQuery(query) + ")"
        case let .setOperation(op, all, left, right):
            var leftText = setExpr(left)
            if case let .setOperation(leftOp, _, _, _) = left, level(leftOp) < level(op) { leftText = "(" + leftText + ")" }
            var rightText = setExpr(right)
            if case let .setOperation(rightOp, _, _, _) = right, level(rightOp) <= level(op) { rightText = "(" + rightText + ")" }
            return leftText + " " + op.rawValue + (all ? " ALL " : " ") + rightText
        }
    }

    static func printSelect(_ select: Select) -> String {
        var text = select.distinct ? "SELECT DISTINCT " : "SELECT "
        text += list(select.items) { item in
            switch item {
            case let .expr(expr, alias):
                return printExpr(expr) + (alias.map { " AS " + identifier($0) } ?? "")
            case let .wildcard(qualifier, exclude, _):
                let star = qualifier.map { name($0) + ".*" } ?? "*"
                return exclude.isEmpty ? star : star + " EXCLUDE (" + list(exclude) { identifier($0) } + ")"
            }
        }
        if !select.from.isEmpty { text += " FROM " + list(select.from, tableRef) }
        if let condition = select.whereClause { text += " WHERE " + printExpr(condition) }
        if select.groupByAll { text += " GROUP BY ALL" }
        if !select.groupBy.isEmpty { text += " GROUP BY " + list(select.groupBy, printExpr) }
        if let having = select.having { text += " HAVING " + printExpr(having) }
        if !select.windows.isEmpty {
            text += " WINDOW " + list(select.windows) { identifier($0.name) + " AS (" + windowSpec($0.spec) + ")" }
        }
        if let qualify = select.qualify { text += " QUALIFY " + printExpr(qualify) }
        return text
    }

    static func tableRef(_ ref: TableRef) -> String {
        switch ref {
        case let .table(tableName, alias, _):
            return name(tableName) + tableAlias(alias)
        case let .subquery(query, alias, _):
            return "(" + printQuery(query) + ")" + tableAlias(alias)
        case let .function(functionName, args, alias, _):
            return name(functionName) + "(" + list(args, printExpr) + ")" + tableAlias(alias)
        case let .join(join):
            var text = tableRef(join.left) + " "
            if join.constraint == .natural { text += "NATURAL " }
            text += join.kind == .inner ? "JOIN " : join.kind.rawValue + " JOIN "
            if case .join = join.right { text += "(" + tableRef(join.right) + ")" } else { text += tableRef(join.right) }
            switch join.constraint {
            case let .on(condition): text += " ON " + printExpr(condition)
            case let .using(columns): text += " USING (" + list(columns) { identifier($0) } + ")"
            case .natural, .none: break
            }
            return text
        }
    }

    private static func tableAlias(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        var text = " AS " + identifier(alias.name)
        if !alias.columns.isEmpty { text += " (" + list(alias.columns) { identifier($0) } + ")" }
        return text
    }
}
