import Columnar
import Testing

/// `YYYY-MM-DDTHH:MM:SSZ` takes a fixed-position fast path; it must agree with the general
/// parser (reached here by writing the same instant with a blank before the zone).
@Suite struct TimestampFastPathTests {
    @Test(arguments: ["2024-01-01T08:00:10Z", "2024-02-29T23:59:60Z", "2024-12-31T24:00:00Z", "1970-01-01T00:00:00Z",
                      "1000-03-01T12:34:56Z", "9999-12-31T23:59:59Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                      "2024-00-10T00:00:00Z", "2024-01-01T25:00:00Z", "2024-01-01T10:60:00Z", "2024-01-01T10:00:61Z",
                      "2024-01-0xT10:00:00Z", "0999-01-01T00:00:00Z"])
    func fastPathAgreesWithTheGeneralParser(_ text: String) {
        let general = String(text.dropLast()) + " Z"
        #expect(DateTime.parseTimestamp(text) == DateTime.parseTimestamp(general))
    }

    @Test func knownInstants() {
        #expect(DateTime.parseTimestamp("1970-01-02T00:00:01Z") == Int64(86_401_000_000))
        #expect(DateTime.parseTimestamp("2023-02-29T00:00:00Z") == nil)
        #expect(DateTime.parseTimestamp("2024-02-29T00:00:00Z") != nil)
    }
}
