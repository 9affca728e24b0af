import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct DateTimeFunctionTests {
    typealias H = FunctionHarness

    static func ts(_ text: String) -> Value { .timestamp(DateTime.parseTimestamp(text) ?? 0) }
    static func date(_ text: String) -> Value { .date(DateTime.parseDate(text) ?? 0) }

    @Test(arguments: [
        ("year", 2024.0), ("quarter", 1), ("month", 2), ("day", 29), ("hour", 13), ("minute", 45),
        ("second", 30.5), ("millisecond", 30500), ("dow", 4), ("isodow", 4), ("doy", 60), ("week", 9),
        ("epoch", 1_709_214_330.5), ("dayofweek", 4), ("century", 21),
    ])
    func datePartOfTimestamp(field: String, expected: Double) throws {
        #expect(try H.value("date_part", .string(field), Self.ts("2024-02-29 13:45:30.5")) == .double(expected))
    }

    @Test func datePartOfDateAndInterval() throws {
        #expect(try H.value("date_part", .string("year"), Self.date("2023-12-31")) == .double(2023))
        #expect(try H.value("extract", .string("week"), Self.date("2021-01-03")) == .double(53))
        let iv = Value.interval(Interval(months: 14, days: 3, micros: 3_723_500_000))
        #expect(try H.value("date_part", .string("year"), iv) == .double(1))
        #expect(try H.value("date_part", .string("month"), iv) == .double(2))
        #expect(try H.value("date_part", .string("hour"), iv) == .double(1))
        #expect(try H.value("date_part", .string("second"), iv) == .double(3.5))
        #expect(try H.value("date_part", .string("epoch"), Value.interval(Interval(months: 12))) == .double(365.25 * 86_400))
        #expect(H.error { _ = try H.value("date_part", .string("fortnight"), Self.date("2023-12-31")) }?.kind == .runtime)
    }

    @Test func oneArgumentFields() throws {
        let t = Self.ts("2024-02-29 13:45:30")
        #expect(try H.value("year", t) == .int(2024))
        #expect(try H.value("month", Self.date("2024-07-01")) == .int(7))
        #expect(try H.value("day", t) == .int(29))
        #expect(try H.value("hour", t) == .int(13))
        #expect(try H.value("minute", t) == .int(45))
        #expect(try H.value("second", t) == .int(30))
        #expect(try H.value("quarter", t) == .int(1))
        #expect(try H.value("dayofweek", Self.date("2024-03-03")) == .int(0))
        #expect(try H.value("dayofyear", Self.date("2024-12-31")) == .int(366))
        #expect(try H.value("week", Self.date("2024-12-30")) == .int(1))
        #expect(H.error { _ = try H.returnType("year", [.string]) }?.message == "function year(VARCHAR) does not exist")
    }

    @Test(arguments: [
        ("year", "2024-01-01 00:00:00"), ("quarter", "2024-07-01 00:00:00"), ("month", "2024-08-01 00:00:00"),
        ("week", "2024-08-12 00:00:00"), ("day", "2024-08-15 00:00:00"), ("hour", "2024-08-15 13:00:00"),
        ("minute", "2024-08-15 13:45:00"), ("second", "2024-08-15 13:45:30"),
    ])
    func dateTrunc(unit: String, expected: String) throws {
        #expect(try H.value("date_trunc", .string(unit), Self.ts("2024-08-15 13:45:30.25")).rendered() == expected)
    }

    @Test func dateTruncOnDate() throws {
        #expect(try H.value("date_trunc", .string("month"), Self.date("2024-02-29")).rendered() == "2024-02-01 00:00:00")
    }

    @Test func currentTime() throws {
        #expect(try H.call("current_date", [], count: 1).value(at: 0).rendered() == "2024-01-01")
        #expect(try H.call("now", [], count: 2).values.map { $0.rendered() } == ["2024-01-01 01:02:03", "2024-01-01 01:02:03"])
        #expect(try H.call("current_timestamp", [], count: 1).value(at: 0).rendered() == "2024-01-01 01:02:03")
    }

    @Test func differences() throws {
        #expect(try H.value("datediff", Self.date("2024-03-01"), Self.date("2024-02-01")) == .int(29))
        #expect(try H.value("datediff", Self.ts("2024-03-01 23:00:00"), Self.date("2024-02-28")) == .int(2))
        let a = Self.ts("2023-12-31 23:59:59"), b = Self.ts("2024-01-01 00:00:01")
        #expect(try H.value("date_diff", .string("year"), a, b) == .int(1))
        #expect(try H.value("date_diff", .string("month"), a, b) == .int(1))
        #expect(try H.value("date_diff", .string("day"), a, b) == .int(1))
        #expect(try H.value("date_diff", .string("hour"), a, b) == .int(1))
        #expect(try H.value("date_diff", .string("second"), a, b) == .int(2))
        #expect(try H.value("date_diff", .string("minute"), b, a) == .int(-1))
        #expect(try H.value("date_diff", .string("week"), Self.date("2024-01-07"), Self.date("2024-01-08")) == .int(1))
        #expect(try H.value("datediff", .string("day"), Self.date("2024-01-01"), Self.date("2024-01-31")) == .int(30))
    }

    @Test func dateAddAndSub() throws {
        #expect(try H.value("date_add", Self.date("2024-02-28"), .int(2)).rendered() == "2024-03-01")
        #expect(try H.value("date_sub", Self.date("2024-03-01"), .int(1)).rendered() == "2024-02-29")
        #expect(try H.value("date_add", Self.date("2024-01-31"), Value.interval(Interval(months: 1))).rendered() == "2024-02-29 00:00:00")
        #expect(try H.value("date_sub", Self.ts("2024-03-31 10:00:00"), Value.interval(Interval(months: 1))).rendered() == "2024-02-29 10:00:00")
    }

    @Test func parsing() throws {
        #expect(try H.value("to_date", .string("2024-02-29")).rendered() == "2024-02-29")
        #expect(try H.value("to_date", .string("29/02/2024"), .string("%d/%m/%Y")).rendered() == "2024-02-29")
        #expect(try H.value("to_timestamp", .string("2024-02-29 13:45:30")).rendered() == "2024-02-29 13:45:30")
        #expect(try H.value("to_timestamp", .string("02/29/24 01:45 PM"), .string("%m/%d/%y %I:%M %p")).rendered() == "2024-02-29 13:45:00")
        #expect(try H.value("to_timestamp", .string("Feb 29 2024 13:45:30.123"), .string("%b %d %Y %H:%M:%S.%f")).rendered() == "2024-02-29 13:45:30.123")
        #expect(try H.value("to_timestamp", .double(1.5)).rendered() == "1970-01-01 00:00:01.5")
        #expect(try H.value("to_timestamp", .int(86_400)).rendered() == "1970-01-02 00:00:00")
        #expect(H.error { _ = try H.value("to_date", .string("2023-02-29")) }?.kind == .runtime)
        #expect(H.error { _ = try H.value("to_date", .string("2024-01-01"), .string("%d/%m/%Y")) }?.kind == .runtime)
    }

    @Test func constructionAndFormatting() throws {
        #expect(try H.value("make_date", .int(2024), .int(2), .int(29)).rendered() == "2024-02-29")
        #expect(H.error { _ = try H.value("make_date", .int(2023), .int(2), .int(29)) }?.kind == .runtime)
        #expect(try H.value("last_day", Self.date("2023-02-10")).rendered() == "2023-02-28")
        #expect(try H.value("epoch", Self.ts("1970-01-01 00:01:00.5")) == .double(60.5))
        let t = Self.ts("2024-02-29 13:05:09.25")
        #expect(try H.value("strftime", t, .string("%Y-%m-%d %H:%M:%S")) == .string("2024-02-29 13:05:09"))
        #expect(try H.value("strftime", t, .string("%a %d %b %Y, %I %p, day %j, %f")) == .string("Thu 29 Feb 2024, 01 PM, day 060, 250000"))
        #expect(try H.value("strftime", Self.date("2024-01-01"), .string("%A %B %e %%")) == .string("Monday January  1 %"))
        #expect(H.error { _ = try H.value("strftime", t, .string("%Q")) }?.kind == .runtime)
    }

    @Test func nullsPropagate() throws {
        let r = try H.call("year", [(.date, [.null, Self.date("2020-05-05")])])
        #expect(r.values == [.null, .int(2020)])
        let t = try H.call("date_trunc", [(.string, [.string("day"), .null]), (.timestamp, [.null, Self.ts("2020-05-05 10:00:00")])])
        #expect(t.values == [.null, .null])
    }
}
