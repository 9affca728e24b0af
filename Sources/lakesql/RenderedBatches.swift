import Columnar
import Engine

/// Rendering helpers shared by the printers.
enum RenderedBatches {
    /// Calls `body` once per batch of `result` with its columns rendered for `encoding`.
    static func forEach(_ result: ResultSet, encoding: CellEncoding, nullText: String,
                        _ body: ([RenderedColumn], Int) -> Void) {
        let null = Array(nullText.utf8)
        for batch in result.batches where batch.count > 0 {
            let columns = batch.columns.map { RenderedColumn($0, encoding: encoding, nullText: null) }
            body(columns, batch.count)
        }
    }

    /// Every row of `batches` rendered into one column per schema field.
    static func whole(_ schema: Schema, _ batches: [Batch], encoding: CellEncoding, nullText: String) -> [RenderedColumn] {
        let null = Array(nullText.utf8)
        var columns = Array(repeating: RenderedColumn(), count: schema.count)
        for batch in batches where batch.count > 0 {
            for (k, column) in batch.columns.enumerated() where k < columns.count {
                let part = RenderedColumn(column, encoding: encoding, nullText: null)
                columns[k].append(part)
            }
        }
        return columns
    }

    /// Writes rows of `columns` as `cell sep cell ... \n` lines (CSV and TSV bodies).
    static func writeDelimited(_ columns: [RenderedColumn], rows: Int, separator: UInt8,
                               into out: inout ByteBuffer, sink: OutputSink) {
        for r in 0..<rows {
            for c in columns.indices {
                if c > 0 { out.append(separator) }
                out.append(columns[c].cell(r))
            }
            out.append(0x0A)
            if out.count >= printerFlushSize { sink.write(&out) }
        }
    }

    /// One header line of `names` escaped for `encoding`, joined by `separator`.
    static func headerLine(_ names: [String], encoding: CellEncoding, separator: UInt8, into out: inout ByteBuffer) {
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(separator) }
            encoding.appendString(name, to: &out)
        }
        out.append(0x0A)
    }
}

extension RenderedColumn {
    /// Appends the cells of `other`.
    mutating func append(_ other: RenderedColumn) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        for k in 1..<other.offsets.count { offsets.append(base + other.offsets[k]) }
    }
}
