import Diagnostics

/// Errors raised while decoding a Parquet file. Decoders below the reader throw
/// `SQLError(.data, "bad parquet file: ...")`; the reader prefixes the file name.
enum ParquetCorruption {
    /// A `.data` error saying the file is damaged, with `detail` naming what was wrong.
    static func error(_ detail: String) -> SQLError {
        SQLError(.data, "bad parquet file: \(detail)")
    }

    /// The same error with `name: ` put before its message.
    static func prefixed(_ error: SQLError, with name: String) -> SQLError {
        var copy = error
        if !copy.message.hasPrefix(name + ":") { copy.message = "\(name): \(copy.message)" }
        return copy
    }
}
