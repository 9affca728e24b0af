import Engine

/// JSON Lines: one JSON object per row and line, typed values as in `JSONPrinter`.
struct JSONLinesPrinter: ResultPrinter {
    /// Settings (the header and NULL text do not apply).
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        var out = ByteBuffer()
        let keys = JSONPrinter.keys(result.schema.names)
        RenderedBatches.forEach(result, encoding: .json, nullText: "") { columns, rows in
            for r in 0..<rows {
                JSONPrinter.appendObject(columns, keys: keys, row: r, to: &out)
                out.append(0x0A)
                if out.count >= printerFlushSize { sink.write(&out) }
            }
        }
        sink.write(&out)
    }
}
