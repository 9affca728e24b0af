import Columnar

/// Maps distinct key rows to dense ids 0, 1, 2, ... (open addressing, linear probing).
/// Keys are kept as columns, so the distinct keys can be output directly, and as encoded
/// `KeyRows` bytes, so a probe hashes and compares one byte string per row.
/// `nullsMatch`: GROUP BY and DISTINCT treat NULLs as equal; joins do not (a row with a
/// NULL key gets id -1).
final class GroupTable {
    let types: [DataType]
    let nullsMatch: Bool
    /// Distinct keys so far, one builder per key column.
    private var keyBuilders: [ColumnBuilder]
    /// Finished key columns (rebuilt lazily after inserts).
    private var keyColumns: [Column]
    private var keyColumnsCount = 0
    /// Encoded keys and the slots that find them.
    private var index: KeyRowIndex
    /// Encoding buffers, reused from batch to batch.
    private var rows = KeyRows()
    /// Numbers of nested key values, one interner per key column.
    private var interners: [ValueInterner]

    /// Number of distinct keys.
    var count: Int { intTable?.count ?? index.count }
    /// Set when there is exactly one integer-like key: the fast path.
    private let intTable: IntKeyTable?

    init(types: [DataType], nullsMatch: Bool, capacity: Int = 1024) {
        self.types = types
        self.nullsMatch = nullsMatch
        keyBuilders = types.map { ColumnBuilder(type: $0) }
        keyColumns = types.map { ColumnBuilder(type: $0).finish() }
        interners = types.map { _ in ValueInterner() }
        index = KeyRowIndex(capacity: capacity)
        intTable = types.count == 1 && types[0].physical == .int ? IntKeyTable(type: types[0], nullsMatch: nullsMatch, capacity: capacity) : nil
    }

    /// The distinct keys, in id order.
    func keys() -> [Column] {
        if let t = intTable { return [t.keyColumn()] }
        if keyColumnsCount != count {
            keyColumns = keyBuilders.map { $0.finish() }
            keyColumnsCount = count
        }
        return keyColumns
    }

    /// Ids of every row, adding new keys.
    func findOrInsert(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable {
            return t.findOrInsert(columns[0])
        }
        return probe(columns, count: n, insert: true)
    }

    /// Ids of every row (-1 when the key is absent or has a NULL and NULLs do not match).
    func find(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable { return t.find(columns[0]) }
        return probe(columns, count: n, insert: false)
    }

    private func probe(_ columns: [Column], count n: Int, insert: Bool) -> [Int] {
        rows.encode(columns, count: n, interners: &interners)
        return index.probe(rows, skipNulls: !nullsMatch, insert: insert) { i in
            for (k, c) in columns.enumerated() { appendValue(&keyBuilders[k], c, i) }
        }
    }

    private func appendValue(_ b: inout ColumnBuilder, _ c: Column, _ i: Int) {
        if c.isNull(i) { b.appendNull(); return }
        switch c.storage {
        case let .int(a): b.append(int: a[i])
        case let .double(a): b.append(double: a[i])
        case let .bool(a): b.append(bool: a[i])
        case let .decimal(a): b.append(decimal: a[i])
        case let .string(s): s.withBytes(i) { b.append(stringBytes: $0) }
        case let .interval(a): b.append(interval: a[i])
        case let .value(a): b.append(a[i])
        }
    }
}
