import Columnar
import Diagnostics

/// The build side index of a hash join on one integer-like key (integers, DATE,
/// TIMESTAMP), made once from all build keys. Dense keys (ids, codes: the span of values
/// at most four times the rows) are indexed directly: an array of each key's first build
/// row, so probes in key order read it sequentially. Other keys go in an open-addressing
/// table (linear probing) whose slots hold the key beside its first row, so a probe of a
/// unique key touches one slot. Rows sharing a key are chained through `nextRow` in
/// ascending row order. NULL keys are never indexed and never match.
struct JoinIntTable {
    /// One key of the hashed layout: `first < 0` marks an empty slot.
    struct Slot {
        var key: Int64
        var first: Int32
    }

    enum Layout {
        /// `firsts[key - base]` is the key's first row, -1 when absent.
        case direct(base: Int64, firsts: [Int32])
        case hashed(slots: [Slot], mask: Int)
    }

    private(set) var layout: Layout
    /// Distinct keys.
    private(set) var keyCount = 0
    /// Build rows (NULL keys included).
    let rowCount: Int
    /// Next build row with the same key, -1 at the end; empty when every key is unique.
    private var nextRow: [Int32] = []

    /// Indexes build rows: the rows of `keys[0]`, then those of `keys[1]`, ...
    init(keys: [Column]) throws(SQLError) {
        var total = 0
        var present = 0
        var lo = Int64.max, hi = Int64.min
        for c in keys {
            guard case let .int(values) = c.storage else { throw SQLError(.internal, "join key is not an integer column") }
            total += values.count
            for (i, v) in values.enumerated() where c.validity?[i] ?? true {
                lo = min(lo, v)
                hi = max(hi, v)
                present += 1
            }
        }
        guard total < Int(Int32.max) else { throw SQLError(.runtime, "join build side has more than \(Int32.max - 1) rows") }
        rowCount = total
        var chains: [Int32] = []
        var distinct = 0
        let rows = total
        /// Notes that row `r` goes before `previous` (its key's first row so far, or -1).
        func link(_ r: Int32, _ previous: Int32) {
            if previous < 0 { distinct += 1; return }
            if chains.isEmpty { chains = [Int32](repeating: -1, count: rows) }
            chains[Int(r)] = previous
        }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if present > 0, !overflow, span < Int64(max(4 * present, 1024)) {
            var firsts = [Int32](repeating: -1, count: Int(span) + 1)
            JoinIntTable.forEachRowReversed(keys) { k, r in
                let slot = Int(k &- lo)
                link(r, firsts[slot])
                firsts[slot] = r
            }
            layout = .direct(base: lo, firsts: firsts)
        } else {
            var cap = 16
            while cap < present * 2 { cap <<= 1 }
            var slots = [Slot](repeating: Slot(key: 0, first: -1), count: cap)
            let mask = cap - 1
            JoinIntTable.forEachRowReversed(keys) { k, r in
                var s = JoinIntTable.hash(k) & mask
                while slots[s].first >= 0 && slots[s].key != k { s = (s + 1) & mask }
                link(r, slots[s].first)
                slots[s] = Slot(key: k, first: r)
            }
            layout = .hashed(slots: slots, mask: mask)
        }
        keyCount = distinct
        nextRow = chains
    }

    /// Calls `body(key, row)` for every row with a key, last row first (so that making
    /// each row its key's first leaves chains in ascending order).
    @inline(__always)
    private static func forEachRowReversed(_ keys: [Column], _ body: (Int64, Int32) -> Void) {
        var row = keys.reduce(0) { $0 + $1.count }
        for c in keys.reversed() {
            guard case let .int(values) = c.storage else { continue }
            row -= values.count
            let validity = c.validity
            for i in stride(from: values.count - 1, through: 0, by: -1) where validity?[i] ?? true {
                body(values[i], Int32(truncatingIfNeeded: row + i))
            }
        }
    }

    @inline(__always)
    static func hash(_ k: Int64) -> Int {
        Int(truncatingIfNeeded: KeyHasher.mix(UInt64(bitPattern: k)))
    }

    /// Every (probe row, build row) pair of rows `range` of `column` whose keys are equal,
    /// in probe order, build rows ascending. A first pass finds each row's first build
    /// row (independent lookups the processor overlaps); a second writes the pairs.
    func candidates(_ column: Column, range: Range<Int>) -> (probe: [Int], build: [Int]) {
        guard case let .int(values) = column.storage, range.upperBound <= values.count, !range.isEmpty else { return ([], []) }
        let n = range.count
        var matched = 0
        let validity = column.validity
        let firsts = [Int32](unsafeUninitializedCapacity: n) { out, initialized in
            values.withUnsafeBufferPointer { v in
                switch layout {
                case let .direct(base, firsts):
                    firsts.withUnsafeBufferPointer { f in
                        let span = UInt64(f.count)
                        for k in 0..<n {
                            let i = range.lowerBound + k
                            let slot = UInt64(bitPattern: v[i] &- base)
                            var first: Int32 = -1
                            if slot < span, validity?[i] ?? true { first = f[Int(slot)] }
                            if first >= 0 { matched &+= 1 }
                            out[k] = first
                        }
                    }
                case let .hashed(slots, mask):
                    slots.withUnsafeBufferPointer { slots in
                        for k in 0..<n {
                            let i = range.lowerBound + k
                            var first: Int32 = -1
                            if validity?[i] ?? true {
                                let key = v[i]
                                var s = JoinIntTable.hash(key) & mask
                                while slots[s].first >= 0 {
                                    if slots[s].key == key { first = slots[s].first; matched &+= 1; break }
                                    s = (s + 1) & mask
                                }
                            }
                            out[k] = first
                        }
                    }
                }
            }
            initialized = n
        }
        if nextRow.isEmpty { return JoinIntTable.uniquePairs(firsts, from: range.lowerBound, count: matched) }
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
