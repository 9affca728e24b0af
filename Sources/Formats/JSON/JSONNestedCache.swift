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

    private var index = JSONTextIndex()
    private var values: [Value] = []
    private var lookups = 0
    private var hits = 0
    /// False once the cache gave up.
    private(set) var enabled = true

    /// The value of the text `[s, e)`: from the cache, or built by `build` and remembered.
    @inline(__always)
    mutating func value(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int,
                        build: (UnsafePointer<UInt8>, Int, Int) throws(JSONValueError) -> Value) throws(JSONValueError) -> Value {
        guard enabled, e - s <= JSONNestedCache.maxLength else { return try build(p, s, e) }
        if lookups == JSONNestedCache.trialLookups, hits * 3 < lookups {
            enabled = false
            index.clear()
            values = []
            return try build(p, s, e)
        }
        lookups += 1
        let k = index.find(p, s, e, capacity: JSONNestedCache.maxEntries)
        if k >= 0 {
            hits += 1
            return values[k]
        }
        let v = try build(p, s, e)
        if index.insertMissed(p, s, e) >= 0 { values.append(v) }
        return v
    }
}
