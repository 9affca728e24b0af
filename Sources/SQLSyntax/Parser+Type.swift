import Diagnostics

// Type names: standard SQL and Spark spellings, upper-cased as written.
extension Parser {
    /// Multi-word type names: first word → the words that may follow, in order.
    private static let multiWordTypes: [String: [[String]]] = [
        "DOUBLE": [["PRECISION"]],
        "CHARACTER": [["VARYING"]],
        "TIMESTAMP": [["WITH", "TIME", "ZONE"], ["WITHOUT", "TIME", "ZONE"]],
        "TIME": [["WITH", "TIME", "ZONE"], ["WITHOUT", "TIME", "ZONE"]],
    ]

    /// A type: `INT`, `DECIMAL(10,2)`, `STRUCT<a: INT>`, `ARRAY<T>`, `T[]`.
    mutating func parseType() throws(SQLError) -> TypeName {
        try enter()
        defer { leave() }
        guard current.kind == .word else { throw unexpected(expected: "a type name") }
        let first = current.upper
        advance()
        var type: TypeName
        if first == "ARRAY" && isOp("<") {
            advance()
            let element = try parseType()
            try expectOp(">", " after ARRAY element type")
            type = .array(element)
        } else if first == "STRUCT" && isOp("<") {
            advance()
            var fields: [(name: Identifier, type: TypeName)] = []
            if !isOp(">") {
                repeat {
                    let name = try parseFieldName()
                    _ = eatOp(":")
                    fields.append((name, try parseType()))
                } while eatOp(",")
            }
            try expectOp(">", " after STRUCT fields")
            type = .struct(fields)
        } else {
            var name = first
            for words in Parser.multiWordTypes[first] ?? [] where wordsFollow(words) {
                for w in words { name += " " + w; advance() }
                break
            }
            var parameters: [Int] = []
            if eatOp("(") {
                repeat {
                    guard current.kind == .integer, let n = Int(current.text) else {
                        throw unexpected(expected: "an integer type parameter")
                    }
                    parameters.append(n)
                    advance()
                } while eatOp(",")
                try expectOp(")", " after type parameters")
            }
            type = .named(name, parameters)
        }
        while isOp("["), peek().isOp("]") {
            advance()
            advance()
            type = .array(type)
        }
        return type
    }

    /// A struct field name: any word (keywords included) or a quoted name.
    private mutating func parseFieldName() throws(SQLError) -> Identifier {
        guard current.kind == .word || current.kind == .quotedIdentifier else { throw unexpected(expected: "a field name") }
        let token = current
        advance()
        return Identifier(token.text, quoted: token.kind == .quotedIdentifier, span: token.span)
    }

    private func wordsFollow(_ words: [String]) -> Bool {
        for (i, w) in words.enumerated() where !peek(i).isKeyword(w) { return false }
        return true
    }
}
