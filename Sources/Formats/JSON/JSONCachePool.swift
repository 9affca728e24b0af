import Synchronization

/// The caches a reader's scans hand on to each other (nested values, STRUCT fields): a
/// scan takes a set when it starts and gives it back when it ends, so consecutive files
/// read through one reader (a partition of a table scan) share what earlier files built.
/// Concurrent scans each take their own set.
final class JSONCachePool<Cache: Sendable>: Sendable {
    private let sets = Mutex<[[Cache]]>([])

    /// A set of `count` caches: one given back earlier, or new ones (`make(k)` for cache k).
    func take(count: Int, make: (Int) -> Cache) -> [Cache] {
        let reused = sets.withLock { $0.popLast() }
        if let reused, reused.count == count { return reused }
        return (0..<count).map(make)
    }

    /// Keeps `caches` for the next scan (at most a few sets are kept).
    func give(_ caches: [Cache]) {
        sets.withLock { if $0.count < 4 { $0.append(caches) } }
    }
}
