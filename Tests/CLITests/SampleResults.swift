@testable import lakesql
import Columnar
import Engine

/// Result sets built directly with `ColumnBuilder` for the printer tests.
enum SampleResults {
    /// Builds a column of `type` from boxed values.
    static func column(_ type: DataType, _ values: [Value]) -> Column {
        var b = ColumnBuilder(type: type)
        for v in values { b.append(v) }
        return b.finish()
    }

    /// A result of one batch.
    static func result(_ fields: [(String, DataType)], _ columns: [[Value]]) -> ResultSet {
        let schema = Schema(fields.map { Field(name: $0.0, type: $0.1) })
        let cols = zip(fields, columns).map { column($0.0.1, $0.1) }
        return ResultSet(schema: schema, batches: [Batch(columns: cols)])
    }

    /// Integers, awkward strings and NULLs.
    static var mixed: ResultSet {
        result([("id", .int32), ("name", .string)], [
            [.int(1), .int(-20), .null],
            [.string("a,b"), .string("say \"hi\""), .string("two\nlines")],
        ])
    }

    /// Decimals, dates, timestamps, booleans and doubles.
    static var typed: ResultSet {
        result([("price", .decimal(precision: 10, scale: 2)), ("day", .date), ("at", .timestamp),
                ("ok", .boolean), ("x", .float64)], [
            [.decimal(12345, scale: 2), .decimal(-5, scale: 2)],
            [.date(19724), .null],
            [.timestamp(1_704_164_645_123_000), .timestamp(0)],
            [.bool(true), .bool(false)],
            [.double(0.5), .double(.nan)],
        ])
    }

    /// A STRUCT and an ARRAY column.
    static var nested: ResultSet {
        let point = DataType.struct([StructField(name: "x", type: .int64), StructField(name: "tag", type: .string)])
        return result([("p", point), ("xs", .array(.int64))], [
            [.struct([.int(1), .string("it's")]), .null],
            [.array([.int(1), .null, .int(3)]), .array([])],
        ])
    }

    /// Unicode text: accents, CJK (double width) and an emoji.
    static var unicode: ResultSet {
        result([("word", .string), ("n", .int64)], [
            [.string("café"), .string("日本語"), .string("🙂")],
            [.int(1), .int(22), .int(333)],
        ])
    }

    /// The result of printing `result` with `format`.
    static func printed(_ result: ResultSet, _ format: OutputFormat, _ configure: (inout PrintOptions) -> Void = { _ in }) -> String {
        var options = PrintOptions()
        options.nullText = format.defaultNullText
        configure(&options)
        let sink = OutputSink()
        try? format.printer(options: options).print(result, to: sink)
        return sink.text
    }
}
