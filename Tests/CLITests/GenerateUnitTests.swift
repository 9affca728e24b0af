import Testing
@testable import lakesql

/// The generator's pieces in process: durations, dates, number text, the PRNG.
@Suite struct GenerateUnitTests {
    @Test(arguments: [("10s", 10_000), ("500ms", 500), ("1m", 60_000), ("1.5s", 1_500), ("2h", 7_200_000)])
    func durationsParse(text: String, millis: Int) {
        #expect(GenerateSettings.parseDuration(text) == millis)
    }

    @Test(arguments: ["banana", "", "10", "s", "-1s", "0s", "1.2.3s", "2d", "25h"])
    func badDurationsAreRejected(text: String) {
        #expect(GenerateSettings.parseDuration(text) == nil)
    }

    @Test(arguments: [("1970-01-01", 0), ("2024-01-01", 1_704_067_200), ("2024-02-29", 1_709_164_800)])
    func datesParse(text: String, seconds: Int) {
        #expect(GenerateClock.parseDate(text) == seconds)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-01T00:00:00Z"])
    func badDatesAreRejected(text: String) {
        #expect(GenerateClock.parseDate(text) == nil)
    }

    @Test func civilDatesRoundTrip() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let c = GenerateClock.civil(days: day)
            #expect(GenerateClock.days(year: c.year, month: c.month, day: c.day) == day)
        }
    }

    @Test func timestampsAndMoneyAreWrittenByHand() {
        let b = GenerateBuffer(capacity: 8)
        b.append(timestamp: 1_709_649_067)
        b.append(UInt8(ascii: " "))
        b.append(timestamp: 1_709_649_067, offsetHours: 2)
        b.append(UInt8(ascii: " "))
        b.append(money: 1_299_500)
        b.append(UInt8(ascii: " "))
        b.append(money: 5)
        b.append(UInt8(ascii: " "))
        b.append(jsonString: "a\"b\\c\nd\u{1}é")
        #expect(String(decoding: b.bytes, as: UTF8.self)
            == #""2024-03-05T14:31:07Z" "2024-03-05T16:31:07+02:00" 12995.00 0.05 "a\"b\\c\nd\u0001é""#)
    }

    @Test func randomStreamsAreReproducibleAndIndependent() {
        var a = GenerateRandom(seed: 42, stream: 1, index: 5)
        var b = GenerateRandom(seed: 42, stream: 1, index: 5)
        var c = GenerateRandom(seed: 42, stream: 1, index: 6)
        let xs = (0..<8).map { _ in a.next() }
        #expect(xs == (0..<8).map { _ in b.next() })
        #expect(xs != (0..<8).map { _ in c.next() })
        for _ in 0..<1000 { #expect((0..<7).contains(a.below(7))) }
    }

    @Test func tickFileNamesSortByTime() {
        #expect(GenerateTicker.fileName(tick: 3, at: 1_709_649_067) == "tick-20240305-143107-00003.json")
    }
}
