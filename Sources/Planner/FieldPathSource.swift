import Columnar
import Diagnostics

/// Takes fields out of STRUCT columns of another source's batches: output column k is
/// the value at `outputs[k].path` (STRUCT field indices) inside input column
/// `outputs[k].column`. A NULL struct, or a path that leaves the STRUCTs, gives NULL.
/// The slow, general way of honouring a scan's field paths (boxed values); providers that
/// read fields themselves do not go through it.
public final class FieldPathSource: BatchSource {
    let source: any BatchSource
    let outputs: [(column: Int, path: [Int])]

    /// Wraps `source`.
    public init(_ source: any BatchSource, outputs: [(column: Int, path: [Int])]) {
        self.source = source
        self.outputs = outputs
    }

    public func next() throws(SQLError) -> Batch? {
        guard let b = try source.next() else { return nil }
        var columns: [Column] = []
        for (c, path) in outputs {
            guard c < b.columns.count else { throw SQLError(.internal, "field path source: column \(c) missing") }
            columns.append(FieldPathSource.extract(b.columns[c], path: path))
        }
        return Batch(columns: columns, count: b.count)
    }

    /// The field at `path` of every row of `column`.
    public static func extract(_ column: Column, path: [Int]) -> Column {
        if path.isEmpty { return column }
        var type = column.type
        for index in path {
            guard case let .struct(fields) = type, index >= 0, index < fields.count else { break }
            type = fields[index].type
        }
        var builder = ColumnBuilder(type: type, capacity: column.count)
        for i in 0..<column.count { builder.append(extract(column.value(at: i), path: path)) }
        return builder.finish()
    }

    /// The field at `path` inside `value` (NULL when any level is not a STRUCT).
    public static func extract(_ value: Value, path: [Int]) -> Value {
        var v = value
        for index in path {
            guard case let .struct(values) = v, index >= 0, index < values.count else { return .null }
            v = values[index]
        }
        return v
    }
}
