import Engine

/// Tab separated values: a header line (unless `--no-header`), backslash, tab, LF and
/// CR escaped as `\\` `\t` `\n` `\r`, NULL as the `--null` text (default empty).
struct TSVPrinter: ResultPrinter {
    /// Settings.
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        var out = ByteBuffer()
        if options.header {
            RenderedBatches.headerLine(result.schema.names, encoding: .tsv, separator: 0x09, into: &out)
        }
        RenderedBatches.forEach(result, encoding: .tsv, nullText: options.nullText) { columns, rows in
            RenderedBatches.writeDelimited(columns, rows: rows, separator: 0x09, into: &out, sink: sink)
        }
        sink.write(&out)
    }
}
