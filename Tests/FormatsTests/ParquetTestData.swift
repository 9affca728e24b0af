import Columnar
@testable import Formats

/// Shared schema and rows for the Parquet tests: every supported type, NULLs, empty
/// strings, unicode, nested structs, arrays of structs, arrays with NULL elements and
/// empty arrays.
enum ParquetTestData {
    static let point = DataType.struct([StructField(name: "x", type: .int32), StructField(name: "label", type: .string)])

    static let schema = Schema([
        Field(name: "id", type: .int64, nullable: false),
        Field(name: "flag", type: .boolean),
        Field(name: "tiny", type: .int8),
        Field(name: "small", type: .int16),
        Field(name: "num", type: .int32),
        Field(name: "real", type: .float32),
        Field(name: "dbl", type: .float64),
        Field(name: "dec9", type: .decimal(precision: 9, scale: 2)),
        Field(name: "dec18", type: .decimal(precision: 18, scale: 4)),
        Field(name: "dec38", type: .decimal(precision: 38, scale: 6)),
        Field(name: "name", type: .string),
        Field(name: "day", type: .date),
        Field(name: "ts", type: .timestamp),
        Field(name: "span", type: .interval),
        Field(name: "car", type: .struct([StructField(name: "make", type: .string), StructField(name: "year", type: .int32),
                                           StructField(name: "spot", type: point)])),
        Field(name: "tags", type: .array(.string)),
        Field(name: "points", type: .array(point)),
        Field(name: "matrix", type: .array(.array(.int64))),
    ])

    /// Row `i` of the test data.
    static func row(_ i: Int) -> [Value] {
        let n = Int64(i)
        let nullEvery = { (k: Int) -> Bool in i % k == k - 1 }
        return [
            .int(n),
            nullEvery(5) ? .null : .bool(i % 2 == 0),
            nullEvery(7) ? .null : .int(Int64(i % 256 - 128)),
            .int(Int64(i * 37 % 65536 - 32768)),
            nullEvery(3) ? .null : .int(n * 1_000_003 - 7),
            .double(Double(Float(Double(i) * 0.25))),
            nullEvery(4) ? .null : .double(Double(i) / 3.0 - 10),
            .decimal(Int128(i * 101 - 5000), scale: 2),
            .decimal(Int128(n * 123_456_789 - 3), scale: 4),
            nullEvery(6) ? .null : .decimal(Int128(n) * 1_000_000_000_000_000_007 - 1, scale: 6),
            nullEvery(8) ? .null : .string(i % 3 == 0 ? "" : (i % 3 == 1 ? "naïve ☃ \(i)" : "row-\(i % 10)")),
            .date(Int64(19_000 + i % 400 - 200)),
            nullEvery(9) ? .null : .timestamp(1_700_000_000_000_000 + n * 1_234_567_000),
            .interval(Interval(months: Int32(i % 13), days: Int32(i % 31) - 15, micros: Int64(i) * 1_001_000)),
            nullEvery(10) ? .null : .struct([i % 4 == 0 ? .null : .string("make\(i % 5)"), .int(Int64(2000 + i % 25)),
                                             i % 3 == 0 ? .null : .struct([.int(n), .string("p\(i)")])]),
            i % 11 == 10 ? .null : .array((0..<(i % 4)).map { k in k == 1 ? .null : .string("t\(k)") }),
            i % 6 == 5 ? .null : .array((0..<(i % 3)).map { k in k == 1 ? .null : .struct([.int(Int64(k)), k == 2 ? .null : .string("q\(i)")]) }),
            .array((0..<(i % 3)).map { k in k == 0 ? .array([]) : .array([.int(n), .null, .int(-n)]) }),
        ]
    }

    /// A batch of rows `range`.
    static func batch(_ range: Range<Int>, schema: Schema = schema) -> Batch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: range.count) }
        for i in range {
            let r = row(i)
            for k in builders.indices { builders[k].append(r[k]) }
        }
        return Batch(columns: builders.map { $0.finish() }, count: range.count)
    }

    /// Every row of every batch.
    static func rows(_ batches: [Batch]) -> [[Value]] {
        batches.flatMap { b in (0..<b.count).map { b.row($0) } }
    }
}
