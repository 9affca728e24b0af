import Diagnostics

/// One lexical token of SQL text.
package struct Token: Sendable, Hashable {
    /// Token categories.
    package enum Kind: Sendable, Hashable {
        /// A bare word: keyword or identifier (`text` as written, `upper` upper-cased).
        case word
        /// `"name"` or `` `name` `` (`text` unescaped).
        case quotedIdentifier
        /// `'text'` (`text` unescaped).
        case string
        /// Digits only.
        case integer
        /// Digits with a point or an exponent.
        case number
        /// An operator or punctuation (`text` is the operator).
        case op
        /// End of input.
        case eof
    }

    /// The category.
    package var kind: Kind
    /// Token text (see `Kind`).
    package var text: String
    /// Upper-cased text for words, empty otherwise.
    package var upper: String
    /// Byte range in the SQL text.
    package var span: SourceSpan

    /// Creates a token.
    package init(_ kind: Kind, _ text: String, span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.upper = kind == .word ? text.uppercased() : ""
        self.span = span
    }

    /// True for the word `keyword` (given upper-case).
    package func isKeyword(_ keyword: String) -> Bool { kind == .word && upper == keyword }

    /// True for the operator `op`.
    package func isOp(_ op: String) -> Bool { kind == .op && text == op }
}
