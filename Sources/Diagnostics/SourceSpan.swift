/// A half-open range of UTF-8 byte offsets `[start, end)` into the SQL text a statement came from.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a span; `end` is clamped so it is never before `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The span covering both `self` and `other`.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// The same span moved by `delta` bytes (used when a statement is cut out of a script).
    public func shifted(by delta: Int) -> SourceSpan {
        SourceSpan(start: start + delta, end: end + delta)
    }

    /// An empty span at offset 0, for synthesized nodes.
    public static let none = SourceSpan(start: 0, end: 0)

    public var description: String { "\(start)..<\(end)" }
}

/// A place in a data or script file: `path:line[:column]`.
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    /// Path as shown to the user (relative to the lake when it lies inside one).
    public var path: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?

    /// Creates a location.
    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }
}
