import Columnar

/// Remembers the values built for nested JSON text (STRUCT and ARRAY columns), keyed by
/// the exact bytes of the value, so a repeated object such as
/// `{"make":"Audi","model":"A1","year":2019,"body":"hatchback"}` is parsed and boxed once
/// per scan instead of once per row. The value is a function of its bytes and the
/// column's converter, so a hit returns exactly what parsing would.
///
/// One cache serves one needed field of a reader; consecutive reads share it (see
/// `JSONNestedCachePool`). It stops inserting when full, and turns itself off when the
/// first `trialLookups` lookups hit less than a third of the time (values that rarely
/// repeat would only pay for hashing).
struct JSONNestedCache: Sendable {
    /// Longest value text worth caching, in bytes.
    static let maxLength = 512
    /// Most entries kept.
    static let maxEntries = 8192
    /// Lookups after which a low hit rate switches the cache off.
    static let trialLookups = 4096

    private var slots: [Int32] = []
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var bytes: [UInt8] = []
    private var values: [Value] = []
    private var lookups = 0
    private var hits = 0
    /// False once the cache gave up.
    private(set) var enabled = true

    /// The value of the text `[s, e)`: from the cache, or built by `build` and remembered.
    @inline(__always)
    mutating func value(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int,
                        build: (UnsafePointer<UInt8>, Int, Int) throws(JSONValueError) -> Value) throws(JSONValueError) -> Value {
        let length = e - s
        guard enabled, length <= JSONNestedCache.maxLength else { return try build(p, s, e) }
        if slots.isEmpty { slots = [Int32](repeating: -1, count: 256) }
        if lookups == JSONNestedCache.trialLookups, hits * 3 < lookups {
            enabled = false
            slots = []; hashes = []; starts = []; bytes = []; values = []
            return try build(p, s, e)
        }
        lookups += 1
        let hash = ByteHash.hash(p + s, length)
        let mask = slots.count - 1
        var h = Int(truncatingIfNeeded: hash >> 40) & mask
        while true {
            let k = Int(slots[h])
            if k < 0 { break }
            if hashes[k] == hash, starts[k + 1] - starts[k] == length, matches(k, p + s, length) {
                hits += 1
                return values[k]
            }
            h = (h + 1) & mask
        }
        let v = try build(p, s, e)
        if values.count < JSONNestedCache.maxEntries {
            if starts.isEmpty { starts.append(0) }
            slots[h] = Int32(truncatingIfNeeded: values.count)
            hashes.append(hash)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p + s, count: length))
            starts.append(bytes.count)
            values.append(v)
            // At most half full; small while few values repeat, so it stays in cache.
            if 2 * values.count > slots.count { grow() }
        }
        return v
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for (k, hash) in hashes.enumerated() {
            var h = Int(truncatingIfNeeded: hash >> 40) & mask
            while slots[h] >= 0 { h = (h + 1) & mask }
            slots[h] = Int32(truncatingIfNeeded: k)
        }
    }

    private func matches(_ k: Int, _ q: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return length == 0 }
            return ByteHash.equal(base + starts[k], q, length)
        }
    }
}
