/// The one error type of LakeSQL: every failure a user can cause ends as one of these.
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, broadly; decides exit codes and lets tests match errors.
    public enum Kind: String, Sendable, Hashable {
        /// The SQL text does not follow the grammar.
        case syntax
        /// A table, column, function or schema name does not resolve.
        case name
        /// Types do not fit (bad cast, bad argument type, wrong argument count).
        case type
        /// A statement is valid but cannot run (already exists, constraint, ...).
        case semantic
        /// Evaluation failed (overflow, bad cast of a value, ...).
        case runtime
        /// Bad data in a file read by a scan.
        case data
        /// File-system or I/O failure.
        case io
        /// Recognised but not (yet) supported.
        case unsupported
        /// The query was cancelled (Ctrl-C).
        case cancelled
        /// A bug in LakeSQL itself; still reported, never a crash.
        case `internal`
    }

    /// Broad category.
    public var kind: Kind
    /// One-line message, lower-case start, no trailing period.
    public var message: String
    /// Where in the SQL text, when the error is about a piece of it.
    public var span: SourceSpan?
    /// Where in a data file, when the error is about data.
    public var location: FileLocation?
    /// Extra lines (hints such as "did you mean ...").
    public var notes: [String]

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, span: SourceSpan? = nil, location: FileLocation? = nil, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.location = location
        self.notes = notes
    }

    public var description: String {
        var s = "\(kind): "
        if let location { s += "\(location): " }
        s += message
        return s
    }

    /// The same error with a span, unless it already has one.
    public func withSpan(_ span: SourceSpan?) -> SQLError {
        var copy = self
        if copy.span == nil { copy.span = span }
        return copy
    }

    /// The same error with its span moved by `delta` bytes.
    public func shifted(by delta: Int) -> SQLError {
        var copy = self
        copy.span = span?.shifted(by: delta)
        return copy
    }
}
