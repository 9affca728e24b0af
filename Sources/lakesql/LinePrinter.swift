import Engine

/// sqlite3's `line` mode: one `name = value` line per column, names right-aligned to the
/// longest, records separated by a blank line. Values are shown as in tables (control
/// characters escaped), NULL as the NULL text.
struct LinePrinter: ResultPrinter {
    /// Settings (the header setting does not apply).
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        let names = result.schema.names
        let width = names.map { DisplayWidth.of(Array($0.utf8)[...]) }.max() ?? 0
        let labels: [[UInt8]] = names.map { name in
            Array((String(repeating: " ", count: width - DisplayWidth.of(Array(name.utf8)[...])) + name + " = ").utf8)
        }
        var out = ByteBuffer()
        var first = true
        RenderedBatches.forEach(result, encoding: .display, nullText: options.nullText) { columns, rows in
            for r in 0..<rows {
                if !first { out.append(0x0A) }
                first = false
                for c in columns.indices where c < labels.count {
                    out.append(labels[c][...])
                    out.append(columns[c].cell(r))
                    out.append(0x0A)
                }
                if out.count >= printerFlushSize { sink.write(&out) }
            }
        }
        sink.write(&out)
    }
}
