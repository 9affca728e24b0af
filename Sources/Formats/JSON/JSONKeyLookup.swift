/// Membership of keys for the reader's key filter: a range check, then a bitmap over the
/// keys' span (when it is under 2^26 values), else binary search in the sorted keys.
package struct JSONKeyLookup: Sendable {
    /// The smallest and largest key (low > high: no keys).
    package let low: Int64
    package let high: Int64
    let bits: [UInt64]
    let sorted: [Int64]

    /// A lookup of `keys`.
    package init(_ keys: Set<Int64>) {
        var lo = Int64.max, hi = Int64.min
        for k in keys {
            lo = Swift.min(lo, k)
            hi = Swift.max(hi, k)
        }
        low = keys.isEmpty ? 1 : lo
        high = keys.isEmpty ? 0 : hi
        let span = hi.subtractingReportingOverflow(lo)
        if !keys.isEmpty, !span.overflow, span.partialValue < 1 << 26 {
            // Keys close together (ids): a bitmap over their span, no sorting needed.
            var b = [UInt64](repeating: 0, count: Int(span.partialValue >> 6) + 1)
            for k in keys {
                let o = Int(k - lo)
                b[o >> 6] |= 1 << UInt64(o & 63)
            }
            bits = b
            sorted = []
        } else {
            bits = []
            sorted = keys.sorted()
        }
    }

    /// True when some key lies in `range`.
    package func meets(_ range: ClosedRange<Int64>) -> Bool {
        var found = false
        forEachWord(in: range) { _, _ in
            found = true
            return false
        }
        return found
    }

    /// How many of the keys lie in `range`.
    package func count(in range: ClosedRange<Int64>) -> Int {
        var n = 0
        forEachWord(in: range) { _, word in
            n += word.nonzeroBitCount
            return true
        }
        return n
    }

    /// Calls `body` with each key in `range`, ascending.
    package func forEach(in range: ClosedRange<Int64>, _ body: (Int64) -> Void) {
        forEachWord(in: range) { base, word in
            var w = word
            while w != 0 {
                body(base &+ Int64(w.trailingZeroBitCount))
                w &= w &- 1
            }
            return true
        }
    }

    /// The keys in `range` as nonzero 64-bit words (bit b of a word: key `base + b`),
    /// ascending, until `body` returns false.
    func forEachWord(in range: ClosedRange<Int64>, _ body: (_ base: Int64, _ word: UInt64) -> Bool) {
        let from = max(range.lowerBound, low), to = min(range.upperBound, high)
        guard from <= to else { return }
        if !bits.isEmpty {
            // Whole words between the range's ends, masked at both ends.
            let a = Int(from - low), b = Int(to - low)
            for w in (a >> 6)...(b >> 6) {
                var word = bits[w]
                if w == a >> 6 { word &= ~UInt64(0) << UInt64(a & 63) }
                if w == b >> 6, b & 63 < 63 { word &= (UInt64(1) << UInt64((b & 63) + 1)) &- 1 }
                if word != 0, !body(low &+ Int64(w << 6), word) { return }
            }
            return
        }
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        while lo < sorted.count, sorted[lo] <= to {
            if !body(sorted[lo], 1) { return }
            lo += 1
        }
    }

    /// The positions `i` of `count` little-endian Int64 keys at `keys` whose key is one of
    /// these (in order): one loop over a key index's keys.
    package func matches(in keys: UnsafeRawPointer, count: Int) -> [Int] {
        var out: [Int] = []
        guard low <= high else { return out }
        if !bits.isEmpty {
            // One unsigned range test and one bit test per key, over the bitmap's buffer.
            let span = UInt64(bitPattern: high &- low)
            bits.withUnsafeBufferPointer { words in
                for i in 0..<count {
                    let o = UInt64(bitPattern: Int64(littleEndian: keys.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)) &- low)
                    if o <= span, words[Int(o >> 6)] & (1 << (o & 63)) != 0 { out.append(i) }
                }
            }
            return out
        }
        for i in 0..<count where contains(Int64(littleEndian: keys.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))) {
            out.append(i)
        }
        return out
    }

    /// Like `matches(in:count:)` for keys kept as little-endian UInt32 offsets from `from`.
    package func matches(inOffsets keys: UnsafeRawPointer, count: Int, from: Int64) -> [Int] {
        var out: [Int] = []
        guard low <= high else { return out }
        if !bits.isEmpty {
            // key - low = (from - low) + offset, tested as one unsigned range check.
            let shift = from &- low
            let span = UInt64(bitPattern: high &- low)
            bits.withUnsafeBufferPointer { words in
                for i in 0..<count {
                    let offset = Int64(UInt32(littleEndian: keys.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                    let o = UInt64(bitPattern: shift &+ offset)
                    if o <= span, words[Int(o >> 6)] & (1 << (o & 63)) != 0 { out.append(i) }
                }
            }
            return out
        }
        for i in 0..<count where contains(from &+ Int64(UInt32(littleEndian: keys.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))) {
            out.append(i)
        }
        return out
    }

    /// True when `k` is one of the keys.
    @inline(__always)
    package func contains(_ k: Int64) -> Bool {
        guard k >= low, k <= high else { return false }
        if !bits.isEmpty {
            let o = Int(k - low)
            return bits[o >> 6] & (1 << UInt64(o & 63)) != 0
        }
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == k
    }
}
