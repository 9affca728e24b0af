import Engine

/// One JSON array of objects per result, one object per line:
/// `[{"a":1,"b":"x"},` newline `{"a":2,"b":null}]`. Values are typed (see `ValueText.appendJSON`).
struct JSONPrinter: ResultPrinter {
    /// Settings (the header and NULL text do not apply to JSON).
    var options: PrintOptions

    func print(_ result: ResultSet, to sink: OutputSink) {
        var out = ByteBuffer()
        let keys = JSONPrinter.keys(result.schema.names)
        out.append(ascii: "[")
        var first = true
        RenderedBatches.forEach(result, encoding: .json, nullText: "") { columns, rows in
            for r in 0..<rows {
                if !first { out.append(",\n") }
                first = false
                JSONPrinter.appendObject(columns, keys: keys, row: r, to: &out)
                if out.count >= printerFlushSize { sink.write(&out) }
            }
        }
        out.append("]\n")
        sink.write(&out)
    }

    /// `"name":` for every column, escaped once.
    static func keys(_ names: [String]) -> [[UInt8]] {
        names.map { name in
            var b = ByteBuffer(capacity: name.utf8.count + 3)
            CellEncoding.json.appendString(name, to: &b)
            b.append(ascii: ":")
            return b.bytes
        }
    }

    /// One row as a JSON object.
    static func appendObject(_ columns: [RenderedColumn], keys: [[UInt8]], row: Int, to out: inout ByteBuffer) {
        out.append(ascii: "{")
        for c in columns.indices {
            if c > 0 { out.append(ascii: ",") }
            if c < keys.count { out.append(keys[c][...]) }
            out.append(columns[c].cell(row))
        }
        out.append(ascii: "}")
    }
}
