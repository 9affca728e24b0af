import Diagnostics

// CREATE and DROP statements, with Spark (`USING ... OPTIONS ... LOCATION`) and
// DataFusion (`CREATE EXTERNAL TABLE ... STORED AS ...`) table clauses.
extension Parser {
    mutating func parseCreate() throws(SQLError) -> Statement {
        let start = current.span.start
        try expectKeyword("CREATE")
        let orReplace = eatKeywords("OR", "REPLACE")
        let temporary = eatKeyword("TEMP") || eatKeyword("TEMPORARY")
        let external = eatKeyword("EXTERNAL")
        let materialized = eatKeyword("MATERIALIZED")
        let unique = eatKeyword("UNIQUE")
        if eatKeyword("TABLE") {
            var table = CreateTable(name: QualifiedName([]), span: .none)
            table.orReplace = orReplace
            table.temporary = temporary
            table.external = external
            try parseCreateTableBody(&table)
            table.span = spanFrom(start)
            return .createTable(table)
        }
        if eatKeyword("VIEW") {
            let ifNotExists = eatKeywords("IF", "NOT", "EXISTS")
            let name = try parseQualifiedName("a view name")
            let columns = isOp("(") ? try parseIdentifierList() : []
            try expectKeyword("AS", " before view query")
            let query = try parseQuery()
            let s = min(query.span.start, source.count), e = min(query.span.end, source.count)
            let text = String(decoding: source[s..<e], as: UTF8.self)
            return .createView(CreateView(
                name: name, columns: columns, query: query, orReplace: orReplace, ifNotExists: ifNotExists,
                temporary: temporary, materialized: materialized, queryText: text, span: spanFrom(start)))
        }
        if eatKeyword("SCHEMA") || eatKeyword("DATABASE") {
            let ifNotExists = eatKeywords("IF", "NOT", "EXISTS")
            return .createSchema(try parseQualifiedName("a schema name"), ifNotExists: ifNotExists)
        }
        if eatKeyword("INDEX") {
            _ = unique
            let ifNotExists = eatKeywords("IF", "NOT", "EXISTS")
            let name = try parseQualifiedName("an index name")
            try expectKeyword("ON", " after index name")
            let table = try parseQualifiedName("a table name")
            try expectOp("(", " before index columns")
            let columns = try parseExprList()
            try expectOp(")", " after index columns")
            return .createIndex(name: name, table: table, columns: columns, ifNotExists: ifNotExists)
        }
        throw unexpected(expected: "TABLE, VIEW, SCHEMA or INDEX after CREATE")
    }

    private mutating func parseCreateTableBody(_ table: inout CreateTable) throws(SQLError) {
        table.ifNotExists = eatKeywords("IF", "NOT", "EXISTS")
        table.name = try parseQualifiedName("a table name")
        if isOp("(") { try parseTableElements(&table) }
        while true {
            if eatKeyword("USING") {
                table.format = try parseFormatName()
            } else if eatKeywords("STORED", "AS") {
                table.format = try parseFormatName()
            } else if eatKeyword("OPTIONS") || eatKeyword("TBLPROPERTIES") {
                table.options += try parseOptionList()
            } else if eatKeyword("LOCATION") {
                table.location = try parseStringLiteral("a location string")
            } else if eatKeywords("PARTITIONED", "BY") {
                table.partitionedBy = try parseIdentifierList()
            } else if eatKeyword("COMMENT") {
                table.comment = try parseStringLiteral("a comment string")
            } else {
                break
            }
        }
        if eatKeyword("AS") { table.asQuery = try parseQuery() }
        if table.columns.isEmpty && table.asQuery == nil && table.location == nil {
            throw unexpected(expected: "column definitions or AS query")
        }
    }

    private mutating func parseFormatName() throws(SQLError) -> String {
        guard current.kind == .word || current.kind == .string else { throw unexpected(expected: "a format name") }
        let name = current.text.uppercased()
        advance()
        return name
    }

    /// `(col type constraints, ..., PRIMARY KEY (a), UNIQUE (b))`.
    private mutating func parseTableElements(_ table: inout CreateTable) throws(SQLError) {
        try expectOp("(")
        repeat {
            if eatKeywords("PRIMARY", "KEY") {
                table.primaryKey = try parseIdentifierList()
            } else if isKeyword("UNIQUE"), peek().isOp("(") {
                advance()
                table.uniqueKeys.append(try parseIdentifierList())
            } else {
                table.columns.append(try parseColumnDef())
            }
        } while eatOp(",")
        try expectOp(")", " after column definitions")
    }

    private mutating func parseColumnDef() throws(SQLError) -> ColumnDef {
        let name = try parseIdentifier("a column name")
        var column = ColumnDef(name: name, type: try parseType())
        while true {
            if eatKeywords("NOT", "NULL") { column.notNull = true }
            else if eatKeyword("NULL") { column.notNull = false }
            else if eatKeywords("PRIMARY", "KEY") { column.primaryKey = true }
            else if eatKeyword("UNIQUE") { column.unique = true }
            else if eatKeyword("DEFAULT") { column.defaultValue = try parseExpr(.isTest) }
            else if eatKeyword("COMMENT") { column.comment = try parseStringLiteral("a comment string") }
            else { return column }
        }
    }

    /// `(key 'value', 'key' = 'value', key = value, a.b 'v')`; keys lower-cased.
    private mutating func parseOptionList() throws(SQLError) -> [(key: String, value: String)] {
        try expectOp("(", " before options")
        var options: [(key: String, value: String)] = []
        if eatOp(")") { return options }
        repeat {
            guard current.kind == .word || current.kind == .string || current.kind == .quotedIdentifier else {
                throw unexpected(expected: "an option name")
            }
            var key = current.text
            advance()
            while isOp("."), peek().kind == .word {
                advance()
                key += "." + current.text
                advance()
            }
            _ = eatOp("=")
            guard [.word, .string, .integer, .number].contains(current.kind) else { throw unexpected(expected: "an option value") }
            options.append((key.lowercased(), current.text))
            advance()
        } while eatOp(",")
        try expectOp(")", " after options")
        return options
    }

    mutating func parseDrop() throws(SQLError) -> Statement {
        let start = current.span.start
        try expectKeyword("DROP")
        let kind: Drop.Kind
        if eatKeyword("TABLE") { kind = .table }
        else if eatKeyword("VIEW") { kind = .view }
        else if eatKeywords("MATERIALIZED", "VIEW") { kind = .materializedView }
        else if eatKeyword("SCHEMA") || eatKeyword("DATABASE") { kind = .schema }
        else if eatKeyword("INDEX") { kind = .index }
        else { throw unexpected(expected: "TABLE, VIEW, MATERIALIZED VIEW, SCHEMA or INDEX after DROP") }
        let ifExists = eatKeywords("IF", "EXISTS")
        var names = [try parseQualifiedName()]
        while eatOp(",") { names.append(try parseQualifiedName()) }
        let cascade = eatKeyword("CASCADE")
        if !cascade { _ = eatKeyword("RESTRICT") }
        return .drop(Drop(kind: kind, names: names, ifExists: ifExists, cascade: cascade, span: spanFrom(start)))
    }
}
