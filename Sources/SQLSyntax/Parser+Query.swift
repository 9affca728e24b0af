import Diagnostics

// Queries: WITH, set operations, SELECT, VALUES, ORDER BY, LIMIT/OFFSET/FETCH.
extension Parser {
    /// Binding strength of set operators: INTERSECT binds tighter than UNION and EXCEPT.
    private static let setOperatorLevels: [String: (SetOperator, Int)] = [
        "UNION": (.union, 1), "EXCEPT": (.except, 1), "INTERSECT": (.intersect, 2),
    ]

    /// `[WITH ...] body [ORDER BY ...] [LIMIT ...] [OFFSET ...]`.
    mutating func parseQuery() throws(SQLError) -> Query {
        try enter()
        defer { leave() }
        let start = current.span.start
        var ctes: [CommonTableExpr] = []
        var recursive = false
        if eatKeyword("WITH") {
            recursive = eatKeyword("RECURSIVE")
            repeat {
                let name = try parseIdentifier("a common table expression name")
                let columns = isOp("(") ? try parseIdentifierList() : []
                try expectKeyword("AS", " after common table expression name")
                if !eatKeyword("MATERIALIZED") { _ = eatKeywords("NOT", "MATERIALIZED") }
                ctes.append(CommonTableExpr(name: name, columns: columns, query: try parseParenthesizedQuery()))
            } while eatOp(",")
        }
        var query = Query(with: ctes, recursive: recursive, body: try parseSetExpr(0), span: .none)
        try parseQueryTail(&query)
        query.span = spanFrom(start)
        return query
    }

    /// `( query )`.
    mutating func parseParenthesizedQuery() throws(SQLError) -> Query {
        try expectOp("(", " before subquery")
        let query = try parseQuery()
        try expectOp(")", " after subquery")
        return query
    }

    private mutating func parseQueryTail(_ query: inout Query) throws(SQLError) {
        if eatKeywords("ORDER", "BY") { query.orderBy = try parseOrderItems() }
        var sawLimit = false, sawOffset = false
        while true {
            if !sawLimit, eatKeyword("LIMIT") {
                sawLimit = true
                if !eatKeyword("ALL") { query.limit = try parseExpr() }
            } else if !sawOffset, eatKeyword("OFFSET") {
                sawOffset = true
                query.offset = try parseExpr()
                if !eatKeyword("ROWS") { _ = eatKeyword("ROW") }
            } else if !sawLimit, eatKeyword("FETCH") {
                sawLimit = true
                if !eatKeyword("FIRST") { try expectKeyword("NEXT", " after FETCH") }
                let one = Expr(.literal(.integer("1")), span: current.span)
                query.limit = isKeyword("ROW") || isKeyword("ROWS") ? one : try parseExpr()
                if !eatKeyword("ROWS") { try expectKeyword("ROW", " in FETCH") }
                try expectKeyword("ONLY", " after FETCH FIRST")
            } else {
                return
            }
        }
    }

    private mutating func parseSetExpr(_ minimumLevel: Int) throws(SQLError) -> SetExpr {
        var left = try parseSetPrimary()
        while current.kind == .word, let (op, level) = Parser.setOperatorLevels[current.upper], level > minimumLevel {
            advance()
            let all = eatKeyword("ALL")
            if !all { _ = eatKeyword("DISTINCT") }
            let right = try parseSetExpr(level)
            left = .setOperation(op, all: all, left, right)
        }
        return left
    }

    private mutating func parseSetPrimary() throws(SQLError) -> SetExpr {
        if isKeyword("SELECT") { return .select(try parseSelect()) }
        if isKeyword("VALUES") { return try parseValues() }
        if isOp("(") {
            let inner = try parseParenthesizedQuery()
            let plain = inner.with.isEmpty && inner.orderBy.isEmpty && inner.limit == nil && inner.offset == nil
            return plain ? inner.body : .query(inner)
        }
        throw unexpected(expected: "SELECT, VALUES or \"(\"")
    }

    /// `VALUES (a, b), (c, d)`.
    mutating func parseValues() throws(SQLError) -> SetExpr {
        let start = current.span.start
        try expectKeyword("VALUES")
        var rows: [[Expr]] = []
        repeat {
            try expectOp("(", " before VALUES row")
            rows.append(isOp(")") ? [] : try parseExprList())
            try expectOp(")", " after VALUES row")
        } while eatOp(",")
        return .values(rows, span: spanFrom(start))
    }

    private mutating func parseSelect() throws(SQLError) -> Select {
        let start = current.span.start
        try expectKeyword("SELECT")
        var select = Select(items: [], span: .none)
        if eatKeyword("DISTINCT") { select.distinct = true } else { _ = eatKeyword("ALL") }
        repeat { select.items.append(try parseSelectItem()) } while eatOp(",")
        if eatKeyword("FROM") { select.from = try parseFromList() }
        if eatKeyword("WHERE") { select.whereClause = try parseExpr() }
        if eatKeywords("GROUP", "BY") {
            if eatKeyword("ALL") { select.groupByAll = true } else { select.groupBy = try parseExprList() }
        }
        if eatKeyword("HAVING") { select.having = try parseExpr() }
        if eatKeyword("WINDOW") {
            repeat {
                let name = try parseIdentifier("a window name")
                try expectKeyword("AS", " after window name")
                try expectOp("(", " before window specification")
                let spec = try parseWindowSpecBody()
                try expectOp(")", " after window specification")
                select.windows.append((name, spec))
            } while eatOp(",")
        }
        if eatKeyword("QUALIFY") { select.qualify = try parseExpr() }
        select.span = spanFrom(start)
        return select
    }

    private mutating func parseSelectItem() throws(SQLError) -> SelectItem {
        let start = current.span.start
        let expr = try parseExpr()
        if case .star(let qualifier) = expr.kind {
            var exclude: [Identifier] = []
            if eatKeyword("EXCLUDE") {
                exclude = isOp("(") ? try parseIdentifierList() : [try parseIdentifier("a column name")]
            }
            return .wildcard(qualifier: qualifier, exclude: exclude, span: spanFrom(start))
        }
        return .expr(expr, alias: try parseOptionalAlias())
    }
}
