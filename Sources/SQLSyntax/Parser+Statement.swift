import Diagnostics

// Statement dispatch, DML and the small utility statements.
extension Parser {
    /// One statement (without its `;`).
    mutating func parseStatement() throws(SQLError) -> Statement {
        try enter()
        defer { leave() }
        if isOp("(") || isKeyword("SELECT") || isKeyword("WITH") || isKeyword("VALUES") {
            return .query(try parseQuery())
        }
        guard current.kind == .word else { throw unexpected(expected: "a statement") }
        switch current.upper {
        case "CREATE": return try parseCreate()
        case "DROP": return try parseDrop()
        case "INSERT", "REPLACE": return .insert(try parseInsert())
        case "UPDATE": return .update(try parseUpdate())
        case "DELETE": return .delete(try parseDelete())
        case "SHOW": return try parseShow()
        case "DESCRIBE", "DESC":
            advance()
            if queryStartsAt() { return .describeQuery(try parseQuery()) }
            _ = eatKeyword("TABLE")
            return .describe(try parseQualifiedName("a table name"))
        case "EXPLAIN":
            advance()
            let analyze = eatKeyword("ANALYZE")
            let verbose = eatKeyword("VERBOSE")
            return .explain(try parseStatement(), analyze: analyze, verbose: verbose)
        case "REFRESH":
            advance()
            try expectKeyword("MATERIALIZED", " after REFRESH")
            try expectKeyword("VIEW", " after REFRESH MATERIALIZED")
            let name = try parseQualifiedName("a view name")
            return .refresh(name, full: eatKeyword("FULL"))
        case "COPY": return .copy(try parseCopy())
        case "SET":
            advance()
            let name = try parseIdentifier("a setting name")
            if !eatOp("=") { try expectKeyword("TO", " or \"=\" after setting name") }
            return .set(name: name, value: try parseExpr())
        case "BEGIN", "START", "COMMIT", "ROLLBACK", "END":
            var word = current.upper
            advance()
            if word == "START" { try expectKeyword("TRANSACTION", " after START"); word = "BEGIN" }
            if word == "END" { word = "COMMIT" }
            if !eatKeyword("TRANSACTION") { _ = eatKeyword("WORK") }
            return .transaction(word)
        default:
            throw unexpected()
        }
    }

    private mutating func parseInsert() throws(SQLError) -> Insert {
        let start = current.span.start
        var conflict = Insert.Conflict.abort
        var overwrite = false
        if eatKeyword("REPLACE") {
            conflict = .replace
            try expectKeyword("INTO", " after REPLACE")
        } else {
            try expectKeyword("INSERT")
            if eatKeyword("OR") {
                if eatKeyword("REPLACE") { conflict = .replace }
                else if eatKeyword("IGNORE") { conflict = .ignore }
                else { throw unexpected(expected: "REPLACE or IGNORE after INSERT OR") }
            }
            if eatKeyword("OVERWRITE") {
                overwrite = true
                _ = eatKeyword("TABLE")
            } else {
                try expectKeyword("INTO", " after INSERT")
            }
        }
        let table = try parseQualifiedName("a table name")
        var columns: [Identifier] = []
        if isOp("("), !queryStartsAt(1) { columns = try parseIdentifierList() }
        let source: Query
        if isKeyword("DEFAULT"), peek().isKeyword("VALUES") {
            let span = current.span.union(peek().span)
            advance()
            advance()
            source = Query(body: .values([[]], span: span), span: span)
        } else {
            source = try parseQuery()
        }
        return Insert(table: table, columns: columns, source: source, onConflict: conflict, overwrite: overwrite, span: spanFrom(start))
    }

    private mutating func parseUpdate() throws(SQLError) -> Update {
        let start = current.span.start
        try expectKeyword("UPDATE")
        let table = try parseQualifiedName("a table name")
        let alias = try parseOptionalAlias()
        try expectKeyword("SET", " in UPDATE")
        var assignments: [Assignment] = []
        repeat {
            let column = try parseIdentifier("a column name")
            try expectOp("=", " after column name in SET")
            assignments.append(Assignment(column: column, value: try parseExpr()))
        } while eatOp(",")
        let condition = eatKeyword("WHERE") ? try parseExpr() : nil
        return Update(table: table, alias: alias, assignments: assignments, whereClause: condition, span: spanFrom(start))
    }

    private mutating func parseDelete() throws(SQLError) -> Delete {
        let start = current.span.start
        try expectKeyword("DELETE")
        try expectKeyword("FROM", " after DELETE")
        let table = try parseQualifiedName("a table name")
        let alias = try parseOptionalAlias()
        let condition = eatKeyword("WHERE") ? try parseExpr() : nil
        return Delete(table: table, alias: alias, whereClause: condition, span: spanFrom(start))
    }

    private mutating func parseShow() throws(SQLError) -> Statement {
        advance()
        if eatKeyword("TABLES") {
            var schema: Identifier? = nil
            if eatKeyword("FROM") || eatKeyword("IN") { schema = try parseIdentifier("a schema name") }
            let like = eatKeyword("LIKE") ? try parseStringLiteral() : nil
            return .showTables(schema: schema, like: like)
        }
        if eatKeyword("COLUMNS") {
            if !eatKeyword("FROM") { try expectKeyword("IN", " after SHOW COLUMNS") }
            return .describe(try parseQualifiedName("a table name"))
        }
        if eatKeyword("CREATE") {
            if !eatKeyword("TABLE") {
                _ = eatKeyword("MATERIALIZED")
                try expectKeyword("VIEW", " after SHOW CREATE")
            }
            return .showCreate(try parseQualifiedName("a table name"))
        }
        throw unexpected(expected: "TABLES, COLUMNS or CREATE after SHOW")
    }

    private mutating func parseCopy() throws(SQLError) -> Copy {
        let start = current.span.start
        try expectKeyword("COPY")
        let source: Copy.Source = isOp("(") ? .query(try parseParenthesizedQuery()) : .table(try parseQualifiedName("a table name"))
        try expectKeyword("TO", " in COPY")
        let path = try parseStringLiteral("a file path")
        var options: [String: String] = [:]
        _ = eatKeyword("WITH")
        if eatOp("(") {
            repeat {
                guard current.kind == .word || current.kind == .string else { throw unexpected(expected: "an option name") }
                let key = current.text.lowercased()
                advance()
                _ = eatOp("=")
                guard [.word, .string, .integer, .number].contains(current.kind) else { throw unexpected(expected: "an option value") }
                options[key] = current.text
                advance()
            } while eatOp(",")
            try expectOp(")", " after COPY options")
        }
        return Copy(source: source, path: path, options: options, span: spanFrom(start))
    }
}
