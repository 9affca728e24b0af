import Columnar
import Diagnostics

/// MEDIAN of DOUBLE arguments (every numeric median is computed in DOUBLE) without boxing:
/// non-NULL values are kept as (group, value) pairs in two flat arrays; `finish` buckets
/// them by group and sorts each group's values. NaN sorts greatest (PostgreSQL), -0.0 before
/// 0.0 (`medianLess`); an even count gives the mean of the two middle values, no value gives NULL.
final class MedianDoubleAccumulator: Accumulator {
    var groupCount = 0
    var groupOf: [Int32] = []
    var values: [Double] = []

    func resize(_ groups: Int) { groupCount = max(groupCount, groups) }

    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard let c = args.first else { return }
        guard case let .double(a) = c.storage else { throw SQLError(.internal, "median expects DOUBLE values") }
        for (i, g) in groups.enumerated() where !c.isNull(i) {
            guard let g32 = Int32(exactly: g) else { throw SQLError(.unsupported, "median: too many groups") }
            groupOf.append(g32)
            values.append(a[i])
        }
    }

    func finish() throws(SQLError) -> Column {
        // Counting sort by group, then one sort per group's slice.
        var start = [Int](repeating: 0, count: groupCount + 1)
        for g in groupOf { start[Int(g) + 1] += 1 }
        for g in 0..<groupCount { start[g + 1] += start[g] }
        var next = start
        var sorted = [Double](repeating: 0, count: values.count)
        for (k, g) in groupOf.enumerated() {
            sorted[next[Int(g)]] = values[k]
            next[Int(g)] += 1
        }
        var out = [Double](repeating: 0, count: groupCount)
        var validity = Bitmap(count: groupCount, value: true)
        sorted.withUnsafeMutableBufferPointer { buffer in
            for g in 0..<groupCount {
                let lo = start[g], hi = start[g + 1]
                if lo == hi { validity[g] = false; continue }
                out[g] = MedianDoubleAccumulator.median(UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi])) ?? 0
            }
        }
        return Column(type: .float64, storage: .double(out), validity: validity)
    }

    /// The median of `slice` (nil when empty), reordering it.
    static func median(_ slice: UnsafeMutableBufferPointer<Double>) -> Double? {
        let n = slice.count, mid = n / 2
        guard n > 0 else { return nil }
        let upper = select(slice, mid)
        guard n % 2 == 0 else { return upper }
        // After selection every value left of `mid` is <= the upper middle.
        var lower = slice[0]
        for k in 1..<mid where less(lower, slice[k]) { lower = slice[k] }
        return (lower + upper) / 2
    }

    /// Total order of doubles: NaN greatest, -0.0 before 0.0, so the k-th value of a group
    /// is the same whichever way it is found (a selection here, a search over sorted runs
    /// in a refreshed view).
    @inline(__always)
    static func less(_ a: Double, _ b: Double) -> Bool { medianLess(a, b) }

    /// Rearranges `v` so that `v[k]` is the value a sort would put there, everything before
    /// it no greater and everything after no smaller (quickselect, median-of-three pivots;
    /// a sort finishes ranges that refuse to shrink). Returns `v[k]`.
    static func select(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0, hi = v.count - 1
        var rounds = 0
        while hi - lo > 16 {
            rounds += 1
            if rounds > 64 {
                var rest = UnsafeMutableBufferPointer(rebasing: v[lo...hi])
                rest.sort(by: less)
                return v[k]
            }
            let m = lo + (hi - lo) / 2
            if less(v[m], v[lo]) { v.swapAt(m, lo) }
            if less(v[hi], v[lo]) { v.swapAt(hi, lo) }
            if less(v[hi], v[m]) { v.swapAt(hi, m) }
            let pivot = v[m]
            var i = lo, j = hi
            while i <= j {
                while less(v[i], pivot) { i += 1 }
                while less(pivot, v[j]) { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
        }
        var rest = UnsafeMutableBufferPointer(rebasing: v[lo...hi])
        rest.sort(by: less)
        return v[k]
    }
}
