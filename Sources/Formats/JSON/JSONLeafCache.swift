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
    private var index = JSONTextIndex()
    private var slots: [Slot] = []
    private var lookups = 0
    private var hits = 0
    /// False once the cache gave up (or when its plan cannot be cached).
    private(set) var enabled: Bool

    /// A cache of entries of `width` slots.
    init(width: Int, enabled: Bool) {
        self.width = width
        self.enabled = enabled && width > 0
    }

    /// The entry of the text `[s, e)`, or -1 (then `insert` may follow for the same text).
    mutating func find(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        index.cancelMissed()
        guard enabled, e - s <= JSONLeafCache.maxLength else { return -1 }
        if lookups == JSONLeafCache.trialLookups, hits * 2 < lookups {
            enabled = false
            index.clear()
            slots = []
            return -1
        }
        lookups += 1
        let k = index.find(p, s, e, capacity: JSONLeafCache.maxEntries)
        if k >= 0 { hits += 1 }
        return k
    }

    /// Slot `j` of entry `k`.
    @inline(__always) func slot(_ k: Int, _ j: Int) -> Slot { slots[k * width + j] }

    /// Keeps `entry` (`width` slots) for the text `[s, e)` the last `find` missed.
    mutating func insert(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ entry: [Slot]) {
        guard entry.count == width, index.insertMissed(p, s, e) >= 0 else { return }
        slots.append(contentsOf: entry)
    }
}
