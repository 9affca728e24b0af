import Columnar

/// Column widths and alignment of a box-drawn table, and the line writers.
struct TableLayout {
    /// Horizontal rules of the box.
    enum Rule { case top, middle, bottom }
    /// Where text sits inside its cell.
    enum Alignment { case left, right, center }

    /// The cells.
    let columns: [RenderedColumn]
    /// Content width of each column (without the padding spaces).
    private(set) var widths: [Int]
    /// Display width of every cell, per column.
    let cellWidths: [[Int]]
    /// Numeric columns are right-aligned.
    let alignments: [Alignment]

    /// Measures the cells and the header lines, then narrows the widest columns until
    /// the table fits `maxWidth` (when given).
    init(schema: Schema, columns: [RenderedColumn], header: Bool, types: Bool, maxWidth: Int?) {
        self.columns = columns
        var widths = Array(repeating: 1, count: columns.count)
        var cellWidths: [[Int]] = []
        for (c, column) in columns.enumerated() {
            var ws: [Int] = []
            ws.reserveCapacity(column.count)
            for r in 0..<column.count {
                let w = DisplayWidth.of(column.cell(r))
                ws.append(w)
                widths[c] = max(widths[c], w)
            }
            cellWidths.append(ws)
            if header, c < schema.count {
                widths[c] = max(widths[c], DisplayWidth.of(Array(schema.fields[c].name.utf8)[...]))
                if types { widths[c] = max(widths[c], DisplayWidth.of(Array(schema.fields[c].type.displayName.utf8)[...])) }
            }
        }
        self.cellWidths = cellWidths
        self.alignments = (0..<columns.count).map { c in
            c < schema.count && schema.fields[c].type.alignsRight ? .right : .left
        }
        if let maxWidth { TableLayout.fit(&widths, into: maxWidth) }
        self.widths = widths
    }

    /// Narrows the widest columns (never below `TablePrinter.minimumWidth`) until the
    /// table, with its borders and padding, is at most `maxWidth` wide.
    static func fit(_ widths: inout [Int], into maxWidth: Int) {
        var total = widths.reduce(1) { $0 + $1 + 3 }
        while total > maxWidth {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }) else { return }
            let current = widths[widest]
            if current <= TablePrinter.minimumWidth { return }
            var second = TablePrinter.minimumWidth
            for (i, w) in widths.enumerated() where i != widest { second = max(second, w) }
            var target = max(second, current - (total - maxWidth), TablePrinter.minimumWidth)
            if target >= current { target = current - 1 }
            total -= current - target
            widths[widest] = target
        }
    }

    /// A horizontal rule.
    func rule(_ kind: Rule, into out: inout ByteBuffer) {
        let (left, cross, right) = switch kind {
        case .top: ("┌", "┬", "┐")
        case .middle: ("├", "┼", "┤")
        case .bottom: ("└", "┴", "┘")
        }
        out.append(left)
        for (c, w) in widths.enumerated() {
            if c > 0 { out.append(cross) }
            out.append("─", times: w + 2)
        }
        out.append(right)
        out.append(0x0A)
    }

    /// A row of centred texts (names, types, the `·` gap).
    func textRow(_ texts: [String], into out: inout ByteBuffer) {
        out.append("│")
        for c in widths.indices {
            var escaped = ByteBuffer(capacity: 16)
            if c < texts.count { CellEncoding.display.appendString(texts[c], to: &escaped) }
            let bytes = escaped.bytes[...]
            appendCell(bytes, width: DisplayWidth.of(bytes), column: c, alignment: .center, into: &out)
        }
        out.append(0x0A)
    }

    /// Data row `r`.
    func cellRow(_ r: Int, into out: inout ByteBuffer) {
        out.append("│")
        for c in widths.indices {
            appendCell(columns[c].cell(r), width: cellWidths[c][r], column: c, alignment: alignments[c], into: &out)
        }
        out.append(0x0A)
    }

    /// ` text │`, padded to the column width or cut with `…`.
    private func appendCell(_ bytes: ArraySlice<UInt8>, width: Int, column c: Int, alignment: Alignment, into out: inout ByteBuffer) {
        let w = widths[c]
        out.append(ascii: " ")
        if width > w {
            let cut = DisplayWidth.prefix(bytes, width: w - 1)
            out.append(cut.bytes)
            out.append("…")
            out.append(repeating: 0x20, count: w - 1 - cut.width)
        } else {
            let pad = w - width
            let before = switch alignment {
            case .left: 0
            case .right: pad
            case .center: pad / 2
            }
            out.append(repeating: 0x20, count: before)
            out.append(bytes)
            out.append(repeating: 0x20, count: pad - before)
        }
        out.append(" │")
    }
}
