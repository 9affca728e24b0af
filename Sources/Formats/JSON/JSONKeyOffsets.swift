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

    /// Creates a reference.
    public init(start: Int, line: Int) {
        self.start = start
        self.line = line
    }

    public static func < (a: JSONLineRef, b: JSONLineRef) -> Bool { a.start < b.start }
}

extension JSONReader {
    /// Reads only the given lines of a newline-delimited file (not `.gz`), one record each,
    /// in the order given; a reference past the end reads nothing. Bad records are handled
    /// as in a whole read. For reading a few records found through a key index.
    public func read(path: String, displayPath: String, lines: [JSONLineRef]) throws(SQLError) -> JSONReadResult {
        let file = try JSONFileBytes.load(path: path, allowGzip: false, scattered: true)
        defer { file.release() }
        let count = file.buffer.count
        guard let base = file.buffer.baseAddress, count > 0 else { return JSONReadResult() }
        return try withState(file.buffer, displayPath: displayPath) { state throws(SQLError) in
            for ref in lines where ref.start >= 0 && ref.start < count {
                // A line starts at the file's start or after a line feed; anything else is
                // not a line of this file (a stale reference) and is passed over.
                guard ref.start == 0 || base.load(fromByteOffset: ref.start - 1, as: UInt8.self) == 0x0A else { continue }
                try state.scanLines(from: ref.start, limit: ref.start + 1, line: ref.line, wholeFile: false)
            }
        }
    }
}
