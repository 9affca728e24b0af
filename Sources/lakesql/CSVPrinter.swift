import Engine

/// RFC 4180 CSV: a header line (unless `--no-header`), fields holding `,` `"` CR or LF
/// quoted with quotes doubled, NULL as the `--null` text (default empty), an empty
/// string as `""`.
struct CSVPrinter: ResultPrinter {
    /// Settings.
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        var out = ByteBuffer()
        if options.header {
            RenderedBatches.headerLine(result.schema.names, encoding: .csv, separator: UInt8(ascii: ","), into: &out)
        }
        RenderedBatches.forEach(result, encoding: .csv, nullText: options.nullText) { columns, rows in
            RenderedBatches.writeDelimited(columns, rows: rows, separator: UInt8(ascii: ","), into: &out, sink: sink)
        }
        sink.write(&out)
    }
}
