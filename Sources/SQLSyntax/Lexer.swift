import Diagnostics

/// Turns SQL text into tokens. Works on UTF-8 bytes; builds one `String` per token, never per character.
/// Comments are skipped. Unterminated strings, comments and quoted names are syntax errors.
package struct Lexer {
    private let bytes: [UInt8]
    private var index = 0

    /// Creates a lexer over UTF-8 bytes.
    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Creates a lexer over a string.
    package init(_ sql: String) { self.bytes = Array(sql.utf8) }

    /// All tokens, ending with one `.eof` token.
    package mutating func tokenize() throws(SQLError) -> [Token] {
        var tokens: [Token] = []
        while true {
            try skipBlanksAndComments()
            guard index < bytes.count else {
                tokens.append(Token(.eof, "", span: SourceSpan(start: bytes.count, end: bytes.count)))
                return tokens
            }
            tokens.append(try next(after: tokens.last))
        }
    }

    private func byte(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func skipBlanksAndComments() throws(SQLError) {
        while let b = byte() {
            if LexerBytes.isBlank(b) {
                index += 1
            } else if b == UInt8(ascii: "-"), byte(1) == UInt8(ascii: "-") {
                while let c = byte(), c != UInt8(ascii: "\n") { index += 1 }
            } else if b == UInt8(ascii: "/"), byte(1) == UInt8(ascii: "*") {
                let start = index
                index += 2
                while true {
                    guard let c = byte() else {
                        throw SQLError(.syntax, "unterminated comment", span: SourceSpan(start: start, end: bytes.count))
                    }
                    if c == UInt8(ascii: "*"), byte(1) == UInt8(ascii: "/") { index += 2; break }
                    index += 1
                }
            } else {
                return
            }
        }
    }

    private mutating func next(after previous: Token?) throws(SQLError) -> Token {
        let start = index
        let b = bytes[index]
        if LexerBytes.isIdentifierStart(b) {
            while let c = byte(), LexerBytes.isIdentifierPart(c) { index += 1 }
            return Token(.word, text(start, index), span: SourceSpan(start: start, end: index))
        }
        if LexerBytes.isDigit(b) { return lexNumber() }
        if b == UInt8(ascii: "."), let c = byte(1), LexerBytes.isDigit(c), !Lexer.endsOperand(previous) {
            return lexNumber()
        }
        switch b {
        case UInt8(ascii: "'"):
            return try lexQuoted(quote: b, kind: .string, what: "string literal")
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            return try lexQuoted(quote: b, kind: .quotedIdentifier, what: "quoted identifier")
        default:
            return try lexOperator()
        }
    }

    /// True when `token` ends an operand, so a following `.5` is a dot and a number, not `0.5`.
    private static func endsOperand(_ token: Token?) -> Bool {
        guard let token else { return false }
        switch token.kind {
        case .word, .quotedIdentifier: return true
        case .op: return token.text == ")" || token.text == "]"
        default: return false
        }
    }

    private mutating func lexNumber() -> Token {
        let start = index
        var isInteger = true
        while let c = byte(), LexerBytes.isDigit(c) { index += 1 }
        if byte() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            while let c = byte(), LexerBytes.isDigit(c) { index += 1 }
        }
        if let e = byte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var digitAt = 1
            if let s = byte(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { digitAt = 2 }
            if let d = byte(digitAt), LexerBytes.isDigit(d) {
                isInteger = false
                index += digitAt
                while let c = byte(), LexerBytes.isDigit(c) { index += 1 }
            }
        }
        return Token(isInteger ? .integer : .number, text(start, index), span: SourceSpan(start: start, end: index))
    }

    private mutating func lexQuoted(quote: UInt8, kind: Token.Kind, what: String) throws(SQLError) -> Token {
        let start = index
        index += 1
        var content: [UInt8] = []
        var segmentStart = index
        while true {
            guard let c = byte() else {
                throw SQLError(.syntax, "unterminated \(what)", span: SourceSpan(start: start, end: bytes.count))
            }
            if c == quote {
                content.append(contentsOf: bytes[segmentStart..<index])
                if byte(1) == quote {
                    content.append(quote)
                    index += 2
                    segmentStart = index
                    continue
                }
                index += 1
                break
            }
            index += 1
        }
        let span = SourceSpan(start: start, end: index)
        if kind == .quotedIdentifier && content.isEmpty {
            throw SQLError(.syntax, "zero-length quoted identifier", span: span)
        }
        return Token(kind, String(decoding: content, as: UTF8.self), span: span)
    }

    private mutating func lexOperator() throws(SQLError) -> Token {
        let start = index
        let b = bytes[index]
        if let b1 = byte(1), let pair = LexerBytes.twoByteOperator(b, b1) {
            index += 2
            return Token(.op, pair, span: SourceSpan(start: start, end: index))
        }
        if let single = LexerBytes.oneByteOperator(b) {
            index += 1
            return Token(.op, single, span: SourceSpan(start: start, end: index))
        }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let shown = String(decoding: bytes[index..<end], as: UTF8.self)
        throw SQLError(.syntax, "unexpected character \"\(shown)\"", span: SourceSpan(start: start, end: end))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Byte classes shared by the lexer and the statement splitter.
package enum LexerBytes {
    /// Operators of two bytes, checked before single bytes (the one table of them).
    static let twoByteOperators: [String] = ["::", "||", "<=", ">=", "<>", "!=", "=="]
    /// Operators and punctuation of one byte.
    static let oneByteOperators: [String] = ["=", "<", ">", "+", "-", "*", "/", "%", ".", ",", ";", "(", ")", "[", "]", ":"]

    /// Two-byte operators indexed by their bytes.
    private static let pairs: [UInt16: String] = Dictionary(uniqueKeysWithValues: twoByteOperators.map { op in
        let u = Array(op.utf8)
        return (UInt16(u[0]) << 8 | UInt16(u[1]), op)
    })

    /// One-byte operators indexed by their byte.
    private static let singles: [String?] = {
        var table = [String?](repeating: nil, count: 128)
        for op in oneByteOperators { for u in op.utf8 { table[Int(u)] = op } }
        return table
    }()

    /// The operator spelled by `a` followed by `b`, if any.
    static func twoByteOperator(_ a: UInt8, _ b: UInt8) -> String? { pairs[UInt16(a) << 8 | UInt16(b)] }

    /// The operator spelled by `b` alone, if any.
    static func oneByteOperator(_ b: UInt8) -> String? { b < 128 ? singles[Int(b)] : nil }

    /// Space, tab, newline, carriage return, form feed, vertical tab.
    package static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }

    /// ASCII digit.
    package static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Letter, underscore or any non-ASCII byte.
    package static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    /// Identifier start, digit or `$`.
    package static func isIdentifierPart(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || isDigit(b) || b == 0x24
    }
}
