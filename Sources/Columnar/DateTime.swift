/// Calendar arithmetic on days and microseconds since 1970-01-01 (proleptic Gregorian, UTC),
/// without Foundation so kernels can use it in tight loops.
public enum DateTime {
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since the epoch of a civil date (Howard Hinnant's algorithm).
    @inlinable
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Civil date of a day number.
    @inlinable
    public static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// True for leap years.
    public static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days in a month.
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Floor division for negative timestamps.
    @inlinable
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// `YYYY-MM-DD`.
    public static func formatDate(days: Int64) -> String {
        let (y, m, d) = civilFromDays(days)
        return formatYear(y) + "-" + pad2(m) + "-" + pad2(d)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` (fraction trimmed of trailing zeros).
    public static func formatTimestamp(micros: Int64) -> String {
        let days = floorDiv(micros, microsPerDay)
        let rest = micros - days * microsPerDay
        let secs = rest / microsPerSecond
        let frac = rest % microsPerSecond
        var s = formatDate(days: days) + " " + pad2(secs / 3600) + ":" + pad2((secs / 60) % 60) + ":" + pad2(secs % 60)
        if frac != 0 {
            var f = String(frac)
            f = String(repeating: "0", count: 6 - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return s
    }

    static func formatYear(_ y: Int64) -> String {
        if y < 0 { return "-" + formatYear(-y) }
        let s = String(y)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    /// Parses `YYYY-MM-DD` (surrounding blanks allowed).
    public static func parseDate(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        return b.withUnsafeBufferPointer { p in
            guard let d = parseDatePart(p, &i) else { return nil }
            while i < p.count, p[i] == 0x20 { i += 1 }
            return i == p.count ? d : nil
        }
    }

    /// Parses an ISO-8601 timestamp: `YYYY-MM-DD[( |T)HH:MM[:SS[.f+]]][Z|±HH[:MM]]`,
    /// normalised to UTC microseconds. A plain date is midnight.
    public static func parseTimestamp(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        return b.withUnsafeBufferPointer { parseTimestamp(bytes: $0) }
    }

    /// Byte-level timestamp parser shared with the JSON scan.
    public static func parseTimestamp(bytes p: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let v = canonicalTimestamp(p) { return v }
        var i = 0
        guard let days = parseDatePart(p, &i) else { return nil }
        var micros: Int64 = 0
        if i < p.count, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") || p[i] == 0x20 {
            // a trailing blank after a date alone is fine
            var j = i + 1
            while j < p.count, p[j] == 0x20 { j += 1 }
            if j == p.count { i = j } else {
                i += 1
                guard let h = digits(p, &i, 2), i < p.count, p[i] == UInt8(ascii: ":"),
                      case _ = (i += 1), let mi = digits(p, &i, 2) else { return nil }
                var s: Int64 = 0
                var frac: Int64 = 0
                if i < p.count, p[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let sv = digits(p, &i, 2) else { return nil }
                    s = sv
                    if i < p.count, p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",") {
                        i += 1
                        var n = 0
                        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                            if n < 6 { frac = frac * 10 + Int64(p[i] - 0x30) }
                            n += 1; i += 1
                        }
                        if n == 0 { return nil }
                        while n < 6 { frac *= 10; n += 1 }
                    }
                }
                guard h <= 24, mi <= 59, s <= 60 else { return nil }
                micros = ((h * 60 + mi) * 60 + s) * microsPerSecond + frac
                while i < p.count, p[i] == 0x20 { i += 1 }
                if i < p.count {
                    if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") { i += 1 }
                    else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                        let sign: Int64 = p[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let oh = digits(p, &i, 2) else { return nil }
                        var om: Int64 = 0
                        if i < p.count, p[i] == UInt8(ascii: ":") { i += 1 }
                        if i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
                            guard let v = digits(p, &i, 2) else { return nil }
                            om = v
                        }
                        micros -= sign * (oh * 60 + om) * 60 * microsPerSecond
                    } else if p.count - i >= 3, p[i] == UInt8(ascii: "U"), p[i + 1] == UInt8(ascii: "T"), p[i + 2] == UInt8(ascii: "C") {
                        i += 3
                    }
                }
            }
        }
        while i < p.count, p[i] == 0x20 { i += 1 }
        guard i == p.count else { return nil }
        let (r, o) = days.multipliedReportingOverflow(by: microsPerDay)
        if o { return nil }
        let (r2, o2) = r.addingReportingOverflow(micros)
        return o2 ? nil : r2
    }

    /// The common form `YYYY-MM-DDTHH:MM:SSZ` read by fixed positions; nil for anything
    /// else (the general parser then decides), with the general parser's range checks.
    @inline(__always)
    static func canonicalTimestamp(_ p: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard p.count == 20, p[4] == 0x2D, p[7] == 0x2D, p[10] == 0x54, p[13] == 0x3A, p[16] == 0x3A, p[19] == 0x5A else { return nil }
        var bad = false
        @inline(__always) func two(_ k: Int) -> Int64 {
            let a = p[k] &- 0x30, b = p[k + 1] &- 0x30
            if a > 9 || b > 9 { bad = true }
            return Int64(a) * 10 + Int64(b)
        }
        let y = two(0) * 100 + two(2), m = two(5), d = two(8)
        let h = two(11), mi = two(14), sec = two(17)
        guard !bad, y >= 1000, m >= 1, m <= 12, d >= 1, d <= daysInMonth(year: y, month: m), h <= 24, mi <= 59, sec <= 60 else { return nil }
        return daysFromCivil(year: y, month: m, day: d) * microsPerDay + ((h * 60 + mi) * 60 + sec) * microsPerSecond
    }

    static func parseDatePart(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int64? {
        while i < p.count, p[i] == 0x20 { i += 1 }
        var negative = false
        if i < p.count, p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var y: Int64 = 0
        var n = 0
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39, n < 6 { y = y * 10 + Int64(p[i] - 0x30); i += 1; n += 1 }
        guard n >= 4, i < p.count, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let m = digits(p, &i, 1...2), i < p.count, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let d = digits(p, &i, 1...2) else { return nil }
        if negative { y = -y }
        guard m >= 1, m <= 12, d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return daysFromCivil(year: y, month: m, day: d)
    }

    static func digits(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Int64? {
        digits(p, &i, count...count)
    }

    static func digits(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: ClosedRange<Int>) -> Int64? {
        var v: Int64 = 0
        var n = 0
        while i < p.count, n < count.upperBound, p[i] >= 0x30, p[i] <= 0x39 {
            v = v * 10 + Int64(p[i] - 0x30); i += 1; n += 1
        }
        return count.contains(n) ? v : nil
    }
}
