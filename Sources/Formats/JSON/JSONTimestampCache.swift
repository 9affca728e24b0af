import Columnar

/// Reads `"YYYY-MM-DDThh:mm:ssZ"` timestamps, remembering the day of the last date
/// seen: records of a feed usually arrive in time order, so most timestamps repeat the
/// previous date and only the time of day is parsed. Anything else (or a new date) goes
/// through `JSONScalars.timestamp`, whose result is the same for every input.
struct JSONTimestampCache {
    /// The date bytes `YYYY-MM-` and `DD` of the last canonical timestamp, and its day.
    private var dateWord: UInt64 = 0
    private var dayBytes: UInt16 = 0
    private var days: Int64 = 0
    private var valid = false

    /// The timestamp of the JSON value `[s, e)`; nil for JSON null.
    @inline(__always)
    mutating func value(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) throws(JSONValueError) -> Int64? {
        let a = s + 1
        guard e - s == 22, p[s] == JSONBytes.quote, p[a + 4] == 0x2D, p[a + 7] == 0x2D, p[a + 10] == 0x54,
              p[a + 13] == 0x3A, p[a + 16] == 0x3A, p[a + 19] == 0x5A, let time = timeOfDay(p, a) else {
            return try JSONScalars.timestamp(p, s, e, "")
        }
        let raw = UnsafeRawPointer(p + a)
        let word = raw.loadUnaligned(as: UInt64.self)
        let dd = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if valid, word == dateWord, dd == dayBytes { return days * DateTime.microsPerDay + time }
        guard let v = try JSONScalars.timestamp(p, s, e, "") else { return nil }
        dateWord = word
        dayBytes = dd
        days = (v - time) / DateTime.microsPerDay
        valid = true
        return v
    }

    /// Microseconds of `hh:mm:ss` at `a + 11`, checked as `DateTime` checks a canonical timestamp.
    @inline(__always)
    private func timeOfDay(_ p: UnsafePointer<UInt8>, _ a: Int) -> Int64? {
        var bad = false
        @inline(__always) func two(_ k: Int) -> Int64 {
            let x = p[a + k] &- 0x30, y = p[a + k + 1] &- 0x30
            if x > 9 || y > 9 { bad = true }
            return Int64(x) * 10 + Int64(y)
        }
        let h = two(11), mi = two(14), sec = two(17)
        guard !bad, h <= 24, mi <= 59, sec <= 60 else { return nil }
        return ((h * 60 + mi) * 60 + sec) * DateTime.microsPerSecond
    }
}
