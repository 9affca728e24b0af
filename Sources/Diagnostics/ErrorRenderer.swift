/// Renders an `SQLError` the same way everywhere (REPL, batch, tests):
///
/// ```
/// Error: column "pirce" not found in bronze.listings
/// LINE 1: SELECT pirce FROM bronze.listings
///                ^~~~~
/// Note: did you mean "price"?
/// ```
public enum ErrorRenderer {
    /// Renders `error` against the SQL text its span points into.
    /// - Parameters:
    ///   - sql: the text the span indexes (the statement or the whole script).
    ///   - lineOffset: number of lines before `sql` in its file, so LINE numbers match the file.
    ///   - origin: optional "file:line" prefix naming the statement's place in a script.
    public static func render(_ error: SQLError, sql: String? = nil, lineOffset: Int = 0, origin: String? = nil) -> String {
        var out = "Error: "
        if let origin { out += "\(origin): " }
        if let location = error.location { out += "\(location): " }
        out += error.message
        if let sql, let span = error.span {
            out += "\n" + caretLines(sql: sql, span: span, lineOffset: lineOffset)
        }
        for note in error.notes { out += "\nNote: " + note }
        return out
    }

    /// The "LINE n: text" line and the caret line under it.
    static func caretLines(sql: String, span: SourceSpan, lineOffset: Int) -> String {
        let bytes = Array(sql.utf8)
        let start = min(max(0, span.start), bytes.count)
        var lineStart = start
        while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var lineNumber = 1 + lineOffset
        for b in bytes[0..<lineStart] where b == UInt8(ascii: "\n") { lineNumber += 1 }
        var lineBytes = Array(bytes[lineStart..<lineEnd])
        if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
        let lineText = String(decoding: lineBytes, as: UTF8.self).replacingTabs()
        let prefix = "LINE \(lineNumber): "
        let column = displayWidth(bytes[lineStart..<start])
        let spanEnd = min(max(span.end, start), lineEnd)
        let width = max(1, displayWidth(bytes[start..<spanEnd]))
        let marker = "^" + String(repeating: "~", count: width - 1)
        return prefix + lineText + "\n" + String(repeating: " ", count: prefix.count + column) + marker
    }

    /// Number of characters (not bytes) in a UTF-8 slice; tabs count as one space.
    static func displayWidth(_ bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(self.map { $0 == "\t" ? " " : $0 })
    }
}
