import Diagnostics

// FROM items: tables, subqueries, table functions and joins.
extension Parser {
    /// `item, item, ...` (commas are cross joins kept as separate items).
    mutating func parseFromList() throws(SQLError) -> [TableRef] {
        var items = [try parseJoinedTable()]
        while eatOp(",") { items.append(try parseJoinedTable()) }
        return items
    }

    /// A FROM item followed by any number of joins (left-associative).
    mutating func parseJoinedTable() throws(SQLError) -> TableRef {
        let start = current.span.start
        var left = try parseTablePrimary()
        while let (kind, natural) = try parseJoinKeywords() {
            let right = try parseTablePrimary()
            var constraint = JoinConstraint.none
            if natural {
                constraint = .natural
            } else if kind != .cross {
                if eatKeyword("ON") {
                    constraint = .on(try parseExpr())
                } else if eatKeyword("USING") {
                    constraint = .using(try parseIdentifierList())
                } else {
                    throw unexpected(expected: "ON or USING after JOIN")
                }
            }
            left = .join(Join(left: left, right: right, kind: kind, constraint: constraint, span: spanFrom(start)))
        }
        return left
    }

    /// The words introducing a join, consumed; nil when no join follows.
    private mutating func parseJoinKeywords() throws(SQLError) -> (JoinKind, Bool)? {
        let natural = eatKeyword("NATURAL")
        var kind: JoinKind
        switch current.kind == .word ? current.upper : "" {
        case "JOIN": kind = .inner
        case "INNER": kind = .inner; advance()
        case "LEFT", "RIGHT", "FULL":
            kind = current.upper == "LEFT" ? .left : current.upper == "RIGHT" ? .right : .full
            advance()
            if kind == .left, eatKeyword("SEMI") { kind = .semi }
            else if kind == .left, eatKeyword("ANTI") { kind = .anti }
            else { _ = eatKeyword("OUTER") }
        case "CROSS": kind = .cross; advance()
        case "SEMI": kind = .semi; advance()
        case "ANTI": kind = .anti; advance()
        default:
            if natural { throw unexpected(expected: "JOIN after NATURAL") }
            return nil
        }
        try expectKeyword("JOIN")
        return (kind, natural)
    }

    /// One FROM item without joins (or a parenthesised join).
    mutating func parseTablePrimary() throws(SQLError) -> TableRef {
        try enter()
        defer { leave() }
        let start = current.span.start
        if isOp("(") {
            if queryStartsAt(1) {
                let query = try parseParenthesizedQuery()
                return .subquery(query, alias: try parseTableAlias(), span: spanFrom(start))
            }
            advance()
            let inner = try parseJoinedTable()
            try expectOp(")", " after joined tables")
            return inner
        }
        let name = try parseQualifiedName("a table name")
        if isOp("(") {
            advance()
            let args = isOp(")") ? [] : try parseExprList()
            try expectOp(")", " after function arguments")
            return .function(name, args: args, alias: try parseTableAlias(), span: spanFrom(start))
        }
        return .table(name, alias: try parseTableAlias(), span: spanFrom(start))
    }

    /// `[AS] alias [(cols)]`.
    private mutating func parseTableAlias() throws(SQLError) -> TableAlias? {
        guard let name = try parseOptionalAlias() else { return nil }
        let columns = isOp("(") ? try parseIdentifierList() : []
        return TableAlias(name: name, columns: columns)
    }
}
