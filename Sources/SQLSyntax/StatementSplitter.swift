/// Splits scripts into statements at `;` outside strings, quoted identifiers and comments.
public enum StatementSplitter {
    /// One piece of a script.
    public struct Piece: Sendable, Hashable {
        /// Statement text without the `;`.
        public var text: String
        /// Byte offset of `text` in the script.
        public var offset: Int
        /// 1-based line where `text` starts.
        public var line: Int
    }

    /// The non-empty statements of `sql`.
    public static func split(_ sql: String) -> [Piece] {
        fatalError("implemented by the lexer work")
    }

    /// True when the last statement of `sql` is terminated by `;`.
    public static func isComplete(_ sql: String) -> Bool {
        fatalError("implemented by the lexer work")
    }
}
