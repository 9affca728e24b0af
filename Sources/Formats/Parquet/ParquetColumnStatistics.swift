import Columnar

/// Statistics of one column in one row group, as the file stores them.
public struct ParquetColumnStatistics: Sendable, Equatable {
    /// Smallest non-NULL value, when known.
    public var min: Value?
    /// Largest non-NULL value, when known.
    public var max: Value?
    /// Number of NULLs, when known.
    public var nullCount: Int?

    /// Creates statistics.
    public init(min: Value? = nil, max: Value? = nil, nullCount: Int? = nil) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
    }
}
