import Synchronization

/// The nested-value caches a reader's scans hand on to each other: a scan takes a set
/// when it starts and gives it back when it ends, so consecutive files read through one
/// reader (a partition of a table scan) share what earlier files built. Concurrent scans
/// each take their own set.
final class JSONNestedCachePool: Sendable {
    private let sets = Mutex<[[JSONNestedCache]]>([])

    /// A set of `count` caches: one given back earlier, or a new one.
    func take(count: Int) -> [JSONNestedCache] {
        let reused = sets.withLock { $0.popLast() }
        if let reused, reused.count == count { return reused }
        return [JSONNestedCache](repeating: JSONNestedCache(), count: count)
    }

    /// Keeps `caches` for the next scan (at most a few sets are kept).
    func give(_ caches: [JSONNestedCache]) {
        sets.withLock { if $0.count < 4 { $0.append(caches) } }
    }
}
