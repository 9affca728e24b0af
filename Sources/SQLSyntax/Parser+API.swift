import Diagnostics

/// The public entry points of the parser. Implemented in `Parser.swift`.
public enum SQLParser {
    /// Parses every statement of `sql` (separated by `;`). Spans index `sql`.
    public static func parse(_ sql: String) throws(SQLError) -> [ParsedStatement] {
        var parser = Parser(sql)
        return try parser.parseStatements()
    }

    /// Parses exactly one statement (a trailing `;` is allowed).
    public static func parseOne(_ sql: String) throws(SQLError) -> ParsedStatement {
        let all = try parse(sql)
        guard all.count == 1 else {
            throw SQLError(.syntax, all.isEmpty ? "empty statement" : "expected one statement, found \(all.count)")
        }
        return all[0]
    }

    /// Parses one expression (used by tests and by DEFAULT values).
    public static func parseExpression(_ sql: String) throws(SQLError) -> Expr {
        var parser = Parser(sql)
        return try parser.parseStandaloneExpression()
    }
}
