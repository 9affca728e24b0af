// Interval text, as PostgreSQL and DuckDB accept it:
//
//   '1 day'   '2 hours 30 minutes'   '1 year 2 months'   '-3 days'   '1.5 days'
//   '10:30:00'   '1 day 02:00:00'   '3 days ago'   'P1Y2M3DT4H5M6.5S' (ISO 8601)
//   '3' with a unit given separately (INTERVAL '3' HOUR)
//
// Fractions cascade down as PostgreSQL does: a fractional year gives months, a fractional
// month gives 30-day days, a fractional day gives microseconds.

extension Interval {
    /// Parses interval text; `unit` applies to a bare number. Returns nil when the text is not
    /// an interval or does not fit.
    public static func parse(_ text: String, unit: String?) -> Interval? {
        var acc = IntervalAccumulator()
        let trimmed = text.trimmedBlanks
        if let first = trimmed.first, first == "P" || first == "p" {
            guard acc.addISO(Array(trimmed.utf8.dropFirst())) else { return nil }
            return acc.result
        }
        var words = trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if words.first == "@" { words.removeFirst() }
        var negateAll = false
        if words.last == "ago" { negateAll = true; words.removeLast() }
        guard !words.isEmpty else { return nil }
        var k = 0
        while k < words.count {
            let w = words[k]
            if w.contains(":") {
                guard acc.addClock(w) else { return nil }
                k += 1
                continue
            }
            // a number, with its unit glued on ('3days') or in the next word
            var numberText = w
            var unitText: String? = nil
            if let split = w.firstIndex(where: { $0.isLetter }), split != w.startIndex {
                numberText = String(w[..<split])
                unitText = String(w[split...])
            } else if k + 1 < words.count, words[k + 1].first?.isLetter == true {
                unitText = words[k + 1]
                k += 1
            } else {
                unitText = unit?.lowercased() ?? (words.count == 1 ? "second" : nil)
            }
            guard let u = unitText, let value = Double(numberText), value.isFinite, acc.add(value, unit: u) else { return nil }
            k += 1
        }
        guard var r = acc.result else { return nil }
        if negateAll {
            guard r.months != Int32.min, r.days != Int32.min, r.micros != Int64.min else { return nil }
            r = Interval(months: -r.months, days: -r.days, micros: -r.micros)
        }
        return r
    }
}

/// Running sums while parsing, wide enough to detect overflow at the end.
struct IntervalAccumulator {
    var months: Double = 0
    var days: Double = 0
    var micros: Double = 0

    /// The sums as an interval, nil when they do not fit.
    var result: Interval? {
        let m = months.rounded(.towardZero), d = days.rounded(.towardZero), us = micros.rounded(.toNearestOrAwayFromZero)
        guard abs(m) <= Double(Int32.max), abs(d) <= Double(Int32.max), abs(us) < 9.2e18 else { return nil }
        return Interval(months: Int32(m), days: Int32(d), micros: Int64(us))
    }

    /// Adds `value` of a unit; false for an unknown unit.
    mutating func add(_ value: Double, unit: String) -> Bool {
        let day = Double(Interval.microsPerDay)
        switch unit {
        case "microsecond", "microseconds", "us", "usec", "usecs": micros += value
        case "millisecond", "milliseconds", "ms", "msec", "msecs": micros += value * 1_000
        case "second", "seconds", "s", "sec", "secs": micros += value * 1_000_000
        case "minute", "minutes", "m", "min", "mins": micros += value * 60_000_000
        case "hour", "hours", "h", "hr", "hrs": micros += value * 3_600_000_000
        case "day", "days", "d": addDays(value, dayMicros: day)
        case "week", "weeks", "w": addDays(value * 7, dayMicros: day)
        case "month", "months", "mon", "mons": addMonths(value, dayMicros: day)
        case "year", "years", "y", "yr", "yrs": addMonths(value * 12, dayMicros: day)
        case "decade", "decades": addMonths(value * 120, dayMicros: day)
        case "century", "centuries": addMonths(value * 1200, dayMicros: day)
        case "millennium", "millennia", "millenniums": addMonths(value * 12000, dayMicros: day)
        default: return false
        }
        return true
    }

    mutating func addDays(_ value: Double, dayMicros: Double) {
        let whole = value.rounded(.towardZero)
        days += whole
        micros += (value - whole) * dayMicros
    }

    mutating func addMonths(_ value: Double, dayMicros: Double) {
        let whole = value.rounded(.towardZero)
        months += whole
        // PostgreSQL: leftover month fraction becomes 30-day days
        let fracDays = ((value - whole) * 30 * 1e6).rounded() / 1e6
        addDays(fracDays, dayMicros: dayMicros)
    }

    /// `[-]HH:MM[:SS[.ffffff]]`.
    mutating func addClock(_ text: String) -> Bool {
        var t = Substring(text)
        var sign = 1.0
        if t.first == "-" { sign = -1; t = t.dropFirst() } else if t.first == "+" { t = t.dropFirst() }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        guard let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, m >= 0, m < 60 else { return false }
        var s = 0.0
        if parts.count == 3 {
            guard let v = Double(parts[2]), v >= 0, v < 60, parts[2].first?.isNumber == true else { return false }
            s = v
        }
        micros += sign * ((Double(h) * 3600 + Double(m) * 60) * 1_000_000 + (s * 1_000_000).rounded())
        return true
    }

    /// ISO 8601 duration after the `P`: `nYnMnWnDTnHnMnS`.
    mutating func addISO(_ b: [UInt8]) -> Bool {
        var inTime = false
        var number = ""
        var any = false
        for c in b {
            let ch = Character(Unicode.Scalar(c))
            if ch == "T" || ch == "t" { guard number.isEmpty else { return false }; inTime = true; continue }
            if ch.isNumber || ch == "." || ch == "-" || ch == "," { number.append(ch == "," ? "." : ch); continue }
            guard let v = Double(number) else { return false }
            number = ""
            any = true
            let unit: String
            switch (ch.uppercased(), inTime) {
            case ("Y", false): unit = "year"
            case ("M", false): unit = "month"
            case ("W", false): unit = "week"
            case ("D", false): unit = "day"
            case ("H", true): unit = "hour"
            case ("M", true): unit = "minute"
            case ("S", true): unit = "second"
            default: return false
            }
            _ = add(v, unit: unit)
        }
        return number.isEmpty && any
    }
}
