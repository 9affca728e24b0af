import Columnar

/// Field access on STRUCT columns (`car.make`): one loop over the boxed struct values
/// that appends the field with the typed append its type calls for, instead of boxing
/// each row through `Column.value(at:)` and the generic `ColumnBuilder.append(_:)`.
extension ExpressionEvaluator {
    /// Field `index` of every row of `column`: NULL where the struct is NULL or lacks it.
    static func field(_ index: Int, of column: Column, type: DataType, count n: Int) -> Column {
        var b = ColumnBuilder(type: type, capacity: n)
        guard case let .value(values) = column.storage, values.count >= n else {
            for i in 0..<n {
                if case let .struct(fields) = column.value(at: i), index < fields.count { b.append(fields[index]) } else { b.appendNull() }
            }
            return b.finish()
        }
        let physical = type.physical
        let validity = column.validity
        values.withUnsafeBufferPointer { rows in
            for i in 0..<n {
                guard validity?[i] ?? true, case let .struct(fields) = rows[i], index < fields.count else {
                    b.appendNull()
                    continue
                }
                switch (physical, fields[index]) {
                case let (.string, .string(s)): b.append(string: s)
                case let (.int, .int(v)): b.append(int: v)
                case let (.double, .double(v)): b.append(double: v)
                default: b.append(fields[index])
                }
            }
        }
        return b.finish()
    }
}
