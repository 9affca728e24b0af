/// Turns syntax trees back into normalized SQL text: keywords upper-case, identifiers quoted
/// only when needed, parentheses only where precedence needs them. Parsing the output gives
/// the same tree (spans aside), so the text can persist catalog DDL and view definitions.
public enum SQLPrinter {
    /// The SQL text of a statement (without `;`).
    public static func statement(_ statement: Statement) -> String { printStatement(statement) }

    /// The SQL text of a query.
    public static func query(_ query: Query) -> String { printQuery(query) }

    /// The SQL text of an expression.
    public static func expression(_ expr: Expr) -> String { printExpr(expr) }

    /// The SQL text of a type name.
    public static func typeName(_ type: TypeName) -> String {
        switch type {
        case let .named(name, parameters):
            return parameters.isEmpty ? name : name + "(" + parameters.map(String.init).joined(separator: ", ") + ")"
        case let .array(element):
            return "ARRAY<" + typeName(element) + ">"
        case let .struct(fields):
            let body = fields.map { identifier($0.name, keywordsAllowed: true) + ": " + typeName($0.type) }
            return "STRUCT<" + body.joined(separator: ", ") + ">"
        }
    }

    /// A name, in double quotes when it is not a plain lower- or upper-case word or is reserved.
    /// A name written in quotes stays quoted (quoting changes how it matches).
    public static func identifier(_ id: Identifier, keywordsAllowed: Bool = false) -> String {
        if !id.quoted && isBareWord(id.value) && (keywordsAllowed || !Keywords.isReserved(id.value.uppercased())) {
            return id.value
        }
        return "\"" + id.value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A dotted name.
    public static func name(_ name: QualifiedName) -> String {
        name.parts.map { identifier($0) }.joined(separator: ".")
    }

    /// A string literal with `'` doubled.
    public static func stringLiteral(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }

    static func isBareWord(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), LexerBytes.isIdentifierStart(first) else { return false }
        while let b = bytes.next() {
            if !LexerBytes.isIdentifierPart(b) { return false }
        }
        return true
    }

    static func list<T>(_ items: [T], _ render: (T) -> String) -> String {
        items.map(render).joined(separator: ", ")
    }
}

extension String {
    /// This string with every occurrence of `target` (one character) replaced.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
