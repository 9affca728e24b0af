/// Open-addressing index (linear probing) from encoded key rows (`KeyRows`) to dense
/// group ids 0, 1, 2, ...; it keeps each group's encoded key and hash, so a probe hashes
/// the row's bytes once and compares bytes only when the hashes agree. A slot holds the
/// high half of its group's hash beside the id, so most mismatches cost one load.
struct KeyRowIndex {
    /// Slot → high 32 bits of the hash, then group id + 1 in the low 32 bits (0 = empty).
    private var slots: [UInt64]
    private var mask: Int
    private var hashes: [UInt64] = []
    /// Encoded key of each group, back to back (`storedOffsets[id]..<storedOffsets[id+1]`).
    private var stored: [UInt8] = []
    private var storedOffsets: [Int] = [0]

    /// Number of groups.
    private(set) var count = 0

    /// An empty index with room for about `capacity` groups before it grows.
    init(capacity: Int) {
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        slots = [UInt64](repeating: 0, count: cap)
        mask = cap - 1
    }

    @inline(__always)
    private static func entry(_ hash: UInt64, _ id: Int) -> UInt64 {
        hash & 0xFFFF_FFFF_0000_0000 | UInt64(truncatingIfNeeded: id + 1) & 0xFFFF_FFFF
    }

    /// The id of every row of `rows` (-1 when absent, or when `skipNulls` and the row has a
    /// NULL). With `insert`, absent keys become new groups and `added(row)` is called for
    /// each, in id order.
    mutating func probe(_ rows: KeyRows, skipNulls: Bool, insert: Bool, added: (Int) -> Void) -> [Int] {
        let n = rows.count
        var ids = [Int](repeating: -1, count: n)
        rows.bytes.withUnsafeBytes { rb in
            rows.offsets.withUnsafeBufferPointer { ro in
                guard let base = rb.baseAddress else { return }
                for i in 0..<n {
                    if skipNulls && rows.hasNull[i] { continue }
                    let start = ro[i], len = ro[i + 1] - start
                    let p = base + start
                    let h = KeyRows.hash(p, len)
                    var slot = Int(truncatingIfNeeded: h) & mask
                    while true {
                        let e = slots[slot]
                        if e == 0 {
                            guard insert else { break }
                            let id = count
                            count += 1
                            slots[slot] = KeyRowIndex.entry(h, id)
                            hashes.append(h)
                            stored.append(contentsOf: UnsafeRawBufferPointer(start: p, count: len))
                            storedOffsets.append(stored.count)
                            added(i)
                            ids[i] = id
                            if count * 2 > slots.count { grow() }
                            break
                        }
                        if (e ^ h) >> 32 == 0 {
                            let id = Int(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1
                            if storedEquals(id, p, len) {
                                ids[i] = id
                                break
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        return ids
    }

    /// True when group `id`'s encoded key is the `len` bytes at `p`.
    @inline(__always)
    private func storedEquals(_ id: Int, _ p: UnsafeRawPointer, _ len: Int) -> Bool {
        let s0 = storedOffsets[id]
        guard storedOffsets[id + 1] - s0 == len else { return false }
        guard len > 0 else { return true }
        return stored.withUnsafeBytes { sb in
            guard let a = sb.baseAddress else { return false }
            return KeyRows.equal(a + s0, p, len)
        }
    }

    private mutating func grow() {
        let cap = slots.count * 2
        slots = [UInt64](repeating: 0, count: cap)
        mask = cap - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = KeyRowIndex.entry(hashes[id], id)
        }
    }
}
