import Columnar
import Diagnostics
import Testing
@testable import Formats

@Suite struct ParquetRoundTripTests {
    struct Config: CustomTestStringConvertible, Sendable {
        var codec: ParquetWriterOptions.Codec
        var dictionary: Bool
        var version: ParquetWriterOptions.PageVersion
        var rowGroupSize: Int
        var testDescription: String { "\(codec) dict=\(dictionary) \(version) rg=\(rowGroupSize)" }
    }

    static let configs: [Config] = [
        Config(codec: .uncompressed, dictionary: false, version: .v1, rowGroupSize: 1000),
        Config(codec: .snappy, dictionary: true, version: .v1, rowGroupSize: 70),
        Config(codec: .snappy, dictionary: false, version: .v2, rowGroupSize: 1000),
        Config(codec: .gzip, dictionary: true, version: .v2, rowGroupSize: 33),
        Config(codec: .uncompressed, dictionary: true, version: .v1, rowGroupSize: 1),
    ]

    @Test(arguments: configs)
    func everyTypeRoundTrips(_ config: Config) throws {
        var options = ParquetWriterOptions(codec: config.codec, rowGroupSize: config.rowGroupSize, dictionary: config.dictionary, pageVersion: config.version)
        options.pageRowCount = 17
        var writer = try ParquetWriter(schema: ParquetTestData.schema, options: options)
        try writer.write(ParquetTestData.batch(0..<60))
        try writer.write(ParquetTestData.batch(60..<61))
        try writer.write(ParquetTestData.batch(61..<200))
        let bytes = try writer.finish()
        let reader = try ParquetReader(bytes: bytes)
        #expect(reader.schema == ParquetTestData.schema)
        #expect(reader.rowCount == 200)
        #expect(reader.rowGroupCount == (200 + config.rowGroupSize - 1) / config.rowGroupSize)
        #expect(reader.createdBy == "lakesql version 0.1.0")
        let got = ParquetTestData.rows(try reader.readAll())
        let want = (0..<200).map { expectedRow($0) }
        #expect(got.count == want.count)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("row \(i): got \(g), want \(w)")
            break
        }
    }

    /// The row as it reads back: intervals keep whole milliseconds only.
    func expectedRow(_ i: Int) -> [Value] {
        var r = ParquetTestData.row(i)
        if case let .interval(v) = r[13] { r[13] = .interval(Interval(months: v.months, days: v.days, micros: v.micros / 1000 * 1000)) }
        return r
    }

    @Test func projectionReadsChosenColumnsInOrder() throws {
        var writer = try ParquetWriter(schema: ParquetTestData.schema)
        try writer.write(ParquetTestData.batch(0..<50))
        let reader = try ParquetReader(bytes: try writer.finish())
        let batch = try reader.read(rowGroup: 0, columns: [10, 0, 16])
        #expect(batch.columns.count == 3)
        #expect(batch.count == 50)
        for i in 0..<50 {
            let r = ParquetTestData.row(i)
            #expect(batch.row(i) == [r[10], r[0], r[16]])
        }
    }

    @Test func statisticsPerRowGroup() throws {
        var writer = try ParquetWriter(schema: ParquetTestData.schema, options: ParquetWriterOptions(rowGroupSize: 100))
        try writer.write(ParquetTestData.batch(0..<200))
        let reader = try ParquetReader(bytes: try writer.finish())
        let id = try #require(reader.statistics(rowGroup: 1, column: 0))
        #expect(id.min == .int(100))
        #expect(id.max == .int(199))
        #expect(id.nullCount == 0)
        let num = try #require(reader.statistics(rowGroup: 0, column: 4))
        #expect(num.min == .int(-7))
        #expect(num.max == .int(99 * 1_000_003 - 7))
        #expect(num.nullCount == 33)
        let dec = try #require(reader.statistics(rowGroup: 0, column: 9))
        #expect(dec.min == .decimal(-1, scale: 6))
        let name = try #require(reader.statistics(rowGroup: 0, column: 10))
        #expect(name.min == .string(""))
        #expect(name.max == .string("row-9"))
        let day = try #require(reader.statistics(rowGroup: 0, column: 11))
        #expect(day.min == .date(18_800))
        let ts = try #require(reader.statistics(rowGroup: 0, column: 12))
        #expect(ts.min == .timestamp(1_700_000_000_000_000))
        #expect(reader.statistics(rowGroup: 0, column: 13)?.min == nil)
        #expect(reader.statistics(rowGroup: 0, column: 14) == nil)
    }

    @Test func emptyFileHasSchemaAndNoRows() throws {
        var writer = try ParquetWriter(schema: ParquetTestData.schema)
        let reader = try ParquetReader(bytes: try writer.finish())
        #expect(reader.schema == ParquetTestData.schema)
        #expect(reader.rowGroupCount == 0)
        #expect(reader.rowCount == 0)
    }

    @Test func nullInNotNullColumnIsAnError() throws {
        var writer = try ParquetWriter(schema: Schema([Field(name: "a", type: .int64, nullable: false)]))
        var b = ColumnBuilder(type: .int64)
        b.appendNull()
        #expect(throws: SQLError.self) { try writer.write(Batch(columns: [b.finish()])); _ = try writer.finish() }
    }

    @Test func manyDistinctStringsFallBackToPlain() throws {
        let schema = Schema([Field(name: "s", type: .string)])
        var options = ParquetWriterOptions()
        options.dictionarySizeLimit = 1000
        var writer = try ParquetWriter(schema: schema, options: options)
        let values = (0..<5000).map { "value number \($0) " + String(repeating: "x", count: $0 % 50) }
        try writer.write(Batch(columns: [Column(type: .string, storage: .string(StringStorage(values)))]))
        let reader = try ParquetReader(bytes: try writer.finish())
        let got = ParquetTestData.rows(try reader.readAll()).map { $0[0] }
        #expect(got == values.map { .string($0) })
    }

    @Test func fileWriteAndOpen() throws {
        let path = "/tmp/lakesql-parquet-test-\(UInt64.random(in: 0...UInt64.max)).parquet"
        var writer = try ParquetWriter(schema: ParquetTestData.schema)
        try writer.write(ParquetTestData.batch(0..<10))
        try writer.write(to: path)
        let reader = try ParquetReader(path: path)
        #expect(reader.rowCount == 10)
        #expect(ParquetTestData.rows(try reader.readAll())[3] == expectedRow(3))
        #expect(throws: SQLError.self) { _ = try ParquetReader(path: path + ".missing") }
    }
}
