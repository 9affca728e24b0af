import Columnar

/// Dense ids for distinct group keys, NULLs matching NULLs as in GROUP BY: the first key
/// seen gets id 0, the next new one 1, and so on. For code outside the executor that
/// must tell which group a row belongs to (a refresh keeping per-group state).
package final class GroupKeyIndex {
    let table: GroupTable

    /// An empty index for keys of these types.
    package init(types: [DataType]) {
        table = GroupTable(types: types, nullsMatch: true)
    }

    /// Number of distinct keys.
    package var count: Int { table.count }

    /// The id of each of the `count` rows of `columns`, adding keys not seen before.
    package func ids(adding columns: [Column], count: Int) -> [Int] {
        table.findOrInsert(columns, count: count)
    }

    /// The distinct keys, one column per key, in id order.
    package func keys() -> [Column] { table.keys() }

    /// The id of each of the `count` rows of `columns`; -1 for a key not seen before.
    package func ids(of columns: [Column], count: Int) -> [Int] {
        table.find(columns, count: count)
    }
}

/// The MEDIAN of DOUBLE values exactly as the aggregate computes it (NaN greatest; an even
/// count gives the mean of the two middle values; no value gives nil). Reorders `values`.
package func medianOfDoubles(_ values: UnsafeMutableBufferPointer<Double>) -> Double? {
    MedianDoubleAccumulator.median(values)
}

/// The order MEDIAN ranks DOUBLE values by: a total order, NaN greatest, -0.0 before 0.0.
@inlinable
package func medianLess(_ a: Double, _ b: Double) -> Bool {
    if a < b { return true }
    if b.isNaN { return !a.isNaN }
    return a == 0 && b == 0 && a.sign == .minus && b.sign == .plus
}
