import Columnar
import Diagnostics
import Execution
import Dispatch

/// Building a sorted run from rows of (group id, one DOUBLE per MEDIAN call): a counting
/// sort by (call, group), then a sort of each (call, group)'s values (as integer keys of the
/// same order), split between two threads by the values' midpoint.
extension MedianRun {
    /// The run of `values` (groups below `groups`), and where each (call, group) bucket
    /// starts in it: bucket `call * groups + group` is `starts[b]..<starts[b + 1]`.
    static func build(_ values: [Batch], calls: Int, groups: Int) throws(SQLError) -> (run: MedianRun, starts: [Int]) {
        guard groups < groupLimit else { throw SQLError(.unsupported, "MEDIAN in a materialized view: too many groups") }
        let buckets = calls * groups
        var starts = [Int](repeating: 0, count: buckets + 1)
        for b in values {
            guard b.columns.count == calls + 1, case let .int(gs) = b.columns[0].storage else {
                throw SQLError(.internal, "unexpected median values")
            }
            for c in 0..<calls {
                let column = b.columns[c + 1]
                for r in 0..<b.count where !column.isNull(r) {
                    let g = Int(gs[r])
                    guard g >= 0, g < groups else { throw SQLError(.internal, "a median value has no group") }
                    starts[c * groups + g + 1] += 1
                }
            }
        }
        for i in 0..<buckets { starts[i + 1] += starts[i] }
        let total = starts[buckets]
        let keys = UnsafeMutableBufferPointer<Int64>.allocate(capacity: total)
        let sorted = UnsafeMutableBufferPointer<Double>.allocate(capacity: total)
        var next = starts
        for b in values {
            guard case let .int(gs) = b.columns[0].storage else { continue }
            for c in 0..<calls {
                let column = b.columns[c + 1]
                guard case let .double(vs) = column.storage else {
                    keys.deallocate()
                    sorted.deallocate()
                    throw SQLError(.internal, "unexpected median values")
                }
                for r in 0..<b.count where !column.isNull(r) {
                    let bucket = c * groups + Int(gs[r])
                    sorted[next[bucket]] = vs[r]
                    next[bucket] += 1
                }
            }
        }
        for c in 0..<calls {
            for g in 0..<groups {
                let bucket = c * groups + g
                let key = MedianRun.key(call: c, group: g)
                for i in starts[bucket]..<starts[bucket + 1] { keys[i] = key }
            }
        }
        sortBuckets(sorted, starts: starts)
        return (MedianRun(owning: keys, sorted), starts)
    }

    /// Sorts each bucket's values in MEDIAN's order.
    static func sortBuckets(_ values: UnsafeMutableBufferPointer<Double>, starts: [Int]) {
        let buckets = starts.count - 1
        guard buckets > 0 else { return }
        let total = starts[buckets]
        let cut = starts.firstIndex { $0 >= total / 2 } ?? buckets
        struct Shared: @unchecked Sendable { let values: UnsafeMutableBufferPointer<Double> }
        let shared = Shared(values: values)
        // Each thread sorts only its own buckets.
        let ranges = [0..<min(cut, buckets), min(cut, buckets)..<buckets]
        // Each value becomes an integer key of the same order (so the sort compares plain
        // integers), then back.
        let work: @Sendable (Int) -> Void = { t in
            guard !ranges[t].isEmpty else { return }
            let span = UnsafeMutableBufferPointer(rebasing: shared.values[starts[ranges[t].lowerBound]..<starts[ranges[t].upperBound]])
            span.withMemoryRebound(to: UInt64.self) { keys in
                for i in keys.indices { keys[i] = sortKey(Double(bitPattern: keys[i])) }
                let offset = starts[ranges[t].lowerBound]
                let longest = ranges[t].map { starts[$0 + 1] - starts[$0] }.max() ?? 0
                let temp = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: longest >= radixFrom ? longest : 0)
                defer { temp.deallocate() }
                for i in ranges[t] where starts[i + 1] - starts[i] > 1 {
                    var slice = UnsafeMutableBufferPointer(rebasing: keys[(starts[i] - offset)..<(starts[i + 1] - offset)])
                    if slice.count >= radixFrom {
                        radixSort(slice, temp: UnsafeMutableBufferPointer(rebasing: temp[0..<slice.count]))
                    } else {
                        slice.sort()
                    }
                }
                for i in keys.indices { keys[i] = value(ofSortKey: keys[i]).bitPattern }
            }
        }
        if total >= 4096 { DispatchQueue.concurrentPerform(iterations: 2, execute: work) } else { work(0); work(1) }
    }

    /// Groups with at least this many values are sorted by radix, the others by comparisons.
    static let radixFrom = 512

    /// Sorts `keys` by 11-bit digits, least significant first (a stable counting pass per
    /// digit, skipping digits every key shares), through `temp` (as long as `keys`).
    static func radixSort(_ keys: UnsafeMutableBufferPointer<UInt64>, temp: UnsafeMutableBufferPointer<UInt64>) {
        let n = keys.count
        let digits = 6, width = 2048
        guard n > 1, temp.count >= n, let k0 = keys.baseAddress, let t0 = temp.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: digits * width) { counts in
            counts.initialize(repeating: 0)
            for i in 0..<n {
                let k = k0[i]
                for d in 0..<digits { counts[d &* width &+ Int(truncatingIfNeeded: (k &>> UInt64(d &* 11)) & 0x7FF)] &+= 1 }
            }
            var source = k0, target = t0
            for d in 0..<digits {
                let base = d * width
                if (0..<width).contains(where: { counts[base + $0] == n }) { continue }
                var sum = 0
                for b in 0..<width {
                    let c = counts[base + b]
                    counts[base + b] = sum
                    sum += c
                }
                let shift = UInt64(d * 11)
                for i in 0..<n {
                    let k = source[i]
                    let b = base + Int(truncatingIfNeeded: (k &>> shift) & 0x7FF)
                    target[counts[b]] = k
                    counts[b] += 1
                }
                swap(&source, &target)
            }
            if source != k0 { k0.update(from: source, count: n) }
        }
    }

    /// An integer whose order is MEDIAN's order of doubles (`medianLess`): -0.0 before 0.0,
    /// NaN (any NaN, kept as the standard one) greatest.
    @inline(__always)
    static func sortKey(_ d: Double) -> UInt64 {
        if d.isNaN { return .max }
        let bits = d.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The double of a `sortKey`.
    @inline(__always)
    static func value(ofSortKey k: UInt64) -> Double {
        if k == .max { return .nan }
        return Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }

    /// The median of a sorted slice of values (nil when empty), as `medianOfDoubles`
    /// computes it: the middle value, or the mean of the two middle values.
    static func median(ofSorted v: UnsafeBufferPointer<Double>, _ range: Range<Int>) -> Double? {
        let n = range.count
        guard n > 0 else { return nil }
        let upper = v[range.lowerBound + n / 2]
        guard n % 2 == 0 else { return upper }
        return (v[range.lowerBound + n / 2 - 1] + upper) / 2
    }
}
