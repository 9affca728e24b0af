import Columnar
import Diagnostics
import Foundation
import Testing
@testable import Formats

/// Files written by DuckDB and pyarrow (Tests/FormatsTests/interop/make_fixtures.py)
/// read with exactly the values that script wrote.
@Suite struct ParquetFixtureTests {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/parquet/\(name)").path
    }

    static func ts(_ y: Int64, _ mo: Int64, _ d: Int64, _ h: Int64, _ mi: Int64, _ s: Int64, _ us: Int64) -> Value {
        .timestamp(DateTime.daysFromCivil(year: y, month: mo, day: d) * Interval.microsPerDay + ((h * 60 + mi) * 60 + s) * 1_000_000 + us)
    }

    static func date(_ y: Int64, _ m: Int64, _ d: Int64) -> Value { .date(DateTime.daysFromCivil(year: y, month: m, day: d)) }

    static func car(_ make: String?, _ year: Int64?) -> Value { .struct([make.map { .string($0) } ?? .null, year.map { .int($0) } ?? .null]) }
    static func point(_ x: Int64, _ label: String?) -> Value { .struct([.int(x), label.map { .string($0) } ?? .null]) }

    /// The five rows of make_fixtures.py; column 13 (INTERVAL) exists only in DuckDB's file.
    static let expected: [[Value]] = [
        [.int(1), .bool(true), .int(-128), .int(-32768), .int(-2_147_483_648), .double(1.5), .double(3.141592653589793),
         .decimal(123_456_789, scale: 2), .decimal(123_456_789_012_345_678, scale: 4),
         .decimal(12_345_678_901_234_567_890_123_456_789_012_123_456, scale: 6), .string("hello"), date(2024, 1, 2),
         ts(2024, 1, 2, 3, 4, 5, 123_456), .interval(Interval(months: 1, days: 2, micros: 3_004_000)), car("VW", 2019),
         .array([.string("a"), .string("b")]), .array([point(1, "p")]), .array([.array([.int(1), .int(2)]), .array([.int(3)])])],
        [.int(2), .bool(false), .int(0), .int(1), .int(0), .null, .null, .decimal(-1, scale: 2), .null, .decimal(-1_000_001, scale: 6),
         .string(""), date(1970, 1, 1), ts(1970, 1, 1, 0, 0, 0, 0), .null, .null, .array([]), .null, .array([.array([])])],
        [.int(3), .null, .null, .int(2), .null, .double(-0.25), .double(-1e300), .null, .decimal(-10_000, scale: 4), .null, .null,
         .null, .null, .interval(Interval(days: 5)), car(nil, 2001), .null, .array([]), .null],
        [.int(4), .bool(true), .int(127), .null, .int(2_147_483_647), .double(3.0), .double(0.1), .decimal(0, scale: 2), .decimal(0, scale: 4),
         .decimal(0, scale: 6), .string("naïve ☃ 😀"), date(1969, 12, 31), ts(1969, 12, 31, 23, 59, 59, 999_999), .interval(Interval()),
         car("Fiat", nil), .array([.string("x"), .null, .string("z")]), .array([point(2, nil), .null]), .array([.array([.null, .int(4)])])],
        [.int(5), .bool(false), .int(5), .int(32767), .int(42), .double(0.0), .double(2.5), .decimal(4250, scale: 2),
         .decimal(999_999, scale: 4), .decimal(7_000_000, scale: 6), .string("repeat"), date(2000, 2, 29), ts(2000, 2, 29, 12, 0, 0, 0),
         .interval(Interval(months: 14)), car("Kia", 2024), .array([.string("solo")]), .array([point(3, "q")]), .array([])],
    ]

    static let expectedTypes: [DataType] = [
        .int64, .boolean, .int8, .int16, .int32, .float32, .float64, .decimal(precision: 9, scale: 2), .decimal(precision: 18, scale: 4),
        .decimal(precision: 38, scale: 6), .string, .date, .timestamp, .interval,
        .struct([StructField(name: "make", type: .string), StructField(name: "year", type: .int32)]),
        .array(.string), .array(.struct([StructField(name: "x", type: .int32), StructField(name: "label", type: .string)])),
        .array(.array(.int64)),
    ]

    @Test(arguments: ["duckdb.parquet", "pyarrow.parquet"])
    func readsEveryTypeWithExactValues(_ file: String) throws {
        let reader = try ParquetReader(path: ParquetFixtureTests.path(file))
        let hasInterval = file.hasPrefix("duckdb")
        var types = ParquetFixtureTests.expectedTypes
        var rows = ParquetFixtureTests.expected
        if !hasInterval {
            types.remove(at: 13)
            rows = rows.map { var r = $0; r.remove(at: 13); return r }
        }
        #expect(reader.schema.types == types)
        #expect(reader.schema.names.first == "id")
        let got = ParquetTestData.rows(try reader.readAll())
        #expect(got.count == 5)
        for (g, w) in zip(got, rows) { #expect(g == w) }
        let idStats = try #require(reader.statistics(rowGroup: 0, column: 0))
        #expect(idStats.min == .int(1))
        #expect(idStats.max == .int(5))
        let nameStats = try #require(reader.statistics(rowGroup: 0, column: 10))
        #expect(nameStats.nullCount == 1)
    }

    @Test(arguments: ["duckdb_dict.parquet", "duckdb_v2.parquet"])
    func readsGeneratedDictionaryAndDeltaPages(_ file: String) throws {
        let reader = try ParquetReader(path: ParquetFixtureTests.path(file))
        #expect(reader.schema.names == ["i", "s", "n", "d", "f", "day"])
        #expect(reader.schema.types == [.int64, .string, .int64, .int32, .float64, .date])
        let got = ParquetTestData.rows(try reader.readAll())
        #expect(got.count == 2000)
        let base = DateTime.daysFromCivil(year: 2024, month: 1, day: 1)
        for i in 0..<2000 {
            let want: [Value] = [.int(Int64(i)), i % 13 == 0 ? .null : .string("k\(i % 7)"), .int(Int64(i * 3)), .int(Int64(i % 10)),
                                 .double(Double(i % 5) / 4), .date(base + Int64(i % 30))]
            if got[i] != want {
                Issue.record("row \(i): got \(got[i]), want \(want)")
                break
            }
        }
        let stats = try #require(reader.statistics(rowGroup: 0, column: 2))
        #expect(stats.min == .int(0))
        #expect(stats.max == .int(5997))
    }
}
