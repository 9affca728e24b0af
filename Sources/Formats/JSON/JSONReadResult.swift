import Columnar

/// A record the reader could not turn into a row: where it is, why, and its text.
public struct BadRecord: Sendable, Hashable {
    /// The file as the caller named it (`displayPath`).
    public var file: String
    /// 1-based line where the record starts.
    public var line: Int
    /// What is wrong, e.g. `price: expected DECIMAL(10,2), found "12,5"`.
    public var message: String
    /// The record's raw text (the line without its line break).
    public var raw: String

    /// Creates a bad-record entry.
    public init(file: String, line: Int, message: String, raw: String) {
        self.file = file
        self.line = line
        self.message = message
        self.raw = raw
    }
}

/// What one read of a file (or byte range) produced.
public struct JSONReadResult: Sendable {
    /// Rows: the projected declared columns, then the requested metadata columns
    /// (`_file`, then `_line`).
    public var batches: [Batch]
    /// Every bad record met, in every mode (nothing is dropped silently).
    public var badRecords: [BadRecord]
    /// Records read: good ones plus bad ones (blank lines and a truncated tail excluded).
    public var rowsRead: Int
    /// Bytes consumed (after decompression), excluding `truncatedTailBytes`.
    public var bytesRead: Int
    /// Length of an unparsable last line without a line break: a record still being
    /// written. It is neither a row nor a bad record; the next read will see it whole.
    public var truncatedTailBytes: Int
    /// With a key filter: the smallest and largest key of the records read, passed over or
    /// kept (bad records, whose row can join nothing, are left out; nil when there was none).
    public var keyRange: ClosedRange<Int64>? = nil
    /// With `JSONKeyFilter.notesOffsets`, for a newline-delimited file read whole: where the
    /// record of each key read starts (nil otherwise).
    public var keyOffsets: JSONKeyOffsets? = nil

    /// Creates a result.
    public init(batches: [Batch] = [], badRecords: [BadRecord] = [], rowsRead: Int = 0, bytesRead: Int = 0, truncatedTailBytes: Int = 0) {
        self.batches = batches
        self.badRecords = badRecords
        self.rowsRead = rowsRead
        self.bytesRead = bytesRead
        self.truncatedTailBytes = truncatedTailBytes
    }

    /// Total number of output rows over all batches.
    public var rowCount: Int { batches.reduce(0) { $0 + $1.count } }
}
