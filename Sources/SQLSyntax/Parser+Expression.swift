import Diagnostics

// Operator-precedence climbing over the `Precedence` table.
extension Parser {
    /// An expression whose operators all bind tighter than `minimum`.
    mutating func parseExpr(_ minimum: Precedence = .lowest) throws(SQLError) -> Expr {
        try enter()
        defer { leave() }
        let start = current.span.start
        var left = try parsePrefix(start)
        while let precedence = infixPrecedence(), precedence > minimum {
            left = try parseInfix(left, precedence, start)
        }
        return left
    }

    private mutating func parsePrefix(_ start: Int) throws(SQLError) -> Expr {
        if isKeyword("NOT") {
            advance()
            if isKeyword("EXISTS") {
                advance()
                let query = try parseParenthesizedQuery()
                return Expr(.exists(query, negated: true), span: spanFrom(start))
            }
            let operand = try parseExpr(.not)
            return Expr(.unary(.not, operand), span: spanFrom(start))
        }
        if isOp("-") || isOp("+") {
            let op: UnaryOperator = isOp("-") ? .minus : .plus
            advance()
            let operand = try parseExpr(.unary)
            return Expr(.unary(op, operand), span: spanFrom(start))
        }
        return try parsePrimary()
    }

    /// The precedence of the infix or postfix operator at the current token, if it is one.
    private func infixPrecedence() -> Precedence? {
        let token = current
        switch token.kind {
        case .op:
            if token.text == "::" { return .cast }
            if token.text == "[" || token.text == "." { return .postfix }
            return Precedence.binaryOperators[token.text]?.1
        case .word:
            switch token.upper {
            case "OR": return .or
            case "AND": return .and
            case "IS", "ISNULL", "NOTNULL": return .isTest
            case "BETWEEN", "IN", "LIKE", "ILIKE": return .pattern
            case "NOT":
                let next = peek().upper
                return ["BETWEEN", "IN", "LIKE", "ILIKE"].contains(next) ? .pattern : nil
            default: return nil
            }
        default:
            return nil
        }
    }

    private mutating func parseInfix(_ left: Expr, _ precedence: Precedence, _ start: Int) throws(SQLError) -> Expr {
        let token = current
        switch precedence {
        case .isTest: return try parseIsTest(left, start)
        case .pattern: return try parsePattern(left, start)
        case .cast:
            advance()
            let type = try parseType()
            return Expr(.cast(left, type, isTry: false), span: spanFrom(start))
        case .postfix:
            advance()
            if token.text == "[" {
                let index = try parseExpr()
                try expectOp("]", " after index")
                return Expr(.index(left, index), span: spanFrom(start))
            }
            guard current.kind == .word || current.kind == .quotedIdentifier else { throw unexpected(expected: "a field name") }
            let field = Identifier(current.text, quoted: current.kind == .quotedIdentifier, span: current.span)
            advance()
            return Expr(.field(left, field), span: spanFrom(start))
        default:
            let key = token.kind == .word ? token.upper : token.text
            guard let (op, _) = Precedence.binaryOperators[key] else { throw unexpected() }
            advance()
            let right = try parseExpr(precedence)
            return Expr(.binary(op, left, right), span: spanFrom(start))
        }
    }

    private mutating func parseIsTest(_ left: Expr, _ start: Int) throws(SQLError) -> Expr {
        if eatKeyword("ISNULL") { return Expr(.isNull(left, negated: false), span: spanFrom(start)) }
        if eatKeyword("NOTNULL") { return Expr(.isNull(left, negated: true), span: spanFrom(start)) }
        advance()  // IS
        let negated = eatKeyword("NOT")
        if eatKeyword("NULL") { return Expr(.isNull(left, negated: negated), span: spanFrom(start)) }
        if eatKeyword("TRUE") { return Expr(.isBool(left, value: true, negated: negated), span: spanFrom(start)) }
        if eatKeyword("FALSE") { return Expr(.isBool(left, value: false, negated: negated), span: spanFrom(start)) }
        if eatKeyword("UNKNOWN") { return Expr(.isBool(left, value: nil, negated: negated), span: spanFrom(start)) }
        if eatKeyword("DISTINCT") {
            try expectKeyword("FROM", " after IS DISTINCT")
            let right = try parseExpr(.isTest)
            return Expr(.isDistinctFrom(left, right, negated: negated), span: spanFrom(start))
        }
        throw unexpected(expected: "NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS")
    }

    private mutating func parsePattern(_ left: Expr, _ start: Int) throws(SQLError) -> Expr {
        let negated = eatKeyword("NOT")
        let word = current.upper
        advance()
        switch word {
        case "BETWEEN":
            let low = try parseExpr(.pattern)
            try expectKeyword("AND", " in BETWEEN")
            let high = try parseExpr(.pattern)
            return Expr(.between(left, low: low, high: high, negated: negated), span: spanFrom(start))
        case "IN":
            try expectOp("(", " after IN")
            if queryStartsAt() {
                let query = try parseQuery()
                try expectOp(")", " after subquery")
                return Expr(.inSubquery(left, query, negated: negated), span: spanFrom(start))
            }
            let list = isOp(")") ? [] : try parseExprList()
            try expectOp(")", " after IN list")
            return Expr(.inList(left, list, negated: negated), span: spanFrom(start))
        default:
            let pattern = try parseExpr(.pattern)
            let escape = eatKeyword("ESCAPE") ? try parseExpr(.pattern) : nil
            return Expr(
                .like(left, pattern: pattern, escape: escape, caseInsensitive: word == "ILIKE", negated: negated),
                span: spanFrom(start))
        }
    }
}
