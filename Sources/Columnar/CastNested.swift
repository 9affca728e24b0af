import Diagnostics

// Casts between nested types: ARRAY<T> to ARRAY<U> casts every element, STRUCT to STRUCT
// with the same number of fields casts field by field (names come from the target).
// Nested values are boxed, so these loops work on `Value`s.

extension Column {
    /// ARRAY/STRUCT values to another ARRAY/STRUCT type.
    func castNested(_ a: [Value], to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        switch (type, target) {
        case (.array, .array): break
        case let (.struct(fs), .struct(ts)) where fs.count == ts.count: break
        default: throw unsupportedCast(type, target)
        }
        var out = [Value](repeating: .null, count: a.count)
        for i in 0..<a.count where !isNull(i) {
            do {
                out[i] = try Column.castNestedValue(a[i], from: type, to: target, isTry: sink.isTry)
            } catch {
                try sink.fail(i, error)
            }
        }
        return .value(out)
    }

    /// One nested value converted.
    static func castNestedValue(_ v: Value, from: DataType, to target: DataType, isTry: Bool) throws(SQLError) -> Value {
        switch (from, target, v) {
        case (_, _, .null): return .null
        case let (.array(e), .array(t), .array(elements)):
            var b = ColumnBuilder(type: e, capacity: elements.count)
            for x in elements { b.append(x) }
            return .array(try b.finish().cast(to: t, isTry: isTry).values)
        case let (.struct(fs), .struct(ts), .struct(values)) where fs.count == ts.count && values.count == fs.count:
            var result: [Value] = []
            for k in 0..<values.count {
                var b = ColumnBuilder(type: fs[k].type, capacity: 1)
                b.append(values[k])
                result.append(try b.finish().cast(to: ts[k].type, isTry: isTry).value(at: 0))
            }
            return .struct(result)
        default:
            throw unsupportedCast(from, target)
        }
    }
}
