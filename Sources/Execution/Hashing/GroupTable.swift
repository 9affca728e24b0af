import Columnar

/// Maps distinct key rows to dense ids 0, 1, 2, ... (open addressing, linear probing).
/// Keys are kept as columns, so the distinct keys can be output directly.
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
    private var hashes: [UInt64] = []
    /// Slot → group id + 1 (0 = empty).
    private var slots: [Int32]
    private var mask: Int

    /// Number of distinct keys.
    private(set) var count = 0
    /// Set when there is exactly one integer-like key: the fast path.
    private let intTable: IntKeyTable?

    init(types: [DataType], nullsMatch: Bool, capacity: Int = 1024) {
        self.types = types
        self.nullsMatch = nullsMatch
        keyBuilders = types.map { ColumnBuilder(type: $0) }
        keyColumns = types.map { ColumnBuilder(type: $0).finish() }
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
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

    private func hasNull(_ columns: [Column], _ i: Int) -> Bool {
        for c in columns where c.isNull(i) { return true }
        return false
    }

    /// Ids of every row, adding new keys.
    func findOrInsert(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable {
            let ids = t.findOrInsert(columns[0])
            count = t.count
            return ids
        }
        let h = KeyHasher.hashRows(columns, count: n)
        var ids = [Int](repeating: -1, count: n)
        // Groups that existed before this batch compare against the finished key columns;
        // groups added by this batch compare against the batch row that added them.
        let snapshot = keys()
        let base = count
        var newRows: [Int] = []
        for i in 0..<n {
            if !nullsMatch && hasNull(columns, i) { continue }
            var slot = Int(truncatingIfNeeded: h[i]) & mask
            while true {
                let s = slots[slot]
                if s == 0 {
                    let id = count
                    count += 1
                    slots[slot] = Int32(id + 1)
                    hashes.append(h[i])
                    for (k, c) in columns.enumerated() { appendValue(&keyBuilders[k], c, i) }
                    newRows.append(i)
                    ids[i] = id
                    if count * 2 > slots.count { grow() }
                    break
                }
                let id = Int(s) - 1
                if hashes[id] == h[i] && groupEquals(id, columns, i, snapshot, base, newRows) {
                    ids[i] = id
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return ids
    }

    /// Ids of every row (-1 when the key is absent or has a NULL and NULLs do not match).
    func find(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable { return t.find(columns[0]) }
        let h = KeyHasher.hashRows(columns, count: n)
        let keys = self.keys()
        var ids = [Int](repeating: -1, count: n)
        for i in 0..<n {
            if !nullsMatch && hasNull(columns, i) { continue }
            var slot = Int(truncatingIfNeeded: h[i]) & mask
            while true {
                let s = slots[slot]
                if s == 0 { break }
                let id = Int(s) - 1
                if hashes[id] == h[i] {
                    var eq = true
                    for (k, c) in columns.enumerated() where !KeyHasher.rowsEqual(keys[k], id, c, i) { eq = false; break }
                    if eq { ids[i] = id; break }
                }
                slot = (slot + 1) & mask
            }
        }
        return ids
    }

    @inline(__always)
    private func groupEquals(_ id: Int, _ columns: [Column], _ i: Int, _ snapshot: [Column], _ base: Int, _ newRows: [Int]) -> Bool {
        if id >= base {
            let r = newRows[id - base]
            for c in columns where !KeyHasher.rowsEqual(c, r, c, i) { return false }
            return true
        }
        for (k, c) in columns.enumerated() where !KeyHasher.rowsEqual(snapshot[k], id, c, i) { return false }
        return true
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

    private func grow() {
        let cap = slots.count * 2
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }
}
