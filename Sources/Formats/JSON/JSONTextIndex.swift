import Columnar

/// Distinct value texts, numbered 0, 1, 2, ... in the order they are added, found again by
/// their exact bytes (open addressing on a hash, linear probing; kept at most half full).
/// The lookup table behind the caches of repeated nested values (`JSONNestedCache`,
/// `JSONLeafCache`): a lookup that misses remembers where the text would go, so the caller
/// can build what the text stands for and then `insertMissed` it.
struct JSONTextIndex: Sendable {
    private var table: [Int32] = []
    private var hashes: [UInt64] = []
    private var starts: [Int] = [0]
    private var bytes: [UInt8] = []
    /// Where the last missed lookup would insert, and its hash (-1: nothing pending).
    private var pendingPosition = -1
    private var pendingHash: UInt64 = 0

    /// Texts kept.
    var count: Int { hashes.count }

    /// The number of the text `[s, e)`, or -1; on a miss, `insertMissed` may add the text
    /// while fewer than `capacity` are kept.
    @inline(__always)
    mutating func find(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, capacity: Int) -> Int {
        pendingPosition = -1
        let length = e - s
        if table.isEmpty { table = [Int32](repeating: -1, count: 256) }
        let hash = ByteHash.hash(p + s, length)
        let mask = table.count - 1
        var h = Int(truncatingIfNeeded: hash >> 40) & mask
        while true {
            let k = Int(table[h])
            if k < 0 { break }
            if hashes[k] == hash, starts[k + 1] - starts[k] == length, matches(k, p + s, length) { return k }
            h = (h + 1) & mask
        }
        if hashes.count < capacity {
            pendingPosition = h
            pendingHash = hash
        }
        return -1
    }

    /// Adds the text `[s, e)` the last `find` missed; returns its number, or -1 when
    /// nothing was pending (the index is full).
    mutating func insertMissed(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard pendingPosition >= 0 else { return -1 }
        let k = hashes.count
        table[pendingPosition] = Int32(truncatingIfNeeded: k)
        hashes.append(pendingHash)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p + s, count: e - s))
        starts.append(bytes.count)
        pendingPosition = -1
        if 2 * hashes.count > table.count { grow() }
        return k
    }

    /// Drops a pending miss (the next `insertMissed` adds nothing).
    mutating func cancelMissed() { pendingPosition = -1 }

    /// Forgets every text and frees the memory.
    mutating func clear() { self = JSONTextIndex() }

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
