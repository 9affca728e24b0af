import Testing
import Diagnostics
@testable import Columnar

@Suite struct CastTests {
    func column(_ type: DataType, _ values: [Value]) -> Column {
        var b = ColumnBuilder(type: type)
        for v in values { b.append(v) }
        return b.finish()
    }

    func runtimeMessage(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as SQLError {
            return error.kind == .runtime ? error.message : "kind \(error.kind)"
        } catch { return "unexpected \(error)" }
    }

    @Test func integerNarrowingIsRangeChecked() throws {
        let c = column(.int64, [.int(1), .int(300), .null])
        #expect(runtimeMessage { _ = try c.cast(to: .int8) } == "value 300 out of range for TINYINT")
        let t = try c.cast(to: .int8, isTry: true)
        #expect(t.values == [.int(1), .null, .null])
        #expect(try c.cast(to: .int16).values == [.int(1), .int(300), .null])
    }

    @Test(arguments: [(2.5, 3), (-2.5, -3), (2.4, 2), (-0.4, 0)] as [(Double, Int64)])
    func doubleToIntegerRoundsHalfAway(input: Double, expected: Int64) throws {
        #expect(try Value.double(input).cast(to: .int32) == .int(expected))
    }

    @Test func doubleToIntegerFailures() throws {
        #expect(runtimeMessage { _ = try Value.double(.nan).cast(to: .int64) } != nil)
        #expect(runtimeMessage { _ = try Value.double(1e20).cast(to: .int64) } != nil)
        #expect(try Value.double(.infinity).cast(to: .int64, isTry: true) == .null)
    }

    @Test func decimals() throws {
        #expect(try Value.int(12).cast(to: .decimal(precision: 5, scale: 2)) == .decimal(1200, scale: 2))
        #expect(try Value.decimal(12345, scale: 3).cast(to: .decimal(precision: 5, scale: 2)) == .decimal(1235, scale: 2))
        #expect(try Value.decimal(-12345, scale: 3).cast(to: .int32) == .int(-12))
        #expect(try Value.decimal(-12500, scale: 3).cast(to: .int32) == .int(-13))
        #expect(try Value.double(1.005).cast(to: .decimal(precision: 10, scale: 2)) == .decimal(101, scale: 2))
        #expect(runtimeMessage { _ = try Value.int(12345).cast(to: .decimal(precision: 4, scale: 2)) } == "value 12345 out of range for DECIMAL(4,2)")
        #expect(try Value.decimal(150, scale: 2).cast(to: .float64) == .double(1.5))
    }

    @Test func toStringUsesRenderedText() throws {
        #expect(try Value.double(1.5).cast(to: .string) == .string("1.5"))
        #expect(try Value.double(3).cast(to: .string) == .string("3"))
        #expect(try Value.decimal(100, scale: 2).cast(to: .string) == .string("1.00"))
        #expect(try Value.int(-42).cast(to: .string) == .string("-42"))
        #expect(try Value.bool(true).cast(to: .string) == .string("true"))
        #expect(try Value.date(19723).cast(to: .string) == .string("2024-01-01"))
        #expect(try Value.timestamp(1_500_000).cast(to: .string) == .string("1970-01-01 00:00:01.5"))
        #expect(try Value.array([.int(1), .string("a")]).cast(to: .string) == .string("[1, 'a']"))
        #expect(try Value.interval(Interval(days: 2)).cast(to: .string) == .string("2 days"))
    }

    @Test func stringToNumbers() throws {
        #expect(try Value.string(" 12 ").cast(to: .int32) == .int(12))
        #expect(try Value.string("-7").cast(to: .int8) == .int(-7))
        #expect(try Value.string("1.5").cast(to: .float64) == .double(1.5))
        #expect(try Value.string("1.25").cast(to: .decimal(precision: 5, scale: 1)) == .decimal(13, scale: 1))
        #expect(runtimeMessage { _ = try Value.string("abc").cast(to: .int32) } == "invalid input for INTEGER: \"abc\"")
        #expect(runtimeMessage { _ = try Value.string("99999999999999999999").cast(to: .int64) } != nil)
        #expect(try Value.string("abc").cast(to: .float64, isTry: true) == .null)
    }

    @Test(arguments: ["true", "T", "yes", "ON", "1"])
    func stringToTrue(text: String) throws {
        #expect(try Value.string(text).cast(to: .boolean) == .bool(true))
    }

    @Test(arguments: ["false", "f", "No", "off", "0"])
    func stringToFalse(text: String) throws {
        #expect(try Value.string(text).cast(to: .boolean) == .bool(false))
    }

    @Test func booleansAndIntegers() throws {
        #expect(try Value.bool(true).cast(to: .int32) == .int(1))
        #expect(try Value.int(0).cast(to: .boolean) == .bool(false))
        #expect(try Value.int(5).cast(to: .boolean) == .bool(true))
    }

    @Test func datesAndTimestamps() throws {
        #expect(try Value.string("2024-02-29").cast(to: .date) == .date(19782))
        #expect(try Value.string("2024-01-01 10:00:00").cast(to: .date) == .date(19723))
        #expect(try Value.date(1).cast(to: .timestamp) == .timestamp(86_400_000_000))
        #expect(try Value.timestamp(-1).cast(to: .date) == .date(-1))
        #expect(try Value.string("2024-01-02T03:04:05Z").cast(to: .timestamp).rendered() == "2024-01-02 03:04:05")
        #expect(runtimeMessage { _ = try Value.string("2023-02-29").cast(to: .date) } != nil)
    }

    @Test func unsupportedPairsAreTypeErrors() {
        do {
            _ = try Value.date(1).cast(to: .boolean, isTry: true)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .type)
            #expect(error.message == "cannot cast DATE to BOOLEAN")
        }
    }

    @Test func nullTypeCastsToAnything() throws {
        let c = column(.null, [.null, .null])
        let r = try c.cast(to: .int32)
        #expect(r.type == .int32 && r.nullCount == 2)
    }

    @Test func nestedCasts() throws {
        let c = column(.array(.int64), [.array([.int(1), .null]), .null])
        let r = try c.cast(to: .array(.string))
        #expect(r.values == [.array([.string("1"), .null]), .null])
    }

    @Test(arguments: [
        ("1 day", Interval(days: 1)),
        ("2 hours 30 minutes", Interval(micros: 9_000_000_000)),
        ("1 year 2 months", Interval(months: 14)),
        ("-3 days", Interval(days: -3)),
        ("10:30:00", Interval(micros: 37_800_000_000)),
        ("1 day 02:00:00", Interval(days: 1, micros: 7_200_000_000)),
        ("1.5 days", Interval(days: 1, micros: 43_200_000_000)),
        ("P1DT2H", Interval(days: 1, micros: 7_200_000_000)),
        ("P1Y2M", Interval(months: 14)),
        ("3 days ago", Interval(days: -3)),
    ])
    func intervalParsing(text: String, expected: Interval) {
        #expect(Interval.parse(text, unit: nil) == expected)
    }

    @Test func intervalWithSeparateUnitAndErrors() throws {
        #expect(Interval.parse("3", unit: "HOUR") == Interval(micros: 10_800_000_000))
        #expect(Interval.parse("3 fortnights", unit: nil) == nil)
        #expect(Interval.parse("", unit: nil) == nil)
        #expect(try Value.string("1 week").cast(to: .interval) == .interval(Interval(days: 7)))
    }

    @Test func wholeColumnsWithTry() throws {
        let c = column(.string, [.string("1"), .string("  2 "), .null, .string("x"), .string("1.5")])
        #expect(try c.cast(to: .int64, isTry: true).values == [.int(1), .int(2), .null, .null, .int(2)])
        let d = column(.string, [.string("2024-01-01 "), .string("2024-01-01T12:00:00Z"), .string("nope")])
        #expect(try d.cast(to: .date, isTry: true).values == [.date(19723), .date(19723), .null])
        let back = try column(.int64, [.int(-120), .int(0), .null, .int(Int64.min)]).cast(to: .string)
        #expect(back.values == [.string("-120"), .string("0"), .null, .string("-9223372036854775808")])
    }

    @Test(arguments: [
        Interval(months: 14, days: 3, micros: 14_706_500_000), Interval(days: -1, micros: -7_200_000_000),
        Interval(months: -1), Interval(), Interval(micros: 1),
    ])
    func intervalTextRoundTrips(value: Interval) throws {
        let text = try Value.interval(value).cast(to: .string)
        #expect(try text.cast(to: .interval) == .interval(value))
    }

    @Test func floatWidthsAndDecimalToDecimal() throws {
        #expect(try Value.double(0.1).cast(to: .float32) == .double(Double(Float(0.1))))
        #expect(try Value.int(16_777_217).cast(to: .float32) == .double(16_777_216))
        #expect(try Value.decimal(-995, scale: 3).cast(to: .decimal(precision: 3, scale: 2)) == .decimal(-100, scale: 2))
        #expect(runtimeMessage { _ = try Value.decimal(99999, scale: 2).cast(to: .decimal(precision: 4, scale: 2)) } == "value 999.99 out of range for DECIMAL(4,2)")
        #expect(try Value.string("1e-7").cast(to: .decimal(precision: 10, scale: 8)) == .decimal(10, scale: 8))
    }
}
