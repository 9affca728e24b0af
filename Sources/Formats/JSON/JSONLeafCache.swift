/// Remembers what walking a STRUCT read by field staged (`JSONLeafPlan`), keyed by the
/// exact bytes of the object, so a repeated object such as
/// `{"make":"Audi","model":"A1","year":2019,"body":"hatchback"}` is walked once per reader:
/// later copies are found and their fields restored (strings as spans into the new copy,
/// at the same offsets). The walk is a function of the bytes, so a hit stages exactly what
/// walking would. Only successful walks are kept, and only when no read string had
/// escapes (their text lives in scratch space, not in the object).
///
/// A lookup does not need the object's end: candidates are found by a hash of the bytes
/// from the object's start up to its first `}` (at most `prefix` bytes, fewer when the
/// record ends sooner), a few per bucket, and a candidate whose whole text equals the
/// bytes at the start is the object (a complete object's text ends where the object
/// does). The cache stops inserting when full and switches itself off when the first
/// `trialLookups` lookups hit less than half the time (a miss costs a hash and a few
/// compares before the walk).
struct JSONLeafCache: Sendable {
    static let maxLength = 512
    static let maxEntries = 8192
    static let trialLookups = 4096
    static let prefix = 128
    static let buckets = 4096
    static let ways = 4

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
    /// `ways` entry numbers per bucket (-1: empty), filled in order.
    private var table: [Int32] = []
    private var texts: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var slots: [Slot] = []
    private var lookups = 0
    private var hits = 0
    private var nextWay = 0
    /// False once the cache gave up (or when its plan cannot be cached).
    private(set) var enabled: Bool

    /// A cache of entries of `width` slots.
    init(width: Int, enabled: Bool) {
        self.width = width
        self.enabled = enabled && width > 0
    }

    /// The bucket of the object starting at `s` in a record ending at `e`: a hash of its
    /// first `prefix` bytes, cut after the first `}` (the end of a flat object, so the
    /// bytes after a short object do not change its bucket).
    @inline(__always)
    static func bucket(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = (h ^ w) &* m
            return x ^ (x >> 29)
        }
        let limit = min(prefix, e - s)
        let raw = UnsafeRawPointer(p + s)
        var h = m
        var j = 0
        while j + 8 <= limit {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
            let brace = JSONBytes.bytesEqual(w, 0x7D)
            if brace != 0 {
                // Bit 7 of the brace's byte is set: keep the bytes up to it.
                let keep = brace.trailingZeroBitCount + 1
                h = mix(h, keep >= 64 ? w : w & ((1 << UInt64(keep)) - 1))
                return Int(truncatingIfNeeded: h >> 40) & (buckets - 1)
            }
            h = mix(h, w)
            j += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while j < limit {
            let b = p[s + j]
            tail |= UInt64(b) << shift
            shift += 8
            j += 1
            if b == 0x7D { break }
        }
        h = mix(h, tail)
        return Int(truncatingIfNeeded: h >> 40) & (buckets - 1)
    }

    /// The entry whose text starts at `s` (the object's `{`) within the record `[s, e)`, or -1.
    mutating func find(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard enabled else { return -1 }
        if lookups == JSONLeafCache.trialLookups, hits * 2 < lookups {
            self = JSONLeafCache(width: width, enabled: false)
            return -1
        }
        lookups &+= 1
        guard !table.isEmpty else { return -1 }
        let b = JSONLeafCache.bucket(p, s, e) * JSONLeafCache.ways
        let available = e - s
        let k = texts.withUnsafeBufferPointer { t -> Int in
            guard let base = t.baseAddress else { return -1 }
            for j in 0..<JSONLeafCache.ways {
                let k = Int(table[b + j])
                if k < 0 { return -1 }
                let n = lengths[k]
                if n <= available, JSONBytes.equal(base + starts[k], p + s, n) { return k }
            }
            return -1
        }
        if k >= 0 { hits &+= 1 }
        return k
    }

    /// Byte length of entry `k`'s object.
    @inline(__always) func length(_ k: Int) -> Int { lengths[k] }

    /// Slot `j` of entry `k`.
    @inline(__always) func slot(_ k: Int, _ j: Int) -> Slot { slots[k * width + j] }

    /// Keeps `entry` (`width` slots) for the object `[s, end)` of the record ending at `e`.
    mutating func insert(_ p: UnsafePointer<UInt8>, _ s: Int, _ end: Int, _ e: Int, _ entry: [Slot]) {
        guard enabled, entry.count == width, end > s, end - s <= JSONLeafCache.maxLength, lengths.count < JSONLeafCache.maxEntries else { return }
        if table.isEmpty { table = [Int32](repeating: -1, count: JSONLeafCache.buckets * JSONLeafCache.ways) }
        let b = JSONLeafCache.bucket(p, s, e) * JSONLeafCache.ways
        var way = -1
        for j in 0..<JSONLeafCache.ways where table[b + j] < 0 { way = j; break }
        if way < 0 {
            way = nextWay % JSONLeafCache.ways
            nextWay &+= 1
        }
        table[b + way] = Int32(truncatingIfNeeded: lengths.count)
        starts.append(texts.count)
        lengths.append(end - s)
        texts.append(contentsOf: UnsafeBufferPointer(start: p + s, count: end - s))
        slots.append(contentsOf: entry)
    }
}
