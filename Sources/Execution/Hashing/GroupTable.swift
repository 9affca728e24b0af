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
    private var hashes: [UInt64] = []
    /// Encoded key of each group, back to back (`storedOffsets[id]..<storedOffsets[id+1]`).
    private var stored: [UInt8] = []
    private var storedOffsets: [Int] = [0]
    /// Numbers of nested key values, one interner per key column.
    private var interners: [ValueInterner]
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
        interners = types.map { _ in ValueInterner() }
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

    /// Ids of every row, adding new keys.
    func findOrInsert(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable {
            let ids = t.findOrInsert(columns[0])
            count = t.count
            return ids
        }
        return probe(columns, count: n, insert: true)
    }

    /// Ids of every row (-1 when the key is absent or has a NULL and NULLs do not match).
    func find(_ columns: [Column], count n: Int) -> [Int] {
        if let t = intTable { return t.find(columns[0]) }
        return probe(columns, count: n, insert: false)
    }

    private func probe(_ columns: [Column], count n: Int, insert: Bool) -> [Int] {
        let rows = KeyRows(columns, count: n, interners: &interners)
        var ids = [Int](repeating: -1, count: n)
        rows.bytes.withUnsafeBytes { rb in
            let base = rb.baseAddress
            for i in 0..<n {
                if !nullsMatch && rows.hasNull[i] { continue }
                let h = rows.hashes[i]
                let start = rows.offsets[i], len = rows.offsets[i + 1] - start
                var slot = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = slots[slot]
                    if s == 0 {
                        guard insert else { break }
                        let id = count
                        count += 1
                        slots[slot] = Int32(truncatingIfNeeded: id + 1)
                        hashes.append(h)
                        stored.append(contentsOf: rb[start..<(start + len)])
                        storedOffsets.append(stored.count)
                        for (k, c) in columns.enumerated() { appendValue(&keyBuilders[k], c, i) }
                        ids[i] = id
                        if count * 2 > slots.count { grow() }
                        break
                    }
                    let id = Int(s) - 1
                    if hashes[id] == h && storedEquals(id, base.map { $0 + start }, len) {
                        ids[i] = id
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return ids
    }

    /// True when group `id`'s encoded key is the `len` bytes at `p`.
    @inline(__always)
    private func storedEquals(_ id: Int, _ p: UnsafeRawPointer?, _ len: Int) -> Bool {
        let s0 = storedOffsets[id]
        guard storedOffsets[id + 1] - s0 == len else { return false }
        guard len > 0 else { return true }
        return stored.withUnsafeBytes { sb in
            guard let a = sb.baseAddress, let p else { return false }
            return KeyRows.equal(a + s0, p, len)
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

    private func grow() {
        let cap = slots.count * 2
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: id + 1)
        }
    }
}
