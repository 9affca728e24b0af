import Diagnostics

// Primary expressions: literals, names, calls, parenthesised forms and keyword-led forms.
extension Parser {
    mutating func parsePrimary() throws(SQLError) -> Expr {
        let token = current
        let start = token.span.start
        switch token.kind {
        case .eof:
            throw unexpected(expected: "an expression")
        case .integer, .number, .string:
            advance()
            let literal: Literal = token.kind == .integer ? .integer(token.text)
                : token.kind == .number ? .number(token.text) : .string(token.text)
            return Expr(.literal(literal), span: token.span)
        case .quotedIdentifier:
            return try parseNamePath()
        case .op:
            return try parseOperatorPrimary(token, start)
        case .word:
            if let expr = try parseKeywordPrimary(token, start) { return expr }
            if Keywords.isReserved(token.upper) { throw unexpected() }
            return try parseNamePath()
        }
    }

    private mutating func parseOperatorPrimary(_ token: Token, _ start: Int) throws(SQLError) -> Expr {
        switch token.text {
        case "(":
            if peek().isKeyword("SELECT") || peek().isKeyword("WITH") || peek().isKeyword("VALUES") {
                let query = try parseParenthesizedQuery()
                return Expr(.subquery(query), span: spanFrom(start))
            }
            advance()
            let list = try parseExprList()
            try expectOp(")", " after expression")
            if list.count == 1 { return list[0] }
            return Expr(.row(list), span: spanFrom(start))
        case "[":
            return try parseArrayLiteral(start)
        case "*":
            advance()
            return Expr(.star(nil), span: token.span)
        default:
            throw unexpected(expected: "an expression")
        }
    }

    /// `[a, b]` (the `[` is current).
    private mutating func parseArrayLiteral(_ start: Int) throws(SQLError) -> Expr {
        try expectOp("[")
        let items = isOp("]") ? [] : try parseExprList()
        try expectOp("]", " after array elements")
        return Expr(.array(items), span: spanFrom(start))
    }

    /// Forms introduced by a keyword; nil when the word is an ordinary name.
    private mutating func parseKeywordPrimary(_ token: Token, _ start: Int) throws(SQLError) -> Expr? {
        let next = peek()
        let call = next.isOp("(")
        switch token.upper {
        case "NULL": advance(); return Expr(.literal(.null), span: token.span)
        case "TRUE": advance(); return Expr(.literal(.boolean(true)), span: token.span)
        case "FALSE": advance(); return Expr(.literal(.boolean(false)), span: token.span)
        case "CASE": return try parseCase(start)
        case "CAST", "TRY_CAST":
            advance()
            try expectOp("(", " after CAST")
            let value = try parseExpr()
            try expectKeyword("AS", " in CAST")
            let type = try parseType()
            try expectOp(")", " after CAST")
            return Expr(.cast(value, type, isTry: token.upper == "TRY_CAST"), span: spanFrom(start))
        case "EXISTS":
            advance()
            return Expr(.exists(try parseParenthesizedQuery(), negated: false), span: spanFrom(start))
        case "EXTRACT" where call: return try parseExtract(start)
        case "SUBSTRING" where call: return try parseSubstring(token, start)
        case "TRIM" where call: return try parseTrim(token, start)
        case "POSITION" where call: return try parsePosition(start)
        case "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "DATETIME":
            guard next.kind == .string else { return nil }
            advance()
            advance()
            return Expr(.literal(.typed(.named(token.upper, []), next.text)), span: spanFrom(start))
        case "INTERVAL" where next.kind == .string || next.kind == .integer || next.kind == .number:
            advance()
            advance()
            var unit: String? = nil
            if current.kind == .word, let u = Keywords.intervalUnits[current.upper] {
                unit = u
                advance()
            }
            return Expr(.literal(.interval(next.text, unit: unit)), span: spanFrom(start))
        case "ARRAY" where next.isOp("["):
            advance()
            return try parseArrayLiteral(start)
        case "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "LOCALTIMESTAMP":
            guard !call else { return nil }
            advance()
            let name = QualifiedName([Identifier(token.text, span: token.span)])
            return Expr(.function(FunctionCall(name: name, args: [])), span: token.span)
        case "LEFT", "RIGHT":
            guard call else { return nil }
            advance()
            let name = QualifiedName([Identifier(token.text, span: token.span)])
            return try parseFunctionCall(name, start)
        default:
            return nil
        }
    }

    /// `name`, `a.b.c`, `t.*` or `f(...)`.
    private mutating func parseNamePath() throws(SQLError) -> Expr {
        let start = current.span.start
        var parts = [try parseIdentifier()]
        while isOp(".") {
            let next = peek()
            if next.isOp("*") {
                advance()
                advance()
                return Expr(.star(QualifiedName(parts)), span: spanFrom(start))
            }
            guard next.kind == .word || next.kind == .quotedIdentifier else { break }
            advance()
            advance()
            parts.append(Identifier(next.text, quoted: next.kind == .quotedIdentifier, span: next.span))
        }
        let name = QualifiedName(parts)
        if isOp("(") { return try parseFunctionCall(name, start) }
        return Expr(.column(name), span: spanFrom(start))
    }

    private mutating func parseCase(_ start: Int) throws(SQLError) -> Expr {
        advance()
        let operand = isKeyword("WHEN") ? nil : try parseExpr()
        var branches: [CaseBranch] = []
        while eatKeyword("WHEN") {
            let condition = try parseExpr()
            try expectKeyword("THEN", " after WHEN condition")
            branches.append(CaseBranch(condition: condition, result: try parseExpr()))
        }
        if branches.isEmpty { throw unexpected(expected: "WHEN in CASE") }
        let elseResult = eatKeyword("ELSE") ? try parseExpr() : nil
        try expectKeyword("END", " to close CASE")
        return Expr(.caseWhen(operand: operand, branches: branches, elseResult: elseResult), span: spanFrom(start))
    }

    private mutating func parseExtract(_ start: Int) throws(SQLError) -> Expr {
        advance()
        try expectOp("(")
        let field: String
        if current.kind == .word || current.kind == .string {
            field = current.text.uppercased()
            advance()
        } else {
            throw unexpected(expected: "a date part in EXTRACT")
        }
        try expectKeyword("FROM", " in EXTRACT")
        let value = try parseExpr()
        try expectOp(")", " after EXTRACT")
        return Expr(.extract(field, value), span: spanFrom(start))
    }

    private func syntheticCall(_ name: String, _ args: [Expr], _ span: SourceSpan) -> Expr {
        Expr(.function(FunctionCall(name: QualifiedName([Identifier(name, span: span)]), args: args)), span: span)
    }

    /// `SUBSTRING(x FROM a [FOR b])` becomes `substring(x, a[, b])`; the comma form is a plain call.
    private mutating func parseSubstring(_ token: Token, _ start: Int) throws(SQLError) -> Expr {
        advance()
        try expectOp("(")
        let value = try parseExpr()
        guard eatKeyword("FROM") else {
            return try finishCall(token, start, first: value)
        }
        var args = [value, try parseExpr()]
        if eatKeyword("FOR") { args.append(try parseExpr()) }
        try expectOp(")", " after SUBSTRING")
        return syntheticCall("substring", args, spanFrom(start))
    }

    /// `TRIM([LEADING|TRAILING|BOTH] [chars] FROM x)` becomes `ltrim`/`rtrim`/`trim(x[, chars])`.
    private mutating func parseTrim(_ token: Token, _ start: Int) throws(SQLError) -> Expr {
        advance()
        try expectOp("(")
        var name = "trim"
        var special = false
        if eatKeyword("LEADING") { name = "ltrim"; special = true }
        else if eatKeyword("TRAILING") { name = "rtrim"; special = true }
        else if eatKeyword("BOTH") { special = true }
        var chars: Expr? = nil
        if !isKeyword("FROM") {
            let first = try parseExpr()
            if !special && !isKeyword("FROM") { return try finishCall(token, start, first: first) }
            chars = first
        }
        if eatKeyword("FROM") {
            let value = try parseExpr()
            try expectOp(")", " after TRIM")
            return syntheticCall(name, chars.map { [value, $0] } ?? [value], spanFrom(start))
        }
        guard let value = chars else { throw unexpected(expected: "an expression") }
        try expectOp(")", " after TRIM")
        return syntheticCall(name, [value], spanFrom(start))
    }

    /// `POSITION(a IN b)` becomes `strpos(b, a)`.
    private mutating func parsePosition(_ start: Int) throws(SQLError) -> Expr {
        let token = current
        advance()
        try expectOp("(")
        let needle = try parseExpr(.pattern)
        guard eatKeyword("IN") else { return try finishCall(token, start, first: needle) }
        let haystack = try parseExpr()
        try expectOp(")", " after POSITION")
        return syntheticCall("strpos", [haystack, needle], spanFrom(start))
    }

    /// The rest of an ordinary call whose first argument is parsed.
    private mutating func finishCall(_ token: Token, _ start: Int, first: Expr) throws(SQLError) -> Expr {
        var args = [first]
        while eatOp(",") { args.append(try parseExpr()) }
        try expectOp(")", " after function arguments")
        let name = QualifiedName([Identifier(token.text, span: token.span)])
        return Expr(.function(FunctionCall(name: name, args: args)), span: spanFrom(start))
    }
}
