import Columnar
import Diagnostics

/// MEDIAN of DOUBLE arguments (numeric arguments arrive cast to DOUBLE): each group keeps
/// its values unboxed and sorts them once at the end. Even counts give the mean of the two
/// middle values; NaN sorts greatest, as in every other ordering.
final class MedianDoubleAccumulator: Accumulator {
    var values: [[Double]] = []

    func resize(_ groups: Int) {
        if groups > values.count { values += [[Double]](repeating: [], count: groups - values.count) }
    }

    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        let c = args[0]
        if case let .double(a) = c.storage, a.count >= groups.count {
            if c.validity == nil {
                for (i, g) in groups.enumerated() { values[g].append(a[i]) }
            } else {
                for (i, g) in groups.enumerated() where !c.isNull(i) { values[g].append(a[i]) }
            }
            return
        }
        for (i, g) in groups.enumerated() {
            if case let .double(v) = c.value(at: i) { values[g].append(v) }
        }
    }

    func finish() throws(SQLError) -> Column {
        var out = [Double](repeating: 0, count: values.count)
        var seen = [Bool](repeating: false, count: values.count)
        for g in values.indices where !values[g].isEmpty {
            values[g].sort { a, b in a.isNaN ? false : (b.isNaN ? true : a < b) }
            let v = values[g], mid = v.count / 2
            out[g] = v.count % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2
            seen[g] = true
            values[g] = []
        }
        return Column(type: .float64, storage: .double(out), validity: Bitmap(seen))
    }
}
