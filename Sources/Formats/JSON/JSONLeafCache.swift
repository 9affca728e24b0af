/// Remembers what walking a STRUCT read by field staged (`JSONLeafPlan`), keyed by the
/// exact bytes of the object, so a repeated object such as
/// `{"make":"Audi","model":"A1","year":2019,"body":"hatchback"}` is walked once per scan:
/// later copies are found by hash and their fields restored (strings as spans into the
/// new copy, at the same offsets). The walk is a function of the bytes, so a hit stages
/// exactly what walking would. Only successful walks are kept, and only when no read
/// string had escapes (their text lives in scratch space, not in the object).
///
/// Like `JSONNestedCache`, it stops inserting when full and switches itself off when the
/// first `trialLookups` lookups hit less than half the time (a miss costs a skip and a walk).
struct JSONLeafCache: Sendable {
    static let maxLength = 512
    static let maxEntries = 8192
    static let trialLookups = 4096

    /// One staged slot of an entry (strings: offsets from the object's first byte).
    struct Slot: Sendable {
        var null: Bool
        var int: Int64
        var double: Double
        var decimal: Int128
        var start: Int32
        var end: Int32
    }

    /// Slots per entry.
    let width: Int
    private var table: [Int32] = []
    private var hashes: [UInt64] = []
    private var starts: [Int] = [0]
    private var bytes: [UInt8] = []
    private var slots: [Slot] = []
    private var lookups = 0
    private var hits = 0
    /// Where the last missed lookup would insert, and its hash.
    private var pendingPosition = -1
    private var pendingHash: UInt64 = 0
    /// False once the cache gave up (or when its plan cannot be cached).
    private(set) var enabled: Bool

    /// A cache of entries of `width` slots.
    init(width: Int, enabled: Bool) {
        self.width = width
        self.enabled = enabled && width > 0
    }

    /// The entry of the text `[s, e)`, or -1 (then `insert` may follow for the same text).
    mutating func find(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        pendingPosition = -1
        let length = e - s
        guard enabled, length <= JSONLeafCache.maxLength else { return -1 }
        if lookups == JSONLeafCache.trialLookups, hits * 2 < lookups {
            enabled = false
            table = []; hashes = []; starts = [0]; bytes = []; slots = []
            return -1
        }
        lookups += 1
        if table.isEmpty { table = [Int32](repeating: -1, count: 256) }
        let hash = ByteHash.hash(p + s, length)
        let mask = table.count - 1
        var h = Int(truncatingIfNeeded: hash >> 40) & mask
        while true {
            let k = Int(table[h])
            if k < 0 { break }
            if hashes[k] == hash, starts[k + 1] - starts[k] == length, matches(k, p + s, length) {
                hits += 1
                return k
            }
            h = (h + 1) & mask
        }
        if hashes.count < JSONLeafCache.maxEntries {
            pendingPosition = h
            pendingHash = hash
        }
        return -1
    }

    /// Slot `j` of entry `k`.
    @inline(__always) func slot(_ k: Int, _ j: Int) -> Slot { slots[k * width + j] }

    /// Keeps `entry` (`width` slots) for the text `[s, e)` the last `find` missed.
    mutating func insert(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ entry: [Slot]) {
        guard pendingPosition >= 0, entry.count == width else { return }
        table[pendingPosition] = Int32(truncatingIfNeeded: hashes.count)
        hashes.append(pendingHash)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p + s, count: e - s))
        starts.append(bytes.count)
        slots.append(contentsOf: entry)
        pendingPosition = -1
        if 2 * hashes.count > table.count { grow() }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: 2 * table.count)
        let mask = table.count - 1
        for (k, hash) in hashes.enumerated() {
            var h = Int(truncatingIfNeeded: hash >> 40) & mask
            while table[h] >= 0 { h = (h + 1) & mask }
            table[h] = Int32(truncatingIfNeeded: k)
        }
    }

    private func matches(_ k: Int, _ q: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return length == 0 }
            return ByteHash.equal(base + starts[k], q, length)
        }
    }
}
