import Columnar
import Diagnostics
import Execution
import Lake

/// One sorted run of the values a view's MEDIAN calls are taken of: rows of (key, value)
/// with key = call << 40 | group id, ordered by key, then by value in MEDIAN's order
/// (`medianLess`: NaN greatest, -0.0 before 0.0). NULLs are left out, so the values of one
/// group of one call are a contiguous sorted slice, found by a binary search. A run is
/// either a mapped data file (only the pages a search touches are read) or built in memory.
final class MedianRun: @unchecked Sendable {
    /// Keys, ascending.
    let keys: UnsafeBufferPointer<Int64>
    /// Values, ascending within a key.
    let values: UnsafeBufferPointer<Double>
    /// The mapping the buffers point into (nil: they are owned and freed here).
    private let mapping: MappedRawColumns?

    /// Group ids must fit below this (the call sits above them in a key).
    static let groupLimit = 1 << 40

    /// The key of group `group` of the `call`-th MEDIAN call.
    @inline(__always)
    static func key(call: Int, group: Int) -> Int64 { Int64(call) << 40 | Int64(group) }

    /// The run kept in a mapped values file (key column, value column).
    init(_ file: MappedRawColumns) throws(SQLError) {
        keys = try file.int64s(0)
        values = try file.doubles(1)
        mapping = file
    }

    /// Takes ownership of two equally long buffers allocated by the caller.
    init(owning keys: UnsafeMutableBufferPointer<Int64>, _ values: UnsafeMutableBufferPointer<Double>) {
        self.keys = UnsafeBufferPointer(keys)
        self.values = UnsafeBufferPointer(values)
        mapping = nil
    }

    /// A run holding copies of `keys` and `values` (already in run order).
    convenience init(keys: [Int64], values: [Double]) {
        let k = UnsafeMutableBufferPointer<Int64>.allocate(capacity: keys.count)
        let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: keys.count)
        _ = k.initialize(from: keys)
        _ = v.initialize(from: values.prefix(keys.count) + repeatElement(0, count: max(0, keys.count - values.count)))
        self.init(owning: k, v)
    }

    deinit {
        if mapping == nil {
            UnsafeMutableBufferPointer(mutating: keys).deallocate()
            UnsafeMutableBufferPointer(mutating: values).deallocate()
        }
    }

    var count: Int { keys.count }

    /// The rows whose key is `key`, searching from row `from` on (keys asked in ascending
    /// order pass the previous answer's end: the search gallops from there, so nearby keys
    /// cost a few steps).
    func range(of key: Int64, from: Int = 0) -> Range<Int> {
        let start = lowerBound(key, from: min(max(from, 0), count))
        return start..<lowerBound(key + 1, from: start)
    }

    /// The first row at or after `from` whose key is not below `key`.
    func lowerBound(_ key: Int64, from: Int) -> Int {
        var lo = from, hi = from, step = 1
        while hi < count && keys[hi] < key {
            lo = hi + 1
            hi += step
            step *= 2
        }
        hi = min(hi, count)
        while lo < hi {
            let m = lo + (hi - lo) / 2
            if keys[m] < key { lo = m + 1 } else { hi = m }
        }
        return lo
    }

    /// The run as a batch of (key, value) columns, for writing.
    func batch() -> Batch { batch(rows: 0..<count) }

    /// Rows `rows` of the run as a batch of (key, value) columns: a run of its own.
    func batch(rows: Range<Int>) -> Batch {
        Batch(columns: [Column(type: .int64, storage: .int(Array(keys[rows]))), Column(type: .float64, storage: .double(Array(values[rows])))],
              count: rows.count)
    }

    /// The run cut into `n` runs of consecutive rows (each sorted, as the whole is), as
    /// batches made when asked: files written at once take a part each.
    func parts(_ n: Int) -> [() -> [Batch]] {
        let n = max(1, min(n, count))
        return (0..<n).map { i in { [self] in [self.batch(rows: (self.count * i / n)..<(self.count * (i + 1) / n))] } }
    }

    /// True when `(k1, v1)` sorts before `(k2, v2)`.
    @inline(__always)
    static func before(_ k1: Int64, _ v1: Double, _ k2: Int64, _ v2: Double) -> Bool {
        k1 < k2 || (k1 == k2 && medianLess(v1, v2))
    }

    /// Checks the rows are in run order (a damaged file could hold anything).
    func isSorted() -> Bool {
        var r = 1
        while r < count {
            if MedianRun.before(keys[r], values[r], keys[r - 1], values[r - 1]) { return false }
            r += 1
        }
        return true
    }

    /// The runs merged into one, two at a time from the smallest (no sort: each step is
    /// one pass over two sorted runs).
    static func merge(_ runs: [MedianRun]) -> MedianRun {
        var pending = runs.sorted { $0.count < $1.count }
        if pending.isEmpty { return MedianRun(owning: .allocate(capacity: 0), .allocate(capacity: 0)) }
        var merged = pending.removeFirst()
        while !pending.isEmpty {
            let next = pending.removeFirst()
            merged = merge(merged, next)
        }
        return merged
    }

    /// Two runs merged into one.
    static func merge(_ a: MedianRun, _ b: MedianRun) -> MedianRun {
        let n = a.count + b.count
        let keys = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
        let values = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        var i = 0, j = 0, o = 0
        while i < a.count && j < b.count {
            if before(b.keys[j], b.values[j], a.keys[i], a.values[i]) {
                keys[o] = b.keys[j]; values[o] = b.values[j]; j += 1
            } else {
                keys[o] = a.keys[i]; values[o] = a.values[i]; i += 1
            }
            o += 1
        }
        while i < a.count { keys[o] = a.keys[i]; values[o] = a.values[i]; i += 1; o += 1 }
        while j < b.count { keys[o] = b.keys[j]; values[o] = b.values[j]; j += 1; o += 1 }
        return MedianRun(owning: keys, values)
    }
}
