import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct OperatorTests {
    typealias H = FunctionHarness

    @Test func integerArithmetic() throws {
        #expect(try H.value("+", .int(2), .int(3)) == .int(5))
        #expect(try H.value("/", .int(7), .int(2)) == .int(3))
        #expect(try H.value("/", .int(-7), .int(2)) == .int(-3))
        #expect(try H.value("%", .int(-7), .int(3)) == .int(-1))
        #expect(try H.value("*", .int(4), .int(5), types: [.int8, .int32]) == .int(20))
        #expect(try H.returnType("+", [.int8, .int32]) == .int32)
    }

    @Test func divisionByZeroIsNull() throws {
        let r = try H.call("/", [(.int64, [.int(1), .int(4), .null]), (.int64, [.int(0), .int(2), .int(1)])])
        #expect(r.values == [.null, .int(2), .null])
        #expect(try H.value("%", .int(5), .int(0)) == .null)
        #expect(try H.value("/", .double(1), .double(0)) == .null)
    }

    @Test func integerOverflowIsAnError() {
        let e = H.error { _ = try H.value("+", .int(Int64.max), .int(1)) }
        #expect(e?.kind == .runtime && e?.message == "integer out of range")
        #expect(H.error { _ = try H.value("*", .int(200), .int(200), types: [.int16, .int16]) } != nil)
        #expect(H.error { _ = try H.value("negate", .int(Int64.min)) } != nil)
        #expect(H.error { _ = try H.value("/", .int(Int64.min), .int(-1)) } != nil)
    }

    @Test func nullRowsDoNotOverflow() throws {
        let r = try H.call("+", [(.int64, [.null, .int(1)]), (.int64, [.int(1), .int(1)])])
        #expect(r.values == [.null, .int(2)])
    }

    @Test func untypedNullsTakeAPartnerType() throws {
        #expect(try H.returnType("+", [.date, .null]) == .date)
        #expect(try H.returnType("+", [.null, .timestamp]) == .timestamp)
        #expect(try H.returnType("-", [.date, .null]) == .int32)
        #expect(try H.returnType("*", [.null, .interval]) == .interval)
        #expect(try H.returnType("+", [.null, .null]) == .int64)
        #expect(try H.value("+", .null, .int(1), types: [.null, .int32]) == .null)
    }

    @Test func doublesAndMixed() throws {
        #expect(try H.value("+", .int(1), .double(0.5)) == .double(1.5))
        #expect(try H.value("%", .double(7.5), .double(2)) == .double(1.5))
        #expect(try H.value("negate", .double(2)) == .double(-2))
    }

    @Test func decimalScales() throws {
        let a = DataType.decimal(precision: 5, scale: 2), b = DataType.decimal(precision: 4, scale: 1)
        #expect(try H.returnType("+", [a, b]) == .decimal(precision: 6, scale: 2))
        #expect(try H.value("+", .decimal(125, scale: 2), .decimal(15, scale: 1), types: [a, b]) == .decimal(275, scale: 2))
        #expect(try H.returnType("*", [a, b]) == .decimal(precision: 9, scale: 3))
        #expect(try H.value("*", .decimal(125, scale: 2), .decimal(15, scale: 1), types: [a, b]) == .decimal(1875, scale: 3))
        #expect(try H.returnType("/", [a, b]) == .float64)
        #expect(try H.value("/", .decimal(300, scale: 2), .decimal(15, scale: 1), types: [a, b]) == .double(2))
        #expect(try H.value("%", .decimal(725, scale: 2), .decimal(20, scale: 1), types: [a, b]) == .decimal(125, scale: 2))
        #expect(try H.value("+", .decimal(150, scale: 2), .int(2), types: [a, .int32]) == .decimal(350, scale: 2))
        let big = DataType.decimal(precision: 38, scale: 0)
        let nines = Decimal128.maxMagnitude(precision: 38)
        #expect(H.error { _ = try H.value("+", .decimal(nines, scale: 0), .decimal(nines, scale: 0), types: [big, big]) }?.kind == .runtime)
    }

    @Test func stringPlusIsTypeErrorWithHint() {
        let e = H.error { _ = try H.returnType("+", [.string, .string]) }
        #expect(e?.kind == .type)
        #expect(e?.notes.first?.contains("||") == true)
    }

    @Test func dateArithmetic() throws {
        let jan31 = Value.date(19753) // 2024-01-31
        #expect(try H.value("+", jan31, .int(1)).rendered() == "2024-02-01")
        #expect(try H.value("+", .int(1), jan31).rendered() == "2024-02-01")
        #expect(try H.value("-", jan31, .int(31)).rendered() == "2023-12-31")
        #expect(try H.value("-", .date(19783), jan31) == .int(30))
        #expect(try H.returnType("-", [.date, .date]) == .int32)
        let oneMonth = Value.interval(Interval(months: 1))
        #expect(try H.value("+", jan31, oneMonth).rendered() == "2024-02-29 00:00:00")
        #expect(try H.value("+", .date(19388), oneMonth).rendered() == "2023-02-28 00:00:00") // 2023-01-31
        #expect(try H.value("-", .date(19783), Value.interval(Interval(months: 12))).rendered() == "2023-03-01 00:00:00")
        let ts = Value.timestamp(1_709_164_800_000_000) // 2024-02-29 00:00:00
        #expect(try H.value("+", ts, Value.interval(Interval(months: 12, days: 1, micros: 3_600_000_000))).rendered() == "2025-03-01 01:00:00")
        #expect(try H.value("+", Value.interval(Interval(days: 1)), ts).rendered() == "2024-03-01 00:00:00")
    }

    @Test func timestampDifferenceIsInterval() throws {
        let a = Value.timestamp(1_709_164_800_000_000 + 90_000_000_000) // +25h
        let b = Value.timestamp(1_709_164_800_000_000)
        #expect(try H.value("-", a, b) == .interval(Interval(days: 1, micros: 3_600_000_000)))
        #expect(try H.value("-", b, a) == .interval(Interval(days: -1, micros: -3_600_000_000)))
        #expect(try H.returnType("-", [.timestamp, .date]) == .interval)
    }

    @Test func intervalArithmetic() throws {
        let a = Value.interval(Interval(months: 1, days: 2, micros: 3))
        #expect(try H.value("+", a, a) == .interval(Interval(months: 2, days: 4, micros: 6)))
        #expect(try H.value("-", a, a) == .interval(Interval()))
        #expect(try H.value("*", a, .int(3)) == .interval(Interval(months: 3, days: 6, micros: 9)))
        #expect(try H.value("*", .double(0.5), Value.interval(Interval(months: 1))) == .interval(Interval(days: 15)))
        #expect(try H.value("/", Value.interval(Interval(days: 1)), .int(2)) == .interval(Interval(micros: 43_200_000_000)))
        #expect(try H.value("/", a, .int(0)) == .null)
        #expect(try H.value("negate", a) == .interval(Interval(months: -1, days: -2, micros: -3)))
    }

    @Test(arguments: [("=", [true, false, false]), ("<>", [false, true, true]), ("<", [false, true, false]),
                      ("<=", [true, true, false]), (">", [false, false, true]), (">=", [true, false, true])])
    func comparisonsOnIntegers(op: String, expected: [Bool]) throws {
        let r = try H.call(op, [(.int32, [.int(1), .int(1), .int(3), .null]), (.int64, [.int(1), .int(2), .int(2), .int(1)])])
        #expect(r.values == expected.map { Value.bool($0) } + [.null])
    }

    @Test func comparisonsAcrossTypes() throws {
        #expect(try H.value("=", .decimal(150, scale: 2), .decimal(15, scale: 1), types: [.decimal(precision: 5, scale: 2), .decimal(precision: 3, scale: 1)]) == .bool(true))
        #expect(try H.value("<", .int(1), .double(1.5)) == .bool(true))
        #expect(try H.value("=", .date(19723), .timestamp(19723 * 86_400_000_000)) == .bool(true))
        #expect(try H.value("=", .date(19723), .string("2024-01-01")) == .bool(true))
        #expect(try H.value("<", .string("abc"), .string("abd")) == .bool(true))
        #expect(try H.value("<", .string("Z"), .string("a")) == .bool(true))
        #expect(try H.value("=", .bool(true), .bool(true)) == .bool(true))
        #expect(try H.value("=", Value.interval(Interval(months: 1)), Value.interval(Interval(days: 30))) == .bool(true))
        #expect(try H.value("=", .array([.int(1), .int(2)]), .array([.int(1), .int(2)])) == .bool(true))
        #expect(try H.value("<", .array([.int(1)]), .array([.int(1), .int(0)])) == .bool(true))
        #expect(H.error { _ = try H.returnType("=", [.date, .boolean]) }?.kind == .type)
    }

    @Test func concatenation() throws {
        #expect(try H.value("||", .string("a"), .string("b")) == .string("ab"))
        #expect(try H.value("||", .string("n="), .int(3)) == .string("n=3"))
        #expect(try H.value("||", .string("a"), .null, types: [.string, .null]) == .null)
        #expect(try H.value("||", .array([.int(1)]), .array([.int(2)])) == .array([.int(1), .int(2)]))
    }

    @Test(arguments: [
        ("hello", "h%", true), ("hello", "%llo", true), ("hello", "%ell%", true), ("hello", "hello", true),
        ("hello", "h_llo", true), ("hello", "h%l_", true), ("hello", "%x%", false), ("héllo", "h_llo", true),
        ("50%", "50\\%", true), ("500", "50\\%", false), ("", "%", true), ("abc", "a%c%", true), ("abc", "_", false),
    ])
    func like(text: String, pattern: String, expected: Bool) throws {
        #expect(try H.value("like", .string(text), .string(pattern)) == .bool(expected))
    }

    @Test func likeVariants() throws {
        #expect(try H.value("ilike", .string("HeLLo"), .string("hello")) == .bool(true))
        #expect(try H.value("like", .string("a_c"), .string("a!_c"), .string("!")) == .bool(true))
        #expect(try H.value("like", .string("abc"), .string("a!_c"), .string("!")) == .bool(false))
        let r = try H.call("like", [(.string, [.string("ab"), .string("cd"), .null]), (.string, [.string("a%"), .string("a%"), .string("a%")])])
        #expect(r.values == [.bool(true), .bool(false), .null])
        let varying = try H.call("like", [(.string, [.string("ab"), .string("cd")]), (.string, [.string("a%"), .string("c_")])])
        #expect(varying.values == [.bool(true), .bool(true)])
    }

    @Test func regularExpressions() throws {
        #expect(try H.value("regexp_matches", .string("abc123"), .string("[0-9]+")) == .bool(true))
        #expect(try H.value("regexp_matches", .string("abc"), .string("^b")) == .bool(false))
        #expect(try H.value("regexp_replace", .string("a1b22"), .string("[0-9]+"), .string("#")) == .string("a#b22"))
        #expect(try H.value("regexp_replace", .string("a1b22"), .string("[0-9]+"), .string("#"), .string("g")) == .string("a#b#"))
        #expect(try H.value("regexp_replace", .string("john smith"), .string("(\\w+) (\\w+)"), .string("\\2, \\1")) == .string("smith, john"))
        #expect(H.error { _ = try H.value("regexp_matches", .string("a"), .string("(")) }?.kind == .runtime)
    }
}
