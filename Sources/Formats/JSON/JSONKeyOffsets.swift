import Columnar
import Diagnostics

/// Where the records of a newline-delimited JSON file start, by the integer key they hold:
/// what a key index of the file is made of. Three parallel arrays, in file order.
public struct JSONKeyOffsets: Sendable, Equatable {
    /// The key of each record.
    public var keys: [Int64] = []
    /// The byte offset where the record's line starts.
    public var starts: [Int] = []
    /// The record's 1-based line number.
    public var lines: [Int] = []

    /// Creates an empty list.
    public init() {}

    /// Adds a record (once: a record whose key is read twice is noted once).
    mutating func note(_ key: Int64, start: Int, line: Int) {
        if let last = starts.last, last == start { return }
        keys.append(key)
        starts.append(start)
        lines.append(line)
    }
}

/// A line of a newline-delimited JSON file: where it starts and its 1-based number.
public struct JSONLineRef: Sendable, Hashable, Comparable {
    /// Byte offset of the line's first byte.
    public var start: Int
    /// 1-based line number (for `_line`, bad records and errors).
    public var line: Int
    /// Where the line is known to end at the latest (the next record's start), when known:
    /// a read fetches that much at once.
    public var end: Int?

    /// Creates a reference.
    public init(start: Int, line: Int, end: Int? = nil) {
        self.start = start
        self.line = line
        self.end = end
    }

    public static func < (a: JSONLineRef, b: JSONLineRef) -> Bool { a.start < b.start }
}

extension JSONReader {
    /// Reads only the given lines of a newline-delimited file (not `.gz`), one record each,
    /// in file order; a reference past the end reads nothing. Bad records are handled as in
    /// a whole read. For reading a few records found through a key index: the lines are
    /// fetched with positioned reads (nearby ones together) into one buffer, so the rest
    /// of the file is never touched.
    public func read(path: String, displayPath: String, lines: [JSONLineRef]) throws(SQLError) -> JSONReadResult {
        if path.hasSuffix(".gz") { throw SQLError(.unsupported, "cannot read byte ranges of compressed file \(path)") }
        let gathered = try JSONLineGather.gather(path: path, lines: lines)
        var outcome: Result<JSONReadResult, SQLError> = .success(JSONReadResult())
        gathered.bytes.withUnsafeBytes { raw in
            do throws(SQLError) {
                outcome = .success(try withState(raw, displayPath: displayPath) { state throws(SQLError) in
                    for ref in gathered.refs {
                        try state.scanLines(from: ref.start, limit: ref.start + 1, line: ref.line, wholeFile: false)
                    }
                })
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }
}
