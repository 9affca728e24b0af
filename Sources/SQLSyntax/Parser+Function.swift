import Diagnostics

// Function calls, ORDER BY items and window specifications.
extension Parser {
    /// `name(...) [FILTER (WHERE ...)] [OVER ...]` with the `(` current.
    mutating func parseFunctionCall(_ name: QualifiedName, _ start: Int) throws(SQLError) -> Expr {
        try expectOp("(")
        var call = FunctionCall(name: name, args: [])
        if isOp("*"), peek().isOp(")") {
            let star = current.span
            advance()
            call.args = [Expr(.star(nil), span: star)]
        } else if !isOp(")") {
            if eatKeyword("DISTINCT") { call.distinct = true } else { _ = eatKeyword("ALL") }
            call.args = try parseExprList()
            if eatKeywords("ORDER", "BY") { call.orderBy = try parseOrderItems() }
        }
        try expectOp(")", " after function arguments")
        if isKeyword("FILTER"), peek().isOp("(") {
            advance()
            advance()
            try expectKeyword("WHERE", " in FILTER")
            call.filter = try parseExpr()
            try expectOp(")", " after FILTER")
        }
        if eatKeyword("OVER") {
            if atIdentifier {
                call.over = WindowSpec(baseName: try parseIdentifier())
            } else {
                try expectOp("(", " after OVER")
                call.over = try parseWindowSpecBody()
                try expectOp(")", " after window specification")
            }
        }
        return Expr(.function(call), span: spanFrom(start))
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST], ...`.
    mutating func parseOrderItems() throws(SQLError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            var item = OrderItem(expr: try parseExpr())
            if eatKeyword("ASC") { item.ascending = true } else if eatKeyword("DESC") { item.ascending = false }
            if eatKeyword("NULLS") {
                if eatKeyword("FIRST") { item.nullsFirst = true }
                else if eatKeyword("LAST") { item.nullsFirst = false }
                else { throw unexpected(expected: "FIRST or LAST after NULLS") }
            }
            items.append(item)
        } while eatOp(",")
        return items
    }

    /// `[base] [PARTITION BY ...] [ORDER BY ...] [frame]` inside parentheses.
    mutating func parseWindowSpecBody() throws(SQLError) -> WindowSpec {
        var spec = WindowSpec()
        let clauseWords: Set<String> = ["PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS"]
        if atIdentifier, !(current.kind == .word && clauseWords.contains(current.upper)) {
            spec.baseName = try parseIdentifier()
        }
        if eatKeywords("PARTITION", "BY") { spec.partitionBy = try parseExprList() }
        if eatKeywords("ORDER", "BY") { spec.orderBy = try parseOrderItems() }
        if let units = WindowFrame.Units(rawValue: current.upper), current.kind == .word {
            advance()
            if eatKeyword("BETWEEN") {
                let startBound = try parseFrameBound()
                try expectKeyword("AND", " between frame bounds")
                spec.frame = WindowFrame(units: units, start: startBound, end: try parseFrameBound())
            } else {
                spec.frame = WindowFrame(units: units, start: try parseFrameBound(), end: .currentRow)
            }
        }
        return spec
    }

    private mutating func parseFrameBound() throws(SQLError) -> FrameBound {
        if eatKeywords("UNBOUNDED", "PRECEDING") { return .unboundedPreceding }
        if eatKeywords("UNBOUNDED", "FOLLOWING") { return .unboundedFollowing }
        if eatKeywords("CURRENT", "ROW") { return .currentRow }
        let offset = try parseExpr(.and)
        if eatKeyword("PRECEDING") { return .preceding(offset) }
        if eatKeyword("FOLLOWING") { return .following(offset) }
        throw unexpected(expected: "PRECEDING or FOLLOWING")
    }
}
