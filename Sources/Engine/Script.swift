import SQLSyntax

/// One statement cut out of a script.
public struct ScriptStatement: Sendable, Hashable {
    /// The statement text, without the terminating `;`.
    public var text: String
    /// Byte offset of `text` in the script.
    public var offset: Int
    /// 1-based line of the script where `text` starts.
    public var line: Int

    /// Creates a script statement.
    public init(text: String, offset: Int, line: Int) {
        self.text = text
        self.offset = offset
        self.line = line
    }
}

/// Splitting scripts into statements (the same splitter for batch runs and the REPL).
public enum Script {
    /// The statements of `sql`, split at `;` outside strings, quoted names and comments.
    /// Empty statements (only blanks and comments) are dropped.
    public static func split(_ sql: String) -> [ScriptStatement] {
        StatementSplitter.split(sql).map { ScriptStatement(text: $0.text, offset: $0.offset, line: $0.line) }
    }

    /// True when `sql` ends a statement: the last non-blank, non-comment token is a `;`
    /// outside strings and comments (the REPL keeps reading lines until then).
    public static func isComplete(_ sql: String) -> Bool {
        StatementSplitter.isComplete(sql)
    }
}
