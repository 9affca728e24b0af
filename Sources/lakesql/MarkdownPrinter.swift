import Engine

/// A GitHub markdown table: a header row, a separator row (`---:` for numeric
/// columns), one row per result row; `|` escaped as `\|`, line breaks as `<br>`.
/// Cells are padded so the source lines up.
struct MarkdownPrinter: ResultPrinter {
    /// Settings.
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        let schema = result.schema
        let columns = RenderedBatches.whole(schema, result.batches, encoding: .markdown, nullText: options.nullText)
        var names: [[UInt8]] = []
        for name in schema.names {
            var b = ByteBuffer(capacity: 16)
            CellEncoding.markdown.appendString(name, to: &b)
            names.append(b.bytes)
        }
        var widths = names.map { max(3, DisplayWidth.of($0[...])) }
        var cellWidths: [[Int]] = []
        for (c, column) in columns.enumerated() {
            let ws = (0..<column.count).map { DisplayWidth.of(column.cell($0)) }
            if c < widths.count { widths[c] = max(widths[c], ws.max() ?? 0) }
            cellWidths.append(ws)
        }
        let right = schema.types.map(\.alignsRight)
        var out = ByteBuffer()
        out.append(ascii: "|")
        for (c, name) in names.enumerated() {
            MarkdownPrinter.cell(name[...], width: DisplayWidth.of(name[...]), to: widths[c], right: false, into: &out)
        }
        out.append("\n|")
        for (c, w) in widths.enumerated() {
            out.append(repeating: UInt8(ascii: "-"), count: w + (right[c] ? 1 : 2))
            if right[c] { out.append(ascii: ":") }
            out.append(ascii: "|")
        }
        out.append(0x0A)
        let rows = columns.first?.count ?? 0
        for r in 0..<rows {
            out.append(ascii: "|")
            for c in columns.indices where c < widths.count {
                MarkdownPrinter.cell(columns[c].cell(r), width: cellWidths[c][r], to: widths[c], right: right[c], into: &out)
            }
            out.append(0x0A)
            if out.count >= printerFlushSize { sink.write(&out) }
        }
        sink.write(&out)
    }

    /// ` text |` padded to `target`.
    static func cell(_ bytes: ArraySlice<UInt8>, width: Int, to target: Int, right: Bool, into out: inout ByteBuffer) {
        out.append(ascii: " ")
        if right { out.append(repeating: 0x20, count: target - width) }
        out.append(bytes)
        if !right { out.append(repeating: 0x20, count: target - width) }
        out.append(" |")
    }
}
