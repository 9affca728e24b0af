import Diagnostics
import Engine

/// Settings shared by every printer.
struct PrintOptions: Sendable {
    /// Print the header (column names; for `table` also types).
    var header = true
    /// Text of NULL cells (JSON ignores it and writes `null`).
    var nullText = "NULL"
    /// Width of the terminal when stdout is one: table cells are cut with `…` to fit.
    var maxWidth: Int? = nil
    /// When set and a `table` result has more rows, only the first and last half of this
    /// many rows are shown (interactive use).
    var maxRows: Int? = nil
}

/// Writes a statement's rows in one output format. Printers render a column at a time
/// into byte buffers and hand the sink large chunks.
protocol ResultPrinter {
    /// Writes `result` to `sink`; fails only where a format cannot hold the result (Parquet).
    func print(_ result: ResultSet, to sink: OutputSink) throws(SQLError)
}

extension OutputFormat {
    /// The printer for this format.
    func printer(options: PrintOptions) -> any ResultPrinter {
        switch self {
        case .table: return TablePrinter(options: options, style: .duckbox)
        case .box: return TablePrinter(options: options, style: .box)
        case .csv: return CSVPrinter(options: options)
        case .tsv: return TSVPrinter(options: options)
        case .json: return JSONPrinter(options: options)
        case .jsonl: return JSONLinesPrinter(options: options)
        case .markdown: return MarkdownPrinter(options: options)
        case .line: return LinePrinter(options: options)
        case .parquet: return ParquetPrinter()
        }
    }
}

/// Size at which printers hand their buffer to the sink.
let printerFlushSize = 1 << 16
