/// A set of equally long columns: the unit operators pass to each other
/// (a few thousand rows; whole results when collected).
public struct Batch: Sendable {
    /// The columns, in schema order.
    public var columns: [Column]
    /// Number of rows (kept separately so zero-column batches still count rows).
    public var count: Int

    /// Default number of rows operators aim for per batch.
    public static let preferredSize = 4096

    /// Creates a batch.
    public init(columns: [Column], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// A batch of the given columns; its count is the first column's.
    public init(columns: [Column]) {
        self.columns = columns
        self.count = columns.first?.count ?? 0
    }

    /// An empty batch of the given types.
    public static func empty(types: [DataType]) -> Batch {
        Batch(columns: types.map { ColumnBuilder(type: $0).finish() }, count: 0)
    }

    /// Rows at `indices`.
    public func gather(_ indices: [Int]) -> Batch {
        Batch(columns: columns.map { $0.gather(indices) }, count: indices.count)
    }

    /// Rows whose mask bit is set.
    public func filter(_ mask: [Bool]) -> Batch {
        var idx: [Int] = []
        idx.reserveCapacity(count)
        for (i, m) in mask.enumerated() where m { idx.append(i) }
        if idx.count == count { return self }
        return gather(idx)
    }

    /// Rows in `range`.
    public func slice(_ range: Range<Int>) -> Batch {
        if range == 0..<count { return self }
        return Batch(columns: columns.map { $0.slice(range) }, count: range.count)
    }

    /// Row `i` as boxed values.
    public func row(_ i: Int) -> [Value] { columns.map { $0.value(at: i) } }

    /// Batches back to back, as one batch.
    public static func concatenate(_ batches: [Batch], types: [DataType]) -> Batch {
        if batches.count == 1 { return batches[0] }
        let total = batches.reduce(0) { $0 + $1.count }
        var cols: [Column] = []
        for (k, t) in types.enumerated() {
            cols.append(Column.concatenate(batches.map { $0.columns[k] }, type: t))
        }
        if types.isEmpty { return Batch(columns: [], count: total) }
        return Batch(columns: cols, count: total)
    }
}
