import Diagnostics

/// An error of one statement with its place in a script: what both error formats print.
struct ErrorReport {
    /// The error.
    var error: SQLError
    /// The statement text its span indexes.
    var sql: String?
    /// Script name (`-c`, `<stdin>`, a path), nil at the prompt.
    var file: String?
    /// 1-based script line where `sql` starts.
    var firstLine: Int
    /// 1-based script line of the statement's first token (the `file:line` of text errors).
    var statementLine: Int

    /// The error's line and column (1-based, in characters) in the script: where its span
    /// starts, else the statement's first token (column nil).
    var position: (line: Int, column: Int?) {
        guard let sql, let span = error.span else { return (statementLine, nil) }
        let bytes = Array(sql.utf8)
        let start = min(max(0, span.start), bytes.count)
        var line = firstLine
        var column = 1
        for b in bytes[0..<start] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The caret rendering: `Error: file:line: message`, `LINE n: …`, the caret line and notes.
    var text: String {
        let origin = file.map { "\($0):\(statementLine)" }
        return ErrorRenderer.render(error, sql: sql, lineOffset: firstLine - 1, origin: origin)
    }

    /// One JSON object (no line break). `data` names the data file, line and column of a
    /// data error.
    var json: String {
        var out = ByteBuffer()
        let (line, column) = position
        out.append("{\"error\":")
        CellEncoding.json.appendString(error.kind.rawValue, to: &out)
        out.append(",\"message\":")
        CellEncoding.json.appendString(error.message, to: &out)
        out.append(",\"file\":")
        if let file { CellEncoding.json.appendString(file, to: &out) } else { out.append("null") }
        out.append(",\"line\":\(line),\"column\":")
        out.append(column.map(String.init) ?? "null")
        out.append(",\"notes\":[")
        for (i, note) in error.notes.enumerated() {
            if i > 0 { out.append(ascii: ",") }
            CellEncoding.json.appendString(note, to: &out)
        }
        out.append(ascii: "]")
        if let location = error.location {
            out.append(",\"data\":{\"path\":")
            CellEncoding.json.appendString(location.path, to: &out)
            out.append(",\"line\":\(location.line),\"column\":")
            out.append(location.column.map(String.init) ?? "null")
            out.append(ascii: "}")
        }
        out.append(ascii: "}")
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
