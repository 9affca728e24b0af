import Columnar
import Diagnostics

/// Builds a column by taking, for each row, the value of one of several same-typed columns
/// (COALESCE, IF, GREATEST/LEAST, NULLIF). `choice[i]` is the column index for row `i`,
/// or -1 for NULL.
func pickRows(_ columns: [Column], _ choice: [Int], type: DataType) throws(SQLError) -> Column {
    let n = choice.count
    var mask = Bitmap(count: n, value: true)
    for i in 0..<n where choice[i] < 0 || columns[choice[i]].isNull(i) { mask[i] = false }
    @inline(__always) func take<T>(_ arrays: [[T]], _ filler: T) -> [T] {
        (0..<n).map { choice[$0] < 0 ? filler : arrays[choice[$0]][$0] }
    }
    let storage: ColumnStorage
    switch type.physical {
    case .bool: storage = .bool(take(try columns.map { (c) throws(SQLError) in try c.bools() }, false))
    case .int: storage = .int(take(try columns.map { (c) throws(SQLError) in try c.ints() }, 0))
    case .double: storage = .double(take(try columns.map { (c) throws(SQLError) in try c.doubles() }, 0))
    case .decimal: storage = .decimal(take(try columns.map { (c) throws(SQLError) in try c.decimals() }, 0))
    case .interval: storage = .interval(take(try columns.map { (c) throws(SQLError) in try c.intervals() }, Interval()))
    case .value:
        storage = .value((0..<n).map { choice[$0] < 0 ? Value.null : columns[choice[$0]].value(at: $0) })
    case .string:
        let all = try columns.map { (c) throws(SQLError) in try c.strings() }
        var out = StringStorage()
        out.offsets.reserveCapacity(n + 1)
        for i in 0..<n {
            if choice[i] >= 0 {
                let s = all[choice[i]]
                out.bytes.append(contentsOf: s.bytes[s.offsets[i]..<s.offsets[i + 1]])
            }
            out.offsets.append(out.bytes.count)
        }
        storage = .string(out)
    }
    return Column(type: type, storage: storage, validity: mask)
}
