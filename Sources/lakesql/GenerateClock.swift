import Columnar

/// Calendar arithmetic of the generator on seconds since 1970-01-01T00:00:00Z (UTC, the
/// proleptic Gregorian calendar), and the ISO-8601 text it writes. No Foundation dates:
/// the conversion runs once per record.
enum GenerateClock {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        Int(DateTime.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The civil date of a day number.
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let c = DateTime.civilFromDays(Int64(days))
        return (Int(c.year), Int(c.month), Int(c.day))
    }

    /// Splits seconds into a day number and the second of that day.
    static func split(_ seconds: Int) -> (days: Int, second: Int) {
        let d = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        return (d, seconds - d * 86400)
    }

    /// Parses `YYYY-MM-DD` into seconds at midnight UTC; nil when it is not a real date.
    static func parseDate(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              y >= 1900, (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return days(year: y, month: m, day: d) * 86400
    }

    /// Number of days in a month.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The year of an instant.
    static func year(of seconds: Int) -> Int { civil(days: split(seconds).days).year }
}

extension GenerateBuffer {
    /// Appends `"YYYY-MM-DD"` (quotes included) for the day of `seconds`.
    func append(dateOf seconds: Int) {
        let c = GenerateClock.civil(days: GenerateClock.split(seconds).days)
        append(UInt8(ascii: "\""))
        appendDate(c)
        append(UInt8(ascii: "\""))
    }

    /// Appends an ISO-8601 timestamp string literal: `"YYYY-MM-DDTHH:MM:SSZ"`, or with an
    /// hour `offset` written as `+HH:00` (the same instant), or with `millis` as fractional seconds.
    func append(timestamp seconds: Int, offsetHours: Int = 0, millis: Int? = nil) {
        let (d, s) = GenerateClock.split(seconds + offsetHours * 3600)
        append(UInt8(ascii: "\""))
        appendDate(GenerateClock.civil(days: d))
        append(UInt8(ascii: "T"))
        append(digits: s / 3600, width: 2)
        append(UInt8(ascii: ":"))
        append(digits: s / 60 % 60, width: 2)
        append(UInt8(ascii: ":"))
        append(digits: s % 60, width: 2)
        if let millis {
            append(UInt8(ascii: "."))
            append(digits: millis, width: 3)
        }
        if offsetHours == 0 {
            append(UInt8(ascii: "Z"))
        } else {
            append(UInt8(ascii: offsetHours > 0 ? "+" : "-"))
            append(digits: abs(offsetHours), width: 2)
            append(":00")
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends `YYYY-MM-DD`.
    private func appendDate(_ c: (year: Int, month: Int, day: Int)) {
        append(digits: c.year, width: 4)
        append(UInt8(ascii: "-"))
        append(digits: c.month, width: 2)
        append(UInt8(ascii: "-"))
        append(digits: c.day, width: 2)
    }

    /// Appends `yyyyMMdd-HHmmss` (file names of stream ticks).
    func append(compactTimestamp seconds: Int) {
        let (d, s) = GenerateClock.split(seconds)
        let c = GenerateClock.civil(days: d)
        append(digits: c.year, width: 4)
        append(digits: c.month, width: 2)
        append(digits: c.day, width: 2)
        append(UInt8(ascii: "-"))
        append(digits: s / 3600, width: 2)
        append(digits: s / 60 % 60, width: 2)
        append(digits: s % 60, width: 2)
    }
}
