import Columnar
import Engine

/// Box-drawn tables.
///
/// `table` (DuckDB's look): names and lower-case types in the header, numbers
/// right-aligned, a `N rows` footer below the box; with `maxRows` set (stdout is a
/// terminal) long results show their first and last rows around a `·` gap.
/// `box`: names only, every row, no footer. Both cut cells with `…` to `maxWidth`; a result
/// with more columns than fit even when cut switches to one `column = value` per line.
struct TablePrinter: ResultPrinter {
    /// Which of the two looks.
    enum Style { case duckbox, box }

    /// Settings.
    var options: PrintOptions
    /// Look.
    var style: Style

    /// Narrowest a column is cut to when the table is wider than the terminal.
    static let minimumWidth = 5

    func print(_ result: ResultSet, to sink: OutputSink) {
        let schema = result.schema
        // Too many columns for the terminal even at their narrowest: one `name = value` per line.
        if let width = options.maxWidth, schema.count * (TablePrinter.minimumWidth + 3) + 1 > width {
            LinePrinter(options: options).print(result, to: sink)
            return
        }
        let total = result.rowCount
        var batches = result.batches
        var gapAfter: Int? = nil
        if style == .duckbox, let maxRows = options.maxRows, total > maxRows {
            let head = (maxRows + 1) / 2
            batches = TablePrinter.headAndTail(result.batches, head: head, tail: maxRows - head, total: total)
            gapAfter = head
        }
        let columns = RenderedBatches.whole(schema, batches, encoding: .display, nullText: options.nullText)
        let shown = columns.first?.count ?? 0
        let layout = TableLayout(schema: schema, columns: columns, header: options.header,
                                 types: style == .duckbox, maxWidth: options.maxWidth)
        var out = ByteBuffer()
        layout.rule(.top, into: &out)
        if options.header {
            layout.textRow(schema.names, into: &out)
            if style == .duckbox { layout.textRow(schema.types.map(\.displayName), into: &out) }
            if shown > 0 { layout.rule(.middle, into: &out) }
        }
        for r in 0..<shown {
            if r == gapAfter {
                for _ in 0..<3 { layout.textRow(Array(repeating: "·", count: schema.count), into: &out) }
            }
            layout.cellRow(r, into: &out)
            if out.count >= printerFlushSize { sink.write(&out) }
        }
        layout.rule(.bottom, into: &out)
        if style == .duckbox {
            let rows = total == 1 ? "1 row" : "\(total) rows"
            out.append(shown < total ? "(\(rows), \(shown) shown)" : rows)
            out.append(0x0A)
        }
        sink.write(&out)
    }

    /// The first `head` and last `tail` rows of `batches` (`total` rows in all), in order.
    static func headAndTail(_ batches: [Batch], head: Int, tail: Int, total: Int) -> [Batch] {
        var picked: [Batch] = []
        var start = 0
        let tailStart = total - tail
        for batch in batches {
            let end = start + batch.count
            let a = min(end, head)
            if a > start { picked.append(batch.slice(0..<(a - start))) }
            let b = max(start, tailStart, a)
            if end > b { picked.append(batch.slice((b - start)..<batch.count)) }
            start = end
        }
        return picked
    }
}
