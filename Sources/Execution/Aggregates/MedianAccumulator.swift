import Columnar
import Diagnostics

/// MEDIAN of DOUBLE arguments (every numeric median is computed in DOUBLE) without boxing:
/// non-NULL values are kept as (group, value) pairs in two flat arrays; `finish` buckets
/// them by group and sorts each group's values. NaN sorts greatest (PostgreSQL); an even
/// count gives the mean of the two middle values, no value gives NULL.
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
                var slice = UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi])
                slice.sort { a, b in a < b || (b.isNaN && !a.isNaN) }
                let n = hi - lo, mid = n / 2
                out[g] = n % 2 == 1 ? slice[mid] : (slice[mid - 1] + slice[mid]) / 2
            }
        }
        return Column(type: .float64, storage: .double(out), validity: validity)
    }
}
