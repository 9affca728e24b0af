import Testing
@testable import Columnar

@Suite struct ColumnarTests {
    @Test func dateRoundTrip() {
        for text in ["1970-01-01", "2024-02-29", "1999-12-31", "0001-01-01", "2100-03-01"] {
            let d = DateTime.parseDate(text)
            #expect(d != nil)
            #expect(DateTime.formatDate(days: d ?? 0) == text)
        }
        #expect(DateTime.parseDate("2023-02-29") == nil)
    }

    @Test(arguments: [
        ("2024-01-02T03:04:05Z", "2024-01-02 03:04:05"),
        ("2024-01-02 03:04:05.250", "2024-01-02 03:04:05.25"),
        ("2024-01-02T03:04:05+02:00", "2024-01-02 01:04:05"),
        ("2024-01-02", "2024-01-02 00:00:00"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31 23:59:59.5"),
    ])
    func timestampParsing(input: String, expected: String) {
        let t = DateTime.parseTimestamp(input)
        #expect(t.map { DateTime.formatTimestamp(micros: $0) } == expected)
    }

    @Test func decimalParseAndFormat() {
        #expect(Decimal128.parse("12.5", scale: 2) == 1250)
        #expect(Decimal128.parse("-0.005", scale: 2) == -1)
        #expect(Decimal128.parse("1e3", scale: 1) == 10000)
        #expect(Decimal128.format(-5, scale: 2) == "-0.05")
        #expect(Decimal128.parse("abc", scale: 2) == nil)
    }

    @Test func gatherWithMissingRowsGivesNulls() {
        var b = ColumnBuilder(type: .string)
        b.append(string: "a"); b.appendNull(); b.append(string: "c")
        let c = b.finish().gather([2, -1, 0, 1])
        #expect(c.values == [.string("c"), .null, .string("a"), .null])
    }

    @Test func bitmapBasics() {
        var m = Bitmap(count: 70, value: true)
        #expect(m.allSet)
        m[65] = false
        #expect(m.nonzeroCount == 69)
        #expect(!m[65] && m[64])
    }
}
