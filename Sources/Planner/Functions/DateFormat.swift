import Columnar
import Diagnostics

// strftime-style formatting and parsing (UTC only).
//
//   %Y year  %y 2-digit year  %m month  %d day  %e day (space-padded)  %H hour  %I 12-hour
//   %M minute  %S second  %f microseconds (6 digits)  %p AM/PM  %j day of year
//   %a/%A weekday name  %b/%h/%B month name  %u ISO weekday  %w weekday (0 = Sunday)
//   %V ISO week  %G ISO year  %F = %Y-%m-%d  %T = %H:%M:%S  %s epoch seconds
//   %z +0000  %Z UTC  %% a percent sign

enum DateFormat {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Formats a timestamp.
    static func format(_ t: Int64, _ pattern: String) throws(SQLError) -> String {
        let c = CivilTime(t)
        var out = ""
        var chars = pattern.makeIterator()
        func pad(_ v: Int64, _ width: Int, _ fill: Character = "0") -> String {
            let s = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: fill, count: max(0, width - s.count)) + s
        }
        while let ch = chars.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let spec = chars.next() else { throw SQLError(.runtime, "strftime: format ends with %") }
            let hour = c.timeOfDay / 3_600_000_000
            switch spec {
            case "Y": out += pad(c.year, 4)
            case "y": out += pad(((c.year % 100) + 100) % 100, 2)
            case "m": out += pad(c.month, 2)
            case "d": out += pad(c.day, 2)
            case "e": out += pad(c.day, 2, " ")
            case "H": out += pad(hour, 2)
            case "I": out += pad(hour % 12 == 0 ? 12 : hour % 12, 2)
            case "M": out += pad(c.integerField(.minute), 2)
            case "S": out += pad(c.integerField(.second), 2)
            case "f": out += pad(c.timeOfDay % 1_000_000, 6)
            case "p": out += hour < 12 ? "AM" : "PM"
            case "j": out += pad(c.dayOfYear, 3)
            case "a": out += String(dayNames[Int(c.dayOfWeek)].prefix(3))
            case "A": out += dayNames[Int(c.dayOfWeek)]
            case "b", "h": out += String(monthNames[Int(c.month - 1)].prefix(3))
            case "B": out += monthNames[Int(c.month - 1)]
            case "u": out += String(c.isoDayOfWeek)
            case "w": out += String(c.dayOfWeek)
            case "V": out += pad(c.isoWeek.week, 2)
            case "G": out += pad(c.isoWeek.year, 4)
            case "F": out += pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
            case "T": out += pad(hour, 2) + ":" + pad(c.integerField(.minute), 2) + ":" + pad(c.integerField(.second), 2)
            case "s": out += String(DateTime.floorDiv(t, 1_000_000))
            case "z": out += "+0000"
            case "Z": out += "UTC"
            case "%": out += "%"
            default: throw SQLError(.runtime, "strftime: unsupported format specifier %\(spec)")
            }
        }
        return out
    }

    /// Parses `text` with a strptime-style `pattern`; nil when it does not match.
    static func parse(_ text: String, _ pattern: String) throws(SQLError) -> Int64? {
        let s = Array(text.utf8), f = Array(pattern.utf8)
        var i = 0, k = 0
        var year: Int64 = 1970, month: Int64 = 1, day: Int64 = 1, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        var micros: Int64 = 0, offset: Int64 = 0
        var pm: Bool? = nil
        var dayOfYear: Int64? = nil
        func number(_ maxDigits: Int) -> Int64? {
            var v: Int64 = 0, n = 0
            var negative = false
            if maxDigits >= 4, i < s.count, s[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            while i < s.count, n < maxDigits, s[i] >= 0x30, s[i] <= 0x39 { v = v * 10 + Int64(s[i] - 0x30); i += 1; n += 1 }
            return n == 0 ? nil : (negative ? -v : v)
        }
        func name(_ names: [String]) -> Int? {
            let rest = String(decoding: s[i...], as: UTF8.self).lowercased()
            for (idx, full) in names.enumerated() {
                for candidate in [full.lowercased(), String(full.lowercased().prefix(3))] where rest.hasPrefix(candidate) {
                    i += candidate.utf8.count
                    return idx
                }
            }
            return nil
        }
        while k < f.count {
            let c = f[k]
            if c == 0x20 { while i < s.count, s[i] == 0x20 || s[i] == 0x09 { i += 1 }; k += 1; continue }
            guard c == UInt8(ascii: "%"), k + 1 < f.count else {
                guard i < s.count, s[i] == c else { return nil }
                i += 1; k += 1
                continue
            }
            let spec = f[k + 1]
            k += 2
            switch UnicodeScalar(spec) {
            case "Y", "G": guard let v = number(6) else { return nil }; year = v
            case "y": guard let v = number(2) else { return nil }; year = v < 69 ? 2000 + v : 1900 + v
            case "m": guard let v = number(2) else { return nil }; month = v
            case "d", "e": while i < s.count, s[i] == 0x20 { i += 1 }; guard let v = number(2) else { return nil }; day = v
            case "H", "I": guard let v = number(2) else { return nil }; hour = v
            case "M": guard let v = number(2) else { return nil }; minute = v
            case "S": guard let v = number(2) else { return nil }; second = v
            case "j": guard let v = number(3) else { return nil }; dayOfYear = v
            case "f":
                var n = 0
                micros = 0
                while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { if n < 6 { micros = micros * 10 + Int64(s[i] - 0x30) }; n += 1; i += 1 }
                guard n > 0 else { return nil }
                while n < 6 { micros *= 10; n += 1 }
            case "p":
                guard i + 1 < s.count else { return nil }
                let w = String(decoding: s[i...(i + 1)], as: UTF8.self).uppercased()
                guard w == "AM" || w == "PM" else { return nil }
                pm = w == "PM"; i += 2
            case "b", "h", "B": guard let m = name(monthNames) else { return nil }; month = Int64(m + 1)
            case "a", "A": guard name(dayNames) != nil else { return nil }
            case "z":
                while i < s.count, s[i] == 0x20 { i += 1 }
                if i < s.count, s[i] == UInt8(ascii: "Z") { i += 1; break }
                guard i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return nil }
                let sign: Int64 = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let h = number(2) else { return nil }
                if i < s.count, s[i] == UInt8(ascii: ":") { i += 1 }
                let m = number(2) ?? 0
                offset = sign * (h * 60 + m) * 60_000_000
            case "Z": while i < s.count, (s[i] >= 0x41 && s[i] <= 0x5A) || (s[i] >= 0x61 && s[i] <= 0x7A) { i += 1 }
            case "F": guard let y = number(6), i < s.count, s[i] == 0x2D, case _ = (i += 1), let m = number(2), i < s.count, s[i] == 0x2D,
                            case _ = (i += 1), let d = number(2) else { return nil }
                year = y; month = m; day = d
            case "T": guard let h = number(2), i < s.count, s[i] == 0x3A, case _ = (i += 1), let m = number(2), i < s.count, s[i] == 0x3A,
                            case _ = (i += 1), let sec = number(2) else { return nil }
                hour = h; minute = m; second = sec
            case "%": guard i < s.count, s[i] == UInt8(ascii: "%") else { return nil }; i += 1
            default: throw SQLError(.runtime, "strptime: unsupported format specifier %\(Character(UnicodeScalar(spec)))")
            }
        }
        guard i == s.count else { return nil }
        if let pm {
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard month >= 1, month <= 12, day >= 1, day <= DateTime.daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var days = DateTime.daysFromCivil(year: year, month: month, day: day)
        if let doy = dayOfYear { days = DateTime.daysFromCivil(year: year, month: 1, day: 1) + doy - 1 }
        let (r, o) = days.multipliedReportingOverflow(by: DateTime.microsPerDay)
        let (r2, o2) = r.addingReportingOverflow(((hour * 60 + minute) * 60 + second) * 1_000_000 + micros - offset)
        return o || o2 ? nil : r2
    }
}
