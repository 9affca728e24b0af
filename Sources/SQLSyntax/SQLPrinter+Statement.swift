// Statements: DDL, DML and the utility statements.
extension SQLPrinter {
    static func printStatement(_ statement: Statement) -> String {
        switch statement {
        case let .query(query): return printQuery(query)
        case let .createTable(table): return createTable(table)
        case let .createView(view):
            var text = "CREATE " + (view.orReplace ? "OR REPLACE " : "") + (view.temporary ? "TEMPORARY " : "")
            text += (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + (view.ifNotExists ? "IF NOT EXISTS " : "")
            text += name(view.name)
            if !view.columns.isEmpty { text += " (" + list(view.columns) { identifier($0) } + ")" }
            return text + " AS " + printQuery(view.query)
        case let .createSchema(schema, ifNotExists):
            return "CREATE SCHEMA " + (ifNotExists ? "IF NOT EXISTS " : "") + name(schema)
        case let .createIndex(index, table, columns, ifNotExists):
            return "CREATE INDEX " + (ifNotExists ? "IF NOT EXISTS " : "") + name(index) + " ON " + name(table)
                + " (" + list(columns, printExpr) + ")"
        case let .insert(insert): return printInsert(insert)
        case let .update(update):
            var text = "UPDATE " + name(update.table) + (update.alias.map { " AS " + identifier($0) } ?? "")
            text += " SET " + list(update.assignments) { identifier($0.column) + " = " + printExpr($0.value) }
            return text + (update.whereClause.map { " WHERE " + printExpr($0) } ?? "")
        case let .delete(delete):
            return "DELETE FROM " + name(delete.table) + (delete.alias.map { " AS " + identifier($0) } ?? "")
                + (delete.whereClause.map { " WHERE " + printExpr($0) } ?? "")
        case let .drop(drop):
            return "DROP " + drop.kind.rawValue + (drop.ifExists ? " IF EXISTS " : " ") + list(drop.names) { name($0) }
                + (drop.cascade ? " CASCADE" : "")
        case let .showTables(schema, like):
            return "SHOW TABLES" + (schema.map { " FROM " + identifier($0) } ?? "") + (like.map { " LIKE " + stringLiteral($0) } ?? "")
        case let .describe(table): return "DESCRIBE " + name(table)
        case let .describeQuery(query): return "DESCRIBE " + printQuery(query)
        case let .showCreate(table): return "SHOW CREATE TABLE " + name(table)
        case let .explain(inner, analyze, verbose):
            return "EXPLAIN " + (analyze ? "ANALYZE " : "") + (verbose ? "VERBOSE " : "") + printStatement(inner)
        case let .refresh(view, full):
            return "REFRESH MATERIALIZED VIEW " + name(view) + (full ? " FULL" : "")
        case let .copy(copy): return printCopy(copy)
        case let .set(setting, value): return "SET " + identifier(setting) + " = " + printExpr(value)
        case let .transaction(word): return word
        }
    }

    private static func createTable(_ table: CreateTable) -> String {
        var text = "CREATE " + (table.orReplace ? "OR REPLACE " : "") + (table.temporary ? "TEMPORARY " : "")
        text += (table.external ? "EXTERNAL TABLE " : "TABLE ") + (table.ifNotExists ? "IF NOT EXISTS " : "") + name(table.name)
        var elements = table.columns.map(columnDef)
        if !table.primaryKey.isEmpty { elements.append("PRIMARY KEY (" + list(table.primaryKey) { identifier($0) } + ")") }
        for key in table.uniqueKeys { elements.append("UNIQUE (" + list(key) { identifier($0) } + ")") }
        if !elements.isEmpty { text += " (" + elements.joined(separator: ", ") + ")" }
        if let format = table.format { text += " USING " + (isBareWord(format) ? format : stringLiteral(format)) }
        if !table.options.isEmpty {
            text += " OPTIONS (" + list(table.options) { option in
                (isBareWord(option.key) ? option.key : stringLiteral(option.key)) + " " + stringLiteral(option.value)
            } + ")"
        }
        if let location = table.location { text += " LOCATION " + stringLiteral(location) }
        if !table.partitionedBy.isEmpty { text += " PARTITIONED BY (" + list(table.partitionedBy) { identifier($0) } + ")" }
        if let comment = table.comment { text += " COMMENT " + stringLiteral(comment) }
        if let query = table.asQuery { text += " AS " + printQuery(query) }
        return text
    }

    private static func columnDef(_ column: ColumnDef) -> String {
        var text = identifier(column.name) + " " + typeName(column.type)
        if column.notNull { text += " NOT NULL" }
        if column.primaryKey { text += " PRIMARY KEY" }
        if column.unique { text += " UNIQUE" }
        if let value = column.defaultValue { text += " DEFAULT " + operand(value, .isTest, strict: true) }
        if let comment = column.comment { text += " COMMENT " + stringLiteral(comment) }
        return text
    }

    private static func printInsert(_ insert: Insert) -> String {
        var text: String
        if insert.overwrite {
            text = "INSERT OVERWRITE TABLE "
        } else {
            switch insert.onConflict {
            case .abort: text = "INSERT INTO "
            case .replace: text = "INSERT OR REPLACE INTO "
            case .ignore: text = "INSERT OR IGNORE INTO "
            }
        }
        text += name(insert.table)
        if !insert.columns.isEmpty { text += " (" + list(insert.columns) { identifier($0) } + ")" }
        return text + " " + printQuery(insert.source)
    }

    private static func printCopy(_ copy: Copy) -> String {
        var text = "COPY "
        switch copy.source {
        case let .query(query): text += "(" + printQuery(query) + ")"
        case let .table(table): text += name(table)
        }
        text += " TO " + stringLiteral(copy.path)
        if !copy.options.isEmpty {
            let keys = copy.options.keys.sorted()
            text += " (" + list(keys) { key in
                (isBareWord(key) ? key : stringLiteral(key)) + " " + stringLiteral(copy.options[key] ?? "")
            } + ")"
        }
        return text
    }
}
