import Diagnostics

/// Recursive-descent parser over the lexer's tokens, producing the AST.
/// Expressions climb the `Precedence` table; every nesting level is counted so that
/// deeply nested input fails with an error instead of exhausting the stack.
struct Parser {
    /// Deepest nesting of expressions, queries, FROM items and types accepted.
    static let maxDepth = 500

    let source: [UInt8]
    var tokens: [Token] = []
    var position = 0
    /// End offset of the last consumed token (for node spans).
    var previousEnd = 0
    var depth = 0
    private var lexError: SQLError?

    init(_ sql: String) {
        source = Array(sql.utf8)
        var lexer = Lexer(source)
        do {
            tokens = try lexer.tokenize()
        } catch {
            lexError = error
            tokens = [Token(.eof, "", span: SourceSpan(start: source.count, end: source.count))]
        }
    }

    /// Every statement of the text, separated by `;`.
    mutating func parseStatements() throws(SQLError) -> [ParsedStatement] {
        if let lexError { throw lexError }
        var result: [ParsedStatement] = []
        while true {
            while eatOp(";") {}
            if current.kind == .eof { return result }
            let start = current.span.start
            let statement = try parseStatement()
            result.append(ParsedStatement(statement: statement, span: spanFrom(start)))
            if current.kind != .eof && !current.isOp(";") {
                throw unexpected()
            }
        }
    }

    /// One expression filling the whole text.
    mutating func parseStandaloneExpression() throws(SQLError) -> Expr {
        if let lexError { throw lexError }
        let expr = try parseExpr()
        if current.kind != .eof { throw unexpected() }
        return expr
    }

    // MARK: - Cursor

    var current: Token { tokens[position] }

    func peek(_ offset: Int = 1) -> Token {
        let i = position + offset
        return i < tokens.count ? tokens[i] : tokens[tokens.count - 1]
    }

    mutating func advance() {
        previousEnd = current.span.end
        if position < tokens.count - 1 { position += 1 }
    }

    func spanFrom(_ start: Int) -> SourceSpan { SourceSpan(start: start, end: max(start, previousEnd)) }

    func isKeyword(_ keyword: String) -> Bool { current.isKeyword(keyword) }

    func isOp(_ op: String) -> Bool { current.isOp(op) }

    mutating func eatKeyword(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes the keywords in order if all are present, else nothing.
    mutating func eatKeywords(_ keywords: String...) -> Bool {
        for (i, k) in keywords.enumerated() where !peek(i).isKeyword(k) { return false }
        for _ in keywords { advance() }
        return true
    }

    mutating func eatOp(_ op: String) -> Bool {
        guard isOp(op) else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ keyword: String, _ context: String = "") throws(SQLError) {
        guard eatKeyword(keyword) else { throw unexpected(expected: keyword + context) }
    }

    mutating func expectOp(_ op: String, _ context: String = "") throws(SQLError) {
        guard eatOp(op) else { throw unexpected(expected: "\"\(op)\"" + context) }
    }

    // MARK: - Errors

    /// The token as written in the source (for messages).
    func sourceText(_ token: Token) -> String {
        let s = min(token.span.start, source.count), e = min(token.span.end, source.count)
        return String(decoding: source[s..<e], as: UTF8.self)
    }

    /// A syntax error at the current token.
    func unexpected(expected: String? = nil) -> SQLError {
        let token = current
        let message: String
        switch (expected, token.kind == .eof) {
        case (nil, true): message = "syntax error at end of input"
        case (nil, false): message = "syntax error at or near \"\(sourceText(token))\""
        case (let e?, true): message = "unexpected end of input, expected \(e)"
        case (let e?, false): message = "expected \(e), found \"\(sourceText(token))\""
        }
        return SQLError(.syntax, message, span: token.span)
    }

    /// Counts one nesting level; pair with `leave()`.
    mutating func enter() throws(SQLError) {
        depth += 1
        if depth > Parser.maxDepth {
            throw SQLError(.syntax, "expression too deeply nested", span: current.span)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: - Names

    /// True when the current token can be a name.
    var atIdentifier: Bool {
        current.kind == .quotedIdentifier || (current.kind == .word && !Keywords.isReserved(current.upper))
    }

    mutating func parseIdentifier(_ what: String = "a name") throws(SQLError) -> Identifier {
        guard atIdentifier else { throw unexpected(expected: what) }
        let token = current
        advance()
        return Identifier(token.text, quoted: token.kind == .quotedIdentifier, span: token.span)
    }

    mutating func parseQualifiedName(_ what: String = "a name") throws(SQLError) -> QualifiedName {
        var parts = [try parseIdentifier(what)]
        while isOp("."), peek().kind == .quotedIdentifier || peek().kind == .word {
            advance()
            parts.append(try parseIdentifier(what))
        }
        return QualifiedName(parts)
    }

    /// `(a, b, ...)`.
    mutating func parseIdentifierList() throws(SQLError) -> [Identifier] {
        try expectOp("(")
        var names = [try parseIdentifier("a column name")]
        while eatOp(",") { names.append(try parseIdentifier("a column name")) }
        try expectOp(")", " after column names")
        return names
    }

    /// An alias: `AS name` or a bare name that is not a clause keyword.
    mutating func parseOptionalAlias() throws(SQLError) -> Identifier? {
        if eatKeyword("AS") { return try parseIdentifier("an alias") }
        if current.kind == .quotedIdentifier { return try parseIdentifier() }
        if current.kind == .word, !Keywords.isReserved(current.upper), !Keywords.notImplicitAlias.contains(current.upper) {
            return try parseIdentifier()
        }
        return nil
    }

    /// A string literal's text.
    mutating func parseStringLiteral(_ what: String = "a string literal") throws(SQLError) -> String {
        guard current.kind == .string else { throw unexpected(expected: what) }
        let text = current.text
        advance()
        return text
    }

    /// A comma-separated list of expressions.
    mutating func parseExprList() throws(SQLError) -> [Expr] {
        var list = [try parseExpr()]
        while eatOp(",") { list.append(try parseExpr()) }
        return list
    }

    /// True at `SELECT`, `WITH` or `VALUES` (after skipping any `(`): a query starts here.
    func queryStartsAt(_ offset: Int = 0) -> Bool {
        var i = offset
        while peek(i).isOp("(") { i += 1 }
        let t = peek(i)
        return t.isKeyword("SELECT") || t.isKeyword("WITH") || t.isKeyword("VALUES")
    }
}
