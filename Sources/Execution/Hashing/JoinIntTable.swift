import Columnar
import Diagnostics

/// The build side index of a hash join on one integer-like key (integers, DATE,
/// TIMESTAMP): open addressing (linear probing) over slots that hold the key beside the
/// first and last build rows with that key, so a probe of a unique key touches one slot
/// (16 bytes) and nothing else. Rows sharing a key are chained through `nextRow` in
/// ascending row order. NULL keys are never inserted and never match.
struct JoinIntTable {
    /// One key: `first < 0` marks an empty slot.
    struct Slot {
        var key: Int64
        var first: Int32
        var last: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// Distinct keys inserted.
    private(set) var keyCount = 0
    /// Build rows inserted (NULL keys included).
    private(set) var rowCount = 0
    /// Next build row with the same key, -1 at the end; empty while every key is unique.
    private var nextRow: [Int32] = []

    /// An empty table with room for about `capacity` keys before it grows.
    init(capacity: Int) {
        var cap = 16
        while cap < min(capacity, 1 << 28) * 2 { cap <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, first: -1, last: -1), count: cap)
        mask = cap - 1
    }

    @inline(__always)
    static func hash(_ k: Int64) -> Int {
        Int(truncatingIfNeeded: KeyHasher.mix(UInt64(bitPattern: k)))
    }

    /// Adds the rows of `column` as build rows `rowCount ..< rowCount + column.count`.
    mutating func insert(_ column: Column) throws(SQLError) {
        guard case let .int(values) = column.storage else { throw SQLError(.internal, "join key is not an integer column") }
        let n = values.count
        let (end, overflow) = rowCount.addingReportingOverflow(n)
        guard !overflow, end < Int(Int32.max) else { throw SQLError(.runtime, "join build side has more than \(Int32.max - 1) rows") }
        reserve(n)
        if !nextRow.isEmpty { nextRow.append(contentsOf: repeatElement(-1, count: n)) }
        let validity = column.validity
        let base = rowCount
        for i in 0..<n {
            if let validity, !validity[i] { continue }
            let k = values[i]
            let row = Int32(truncatingIfNeeded: base + i)
            var s = JoinIntTable.hash(k) & mask
            while true {
                let slot = slots[s]
                if slot.first < 0 {
                    slots[s] = Slot(key: k, first: row, last: row)
                    keyCount += 1
                    break
                }
                if slot.key == k {
                    if nextRow.isEmpty { nextRow = [Int32](repeating: -1, count: base + n) }
                    nextRow[Int(slot.last)] = row
                    slots[s].last = row
                    break
                }
                s = (s + 1) & mask
            }
        }
        rowCount = end
    }

    /// Keeps the load factor at most 1/2 after `extra` more keys.
    private mutating func reserve(_ extra: Int) {
        guard (keyCount + extra) * 2 > slots.count else { return }
        var cap = slots.count
        while (keyCount + extra) * 2 > cap { cap <<= 1 }
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, first: -1, last: -1), count: cap)
        mask = cap - 1
        for slot in old where slot.first >= 0 {
            var s = JoinIntTable.hash(slot.key) & mask
            while slots[s].first >= 0 { s = (s + 1) & mask }
            slots[s] = slot
        }
    }

    /// Every (probe row, build row) pair of rows `range` of `column` whose keys are equal,
    /// in probe order, build rows ascending. A first pass finds each row's first build
    /// row (independent lookups the processor overlaps); a second writes the pairs.
    func candidates(_ column: Column, range: Range<Int>) -> (probe: [Int], build: [Int]) {
        guard case let .int(values) = column.storage, range.upperBound <= values.count, !range.isEmpty else { return ([], []) }
        let n = range.count
        var matched = 0
        var chained = false
        let firsts = [Int32](unsafeUninitializedCapacity: n) { out, initialized in
            values.withUnsafeBufferPointer { v in
                slots.withUnsafeBufferPointer { slots in
                    let mask = self.mask
                    let validity = column.validity
                    for k in 0..<n {
                        let i = range.lowerBound + k
                        var first: Int32 = -1
                        if validity?[i] ?? true {
                            let key = v[i]
                            var s = JoinIntTable.hash(key) & mask
                            while true {
                                let slot = slots[s]
                                if slot.first < 0 { break }
                                if slot.key == key {
                                    first = slot.first
                                    matched &+= 1
                                    chained = chained || slot.last != slot.first
                                    break
                                }
                                s = (s + 1) & mask
                            }
                        }
                        out[k] = first
                    }
                }
            }
            initialized = n
        }
        if !chained { return JoinIntTable.uniquePairs(firsts, from: range.lowerBound, count: matched) }
        var probe: [Int] = [], build: [Int] = []
        probe.reserveCapacity(matched)
        build.reserveCapacity(matched)
        for k in 0..<n where firsts[k] >= 0 {
            var r = Int(firsts[k])
            while r >= 0 {
                probe.append(range.lowerBound + k)
                build.append(r)
                r = Int(nextRow[r])
            }
        }
        return (probe, build)
    }

    /// The pairs when every key has one build row: `matched` rows with a first row.
    private static func uniquePairs(_ firsts: [Int32], from start: Int, count matched: Int) -> (probe: [Int], build: [Int]) {
        var build: [Int] = []
        let probe = [Int](unsafeUninitializedCapacity: matched) { p, pDone in
            build = [Int](unsafeUninitializedCapacity: matched) { b, bDone in
                var w = 0
                for (k, f) in firsts.enumerated() where f >= 0 && w < matched {
                    p[w] = start + k
                    b[w] = Int(f)
                    w += 1
                }
                bDone = w
                pDone = w
            }
        }
        return (probe, build)
    }
}
