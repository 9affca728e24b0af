/// Splits scripts into statements at `;` outside strings, quoted identifiers and comments.
/// It never fails: unterminated strings or comments simply run to the end of the text.
public enum StatementSplitter {
    /// One piece of a script.
    public struct Piece: Sendable, Hashable {
        /// Statement text without the `;`, from its first character that is not blank or comment.
        public var text: String
        /// Byte offset of `text` in the script.
        public var offset: Int
        /// 1-based line where `text` starts.
        public var line: Int
    }

    /// The non-empty statements of `sql`.
    public static func split(_ sql: String) -> [Piece] {
        let bytes = Array(sql.utf8)
        var scanner = Scanner(bytes: bytes)
        var pieces: [Piece] = []
        var line = 1
        var lineCountedTo = 0
        func add(_ start: Int, _ end: Int) {
            while lineCountedTo < start {
                if bytes[lineCountedTo] == UInt8(ascii: "\n") { line += 1 }
                lineCountedTo += 1
            }
            var trimmedEnd = end
            while trimmedEnd > start, LexerBytes.isBlank(bytes[trimmedEnd - 1]) { trimmedEnd -= 1 }
            pieces.append(Piece(text: String(decoding: bytes[start..<trimmedEnd], as: UTF8.self), offset: start, line: line))
        }
        var statementStart: Int? = nil
        while let event = scanner.next() {
            switch event {
            case .semicolon(let at):
                if let start = statementStart { add(start, at) }
                statementStart = nil
            case .significant(let at):
                if statementStart == nil { statementStart = at }
            }
        }
        if let start = statementStart { add(start, bytes.count) }
        return pieces
    }

    /// True when the last statement of `sql` is terminated by `;` (trailing blanks and comments
    /// ignored); false while a string, quoted name or block comment is open, or when there is nothing.
    public static func isComplete(_ sql: String) -> Bool {
        var scanner = Scanner(bytes: Array(sql.utf8))
        var endsWithSemicolon = false
        while let event = scanner.next() {
            switch event {
            case .semicolon: endsWithSemicolon = true
            case .significant: endsWithSemicolon = false
            }
        }
        return endsWithSemicolon && !scanner.insideOpenToken
    }

    /// Walks bytes, reporting top-level `;` and the start of each significant token.
    private struct Scanner {
        enum Event { case semicolon(Int), significant(Int) }
        let bytes: [UInt8]
        var index = 0
        /// True when the text ended inside a string, quoted identifier or block comment.
        var insideOpenToken = false

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Event? {
            while index < bytes.count {
                let b = bytes[index]
                let following: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
                if LexerBytes.isBlank(b) {
                    index += 1
                } else if b == UInt8(ascii: "-"), following == UInt8(ascii: "-") {
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                } else if b == UInt8(ascii: "/"), following == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if b == UInt8(ascii: ";") {
                    index += 1
                    return .semicolon(index - 1)
                } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") {
                    let start = index
                    skipQuoted(b)
                    return .significant(start)
                } else {
                    let start = index
                    index += 1
                    while index < bytes.count, isPlain(bytes[index]) { index += 1 }
                    return .significant(start)
                }
            }
            return nil
        }

        /// Bytes that can continue a plain run (anything that does not start a comment, quote or `;`).
        private func isPlain(_ b: UInt8) -> Bool {
            !(LexerBytes.isBlank(b) || b == UInt8(ascii: ";") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"")
                || b == UInt8(ascii: "`") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/"))
        }

        private mutating func skipBlockComment() {
            index += 2
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                    index += 2
                    return
                }
                index += 1
            }
            index = bytes.count
            insideOpenToken = true
        }

        private mutating func skipQuoted(_ quote: UInt8) {
            index += 1
            while index < bytes.count {
                if bytes[index] == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        index += 2
                        continue
                    }
                    index += 1
                    return
                }
                index += 1
            }
            insideOpenToken = true
        }
    }
}
