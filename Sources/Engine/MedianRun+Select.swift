import Diagnostics
import Execution

/// The median of one group's values spread over several sorted runs, without reading them
/// all: the k-th smallest of several sorted slices. Each step takes the middle value of the
/// longest remaining slice as a pivot, counts by binary searches how many values of every
/// slice sort before it and up to it, and either answers with the pivot or drops the part
/// of every slice on the wrong side; the longest slice halves each step, so a group costs
/// O(runs² · log n) comparisons however many values it has.
extension MedianRun {
    /// The median of the values in `ranges[r]` of `runs[r]` (nil when there are none): the
    /// middle value, or the mean of the two middle values, as `medianOfDoubles` computes it.
    static func median(across runs: [MedianRun], ranges: [Range<Int>]) throws(SQLError) -> Double? {
        let n = ranges.reduce(0) { $0 + $1.count }
        guard n > 0 else { return nil }
        // Usually one run holds most of the group's values: the others, merged, are few.
        var largest = 0
        for r in ranges.indices where ranges[r].count > ranges[largest].count { largest = r }
        if n - ranges[largest].count <= 64 { return twoSliceMedian(runs: runs, ranges: ranges, largest: largest, count: n) }
        let upper = try kth(n / 2, runs: runs, ranges: ranges)
        guard n % 2 == 0 else { return upper }
        let lower = try kth(n / 2 - 1, runs: runs, ranges: ranges)
        return (lower + upper) / 2
    }

    /// The median of one long sorted slice (`largest`) and a few values in the other
    /// slices: those are merged into a small buffer, then each middle value is found by a
    /// binary search on how many of the few come before it.
    static func twoSliceMedian(runs: [MedianRun], ranges: [Range<Int>], largest: Int, count n: Int) -> Double? {
        let a = UnsafeBufferPointer(rebasing: runs[largest].values[ranges[largest]])
        let m = n - a.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(m, 1)) { b -> Double? in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: runs.count) { at -> Double? in
                for r in runs.indices { at[r] = r == largest ? ranges[r].upperBound : ranges[r].lowerBound }
                for i in 0..<m {
                    var best = -1, value = 0.0
                    for r in runs.indices where at[r] < ranges[r].upperBound {
                        let v = runs[r].values[at[r]]
                        if best < 0 || medianLess(v, value) { best = r; value = v }
                    }
                    guard best >= 0 else { return nil }
                    b[i] = value
                    at[best] += 1
                }
                let few = UnsafeBufferPointer(rebasing: b[0..<m])
                let upper = kth(n / 2, a, few)
                guard n % 2 == 0 else { return upper }
                return (kth(n / 2 - 1, a, few) + upper) / 2
            }
        }
    }

    /// The value at position `k` of two sorted buffers together: a binary search on how
    /// many of the first `k + 1` values come from `b`.
    static func kth(_ k: Int, _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var lo = max(0, k + 1 - a.count), hi = min(k + 1, b.count)
        while lo < hi {
            let i = (lo + hi) / 2
            // Taking i from b and k + 1 - i from a: too few from b while b[i] sorts first.
            if medianLess(b[i], a[k - i]) { lo = i + 1 } else { hi = i }
        }
        let j = k + 1 - lo
        if lo == 0 { return a[j - 1] }
        if j == 0 { return b[lo - 1] }
        return medianLess(a[j - 1], b[lo - 1]) ? b[lo - 1] : a[j - 1]
    }

    /// The value a sort of every slice together would put at position `k`.
    static func kth(_ k: Int, runs: [MedianRun], ranges: [Range<Int>]) throws(SQLError) -> Double {
        var lo = ranges.map(\.lowerBound), hi = ranges.map(\.upperBound)
        var k = k
        var less = [Int](repeating: 0, count: runs.count), upTo = less
        // A sorted input needs at most about runs · 64 steps; more means a damaged run.
        for _ in 0..<(64 * runs.count + 64) {
            var longest = -1, size = 0, nonEmpty = 0
            for r in runs.indices where hi[r] > lo[r] {
                nonEmpty += 1
                if hi[r] - lo[r] > size { size = hi[r] - lo[r]; longest = r }
            }
            guard longest >= 0 else { break }
            if nonEmpty == 1 {
                guard k < size else { break }
                return runs[longest].values[lo[longest] + k]
            }
            let pivot = runs[longest].values[lo[longest] + size / 2]
            var before = 0, through = 0
            for r in runs.indices {
                let v = runs[r].values
                // First position not before the pivot, first position after it.
                var a = lo[r], b = hi[r]
                while a < b {
                    let m = a + (b - a) / 2
                    if medianLess(v[m], pivot) { a = m + 1 } else { b = m }
                }
                less[r] = a
                b = hi[r]
                while a < b {
                    let m = a + (b - a) / 2
                    if medianLess(pivot, v[m]) { b = m } else { a = m + 1 }
                }
                upTo[r] = a
                before += less[r] - lo[r]
                through += upTo[r] - lo[r]
            }
            if k < before {
                hi = less
            } else if k < through {
                return pivot
            } else {
                k -= through
                lo = upTo
            }
        }
        throw SQLError(.data, "the kept MEDIAN values of a materialized view are damaged (a run is not sorted); refresh it with FULL")
    }
}
