import Diagnostics

/// Recursive-descent parser (placeholder until the grammar lands).
struct Parser {
    init(_ sql: String) {}
    mutating func parseStatements() throws(SQLError) -> [ParsedStatement] { throw SQLError(.unsupported, "parser not built") }
    mutating func parseStandaloneExpression() throws(SQLError) -> Expr { throw SQLError(.unsupported, "parser not built") }
}
