import Columnar
import Formats
import Testing

@Suite struct JSONScalarTests {
    typealias S = JSONTestSupport

    /// One declared type, one JSON value as written, and the expected value (nil: bad record).
    struct Case: Sendable, CustomStringConvertible {
        var type: DataType
        var json: String
        var expected: Value?
        var description: String { "\(type) \(json)" }
    }

    static let cases: [Case] = [
        Case(type: .int8, json: "127", expected: .int(127)),
        Case(type: .int8, json: "128", expected: nil),
        Case(type: .int16, json: "-32768", expected: .int(-32768)),
        Case(type: .int32, json: "\" 42 \"", expected: .int(42)),
        Case(type: .int32, json: "1.5", expected: nil),
        Case(type: .int32, json: "true", expected: nil),
        Case(type: .int64, json: "-9223372036854775808", expected: .int(Int64.min)),
        Case(type: .int64, json: "9223372036854775808", expected: nil),
        Case(type: .int64, json: "null", expected: .null),
        Case(type: .int64, json: "999999999999999999", expected: .int(999_999_999_999_999_999)),
        Case(type: .int32, json: "2147483648", expected: nil),
        Case(type: .int32, json: "0", expected: .int(0)),
        Case(type: .int32, json: "12a", expected: nil),
        Case(type: .float64, json: "0.1", expected: .double(0.1)),
        Case(type: .float64, json: "-2.5e-3", expected: .double(-0.0025)),
        Case(type: .float64, json: "123456789012345678901234567890", expected: .double(1.2345678901234568e29)),
        Case(type: .float64, json: "1.7976931348623157e308", expected: .double(1.7976931348623157e308)),
        Case(type: .float64, json: "\"NaN\"", expected: .double(.nan)),
        Case(type: .float64, json: "\"1,5\"", expected: nil),
        Case(type: .float64, json: "01x", expected: nil),
        Case(type: .float32, json: "0.1", expected: .double(Double(Float(0.1)))),
        Case(type: .decimal(precision: 5, scale: 2), json: "1.005", expected: .decimal(101, scale: 2)),
        Case(type: .decimal(precision: 5, scale: 2), json: "-1.005", expected: .decimal(-101, scale: 2)),
        Case(type: .decimal(precision: 5, scale: 2), json: "1.004", expected: .decimal(100, scale: 2)),
        Case(type: .decimal(precision: 5, scale: 2), json: "999.994", expected: .decimal(99999, scale: 2)),
        Case(type: .decimal(precision: 5, scale: 2), json: "999.995", expected: nil),
        Case(type: .decimal(precision: 5, scale: 2), json: "1e2", expected: .decimal(10000, scale: 2)),
        Case(type: .decimal(precision: 5, scale: 2), json: "\"0.001\"", expected: .decimal(0, scale: 2)),
        Case(type: .decimal(precision: 38, scale: 0), json: "99999999999999999999999999999999999999", expected: .decimal(Decimal128.maxMagnitude(precision: 38), scale: 0)),
        Case(type: .decimal(precision: 38, scale: 0), json: "100000000000000000000000000000000000000", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "\"12,5\"", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "11995.00", expected: .decimal(1_199_500, scale: 2)),
        Case(type: .decimal(precision: 10, scale: 2), json: "-0.5", expected: .decimal(-50, scale: 2)),
        Case(type: .decimal(precision: 10, scale: 2), json: "-0.00", expected: .decimal(0, scale: 2)),
        Case(type: .decimal(precision: 10, scale: 2), json: "007.1", expected: .decimal(710, scale: 2)),
        Case(type: .decimal(precision: 10, scale: 2), json: "12.", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "1.2.3", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "-", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "99999999.99", expected: .decimal(9_999_999_999, scale: 2)),
        Case(type: .decimal(precision: 10, scale: 2), json: "100000000", expected: nil),
        Case(type: .decimal(precision: 10, scale: 2), json: "0000000000000000000000012.5", expected: .decimal(1250, scale: 2)),
        Case(type: .decimal(precision: 18, scale: 0), json: "999999999999999999", expected: .decimal(999_999_999_999_999_999, scale: 0)),
        Case(type: .decimal(precision: 38, scale: 10), json: "123456789012345678", expected: .decimal(Int128(123_456_789_012_345_678) * 10_000_000_000, scale: 10)),
        Case(type: .boolean, json: "true", expected: .bool(true)),
        Case(type: .boolean, json: "\"FALSE\"", expected: .bool(false)),
        Case(type: .boolean, json: "1", expected: nil),
        Case(type: .string, json: "12.50", expected: .string("12.50")),
        Case(type: .string, json: "true", expected: .string("true")),
        Case(type: .string, json: "{\"a\": [1]}", expected: .string("{\"a\": [1]}")),
        Case(type: .date, json: "\"2024-02-29\"", expected: S.date("2024-02-29")),
        Case(type: .date, json: "\"2023-02-29\"", expected: nil),
        Case(type: .date, json: "\"2024-03-01T23:00:00-05:00\"", expected: S.date("2024-03-01")),
        Case(type: .date, json: "20240301", expected: nil),
        Case(type: .timestamp, json: "1700000000", expected: .timestamp(1_700_000_000_000_000)),
        Case(type: .timestamp, json: "1700000000.5", expected: .timestamp(1_700_000_000_500_000)),
        Case(type: .timestamp, json: "1700000000123", expected: .timestamp(1_700_000_000_123_000)),
        Case(type: .timestamp, json: "\"2024-01-01T00:00:00.123456+01:00\"", expected: S.ts("2023-12-31 23:00:00.123456")),
        Case(type: .timestamp, json: "\"2024-01-01 12:00\"", expected: S.ts("2024-01-01 12:00:00")),
        Case(type: .timestamp, json: "\"2024-01-01\"", expected: S.ts("2024-01-01")),
        Case(type: .timestamp, json: "\"yesterday\"", expected: nil),
        Case(type: .timestamp, json: "[1]", expected: nil),
    ]

    @Test(arguments: cases)
    func conversion(_ c: Case) throws {
        let reader = try S.reader([("v", c.type)])
        let result = try S.read(reader, "{\"v\": \(c.json)}\n")
        let got = S.rows(result).first?.first
        if let expected = c.expected {
            #expect(result.badRecords.isEmpty, "\(result.badRecords.map(\.message))")
            if case let .double(e) = expected, e.isNaN, case let .double(g)? = got { #expect(g.isNaN) } else { #expect(got == expected) }
        } else {
            #expect(result.badRecords.count == 1)
            #expect(got == .null)
        }
    }

    @Test func doublesMatchTheStandardLibrary() throws {
        var rng = SplitMix(seed: 7)
        var lines: [String] = []
        var texts: [String] = []
        for _ in 0..<3000 {
            let digits = String(rng.next() % 100_000_000_000_000_000)
            let point = Int(rng.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            if rng.next() % 3 == 0 { text += "e\(Int(rng.next() % 40) - 20)" }
            if rng.next() % 2 == 0 { text = "-" + text }
            texts.append(text)
            lines.append("{\"v\":\(text)}")
        }
        let reader = try S.reader([("v", .float64)])
        let rows = S.rows(try S.read(reader, lines.joined(separator: "\n")))
        #expect(rows.count == texts.count)
        for (text, row) in zip(texts, rows) where row.first != .double(Double(text) ?? .nan) {
            Issue.record("\(text) read as \(row), expected \(Double(text) ?? .nan)")
        }
    }
}

/// A small deterministic random generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension JSONScalarTests {
    /// Timestamps reusing the previous record's date give what each gives read alone.
    @Test func timestampsSharingDatesReadAsAlone() throws {
        let values = [
            "\"2024-01-01T08:00:10Z\"", "\"2024-01-01T23:59:60Z\"", "\"2024-01-01T24:00:00Z\"", "\"2024-01-01T25:00:00Z\"",
            "\"2024-01-01T08:0a:10Z\"", "\"2024-01-02T00:00:00Z\"", "\"2024-02-30T00:00:00Z\"", "\"2024-02-29T12:00:00Z\"",
            "\"2024-02-29T12:00:00+01:00\"", "\"0999-02-28T12:00:00Z\"", "\"0999-02-28T13:00:00Z\"", "1704096010", "null",
            "\"2024-01-01 08:00:10Z\"", "\"2024-01-01T08:00:10z\"",
        ]
        let reader = try S.reader([("t", .timestamp)])
        let together = try S.read(reader, values.map { "{\"t\":\($0)}" }.joined(separator: "\n"))
        var alone: [[Value]] = []
        for v in values { alone += S.rows(try S.read(reader, "{\"t\":\(v)}")) }
        #expect(S.rows(together) == alone)
        #expect(S.rows(together)[2] == [S.ts("2024-01-02 00:00:00")])
    }
}
