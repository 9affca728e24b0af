import Columnar
import Diagnostics

// Calendar fields of timestamps and intervals (date_part / EXTRACT, year(), ...),
// date_trunc and date_diff. DATE arguments are cast to TIMESTAMP (midnight) by the
// resolvers, so everything here works on microseconds since the epoch, UTC.

/// A unit or field name as date_part, date_trunc and date_diff accept it.
enum DateUnit: String, Sendable {
    case microsecond, millisecond, second, minute, hour, day, week, month, quarter, year
    case decade, century, millennium, dow, isodow, doy, epoch, isoyear

    /// Parses a unit name, with plurals and common abbreviations.
    static func parse(_ text: String) -> DateUnit? {
        var t = text.lowercased()
        if let u = DateUnit(rawValue: t) { return u }
        switch t {
        case "us", "usec", "usecs", "microseconds": return .microsecond
        case "ms", "msec", "msecs", "milliseconds": return .millisecond
        case "s", "sec", "secs", "seconds": return .second
        case "m", "min", "mins", "minutes": return .minute
        case "h", "hr", "hrs", "hours": return .hour
        case "d", "days", "dayofmonth": return .day
        case "w", "weeks", "weekofyear": return .week
        case "mon", "mons", "months": return .month
        case "quarters": return .quarter
        case "y", "yr", "yrs", "years": return .year
        case "decades": return .decade
        case "centuries": return .century
        case "millennia", "millenniums": return .millennium
        case "dayofweek", "weekday": return .dow
        case "dayofyear": return .doy
        default:
            if t.hasSuffix("s") { t.removeLast(); return DateUnit(rawValue: t) }
            return nil
        }
    }

    /// Parses, as a `.runtime` error naming the function when unknown.
    static func require(_ text: String, for function: String) throws(SQLError) -> DateUnit {
        guard let u = parse(text) else { throw SQLError(.runtime, "\(function): unit \"\(text)\" not recognized") }
        return u
    }
}

/// A timestamp broken into calendar parts.
struct CivilTime {
    let days: Int64
    let year: Int64, month: Int64, day: Int64
    /// Microseconds since midnight.
    let timeOfDay: Int64

    init(_ micros: Int64) {
        days = DateTime.floorDiv(micros, DateTime.microsPerDay)
        timeOfDay = micros - days * DateTime.microsPerDay
        (year, month, day) = DateTime.civilFromDays(days)
    }

    /// 0 = Sunday ... 6 = Saturday.
    var dayOfWeek: Int64 { let r = (days + 4) % 7; return r < 0 ? r + 7 : r }
    /// 1 = Monday ... 7 = Sunday.
    var isoDayOfWeek: Int64 { dayOfWeek == 0 ? 7 : dayOfWeek }
    var dayOfYear: Int64 { days - DateTime.daysFromCivil(year: year, month: 1, day: 1) + 1 }

    /// ISO-8601 year and week number (weeks start on Monday; week 1 holds the first Thursday).
    var isoWeek: (year: Int64, week: Int64) {
        let thursday = days - isoDayOfWeek + 4
        let y = DateTime.civilFromDays(thursday).year
        return (y, (thursday - DateTime.daysFromCivil(year: y, month: 1, day: 1)) / 7 + 1)
    }

    /// An integral field value; nil for fields with fractions or not integral.
    func integerField(_ u: DateUnit) -> Int64 {
        switch u {
        case .year: return year
        case .month: return month
        case .day: return day
        case .quarter: return (month - 1) / 3 + 1
        case .hour: return timeOfDay / 3_600_000_000
        case .minute: return (timeOfDay / 60_000_000) % 60
        case .second: return (timeOfDay / 1_000_000) % 60
        case .millisecond: return (timeOfDay % 60_000_000) / 1000
        case .microsecond: return timeOfDay % 60_000_000
        case .week: return isoWeek.week
        case .isoyear: return isoWeek.year
        case .dow: return dayOfWeek
        case .isodow: return isoDayOfWeek
        case .doy: return dayOfYear
        case .decade: return DateTime.floorDiv(year, 10)
        case .century: return year > 0 ? (year + 99) / 100 : -((99 - year) / 100)
        case .millennium: return year > 0 ? (year + 999) / 1000 : -((999 - year) / 1000)
        case .epoch: return DateTime.floorDiv(days * DateTime.microsPerDay + timeOfDay, 1_000_000)
        }
    }
}

enum DateFields {
    /// date_part on a timestamp, as DOUBLE (seconds, milliseconds and epoch keep fractions).
    static func part(_ u: DateUnit, ofTimestamp t: Int64) -> Double {
        let c = CivilTime(t)
        switch u {
        case .second: return Double(c.timeOfDay % 60_000_000) / 1_000_000
        case .millisecond: return Double(c.timeOfDay % 60_000_000) / 1000
        case .epoch: return Double(t) / 1_000_000
        default: return Double(c.integerField(u))
        }
    }

    /// date_part on an interval (PostgreSQL: epoch counts 365.25-day years and 30-day months).
    static func part(_ u: DateUnit, ofInterval v: Interval) throws(SQLError) -> Double {
        let us = v.micros
        switch u {
        case .year: return Double(v.months / 12)
        case .month: return Double(v.months % 12)
        case .quarter: return Double((v.months % 12) / 3 + 1)
        case .decade: return Double(v.months / 120)
        case .century: return Double(v.months / 1200)
        case .millennium: return Double(v.months / 12000)
        case .day: return Double(v.days)
        case .hour: return Double(us / 3_600_000_000)
        case .minute: return Double((us / 60_000_000) % 60)
        case .second: return Double(us % 60_000_000) / 1_000_000
        case .millisecond: return Double(us % 60_000_000) / 1000
        case .microsecond: return Double(us % 60_000_000)
        case .epoch:
            let years = Double(v.months / 12) * 365.25 * 86_400
            let months = Double(v.months % 12) * 30 * 86_400
            return years + months + Double(v.days) * 86_400 + Double(us) / 1_000_000
        default: throw SQLError(.runtime, "unit \"\(u.rawValue)\" not supported for INTERVAL")
        }
    }

    /// date_trunc: the start of the unit containing `t`.
    static func truncate(_ t: Int64, to u: DateUnit) throws(SQLError) -> Int64 {
        let c = CivilTime(t)
        func at(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 { DateTime.daysFromCivil(year: y, month: m, day: d) * DateTime.microsPerDay }
        switch u {
        case .microsecond: return t
        case .millisecond: return DateTime.floorDiv(t, 1000) * 1000
        case .second: return DateTime.floorDiv(t, 1_000_000) * 1_000_000
        case .minute: return DateTime.floorDiv(t, 60_000_000) * 60_000_000
        case .hour: return DateTime.floorDiv(t, 3_600_000_000) * 3_600_000_000
        case .day: return c.days * DateTime.microsPerDay
        case .week: return (c.days - c.isoDayOfWeek + 1) * DateTime.microsPerDay
        case .month: return at(c.year, c.month, 1)
        case .quarter: return at(c.year, (c.month - 1) / 3 * 3 + 1, 1)
        case .year: return at(c.year, 1, 1)
        case .decade: return at(DateTime.floorDiv(c.year, 10) * 10, 1, 1)
        case .century: return at(c.integerField(.century) * 100 - 99, 1, 1)
        case .millennium: return at(c.integerField(.millennium) * 1000 - 999, 1, 1)
        case .isoyear:
            let iso = c.isoWeek
            return (c.days - c.isoDayOfWeek + 1 - (iso.week - 1) * 7) * DateTime.microsPerDay
        default: throw SQLError(.runtime, "date_trunc: unit \"\(u.rawValue)\" not supported")
        }
    }

    /// date_diff: number of unit boundaries crossed going from `a` to `b`.
    static func difference(_ u: DateUnit, from a: Int64, to b: Int64) throws(SQLError) -> Int64 {
        let x = CivilTime(a), y = CivilTime(b)
        func floorDiff(_ unit: Int64) -> Int64 { DateTime.floorDiv(b, unit) - DateTime.floorDiv(a, unit) }
        switch u {
        case .microsecond:
            let (r, o) = b.subtractingReportingOverflow(a)
            if o { throw NumericArithmetic.overflow }
            return r
        case .millisecond: return floorDiff(1000)
        case .second: return floorDiff(1_000_000)
        case .minute: return floorDiff(60_000_000)
        case .hour: return floorDiff(3_600_000_000)
        case .day: return y.days - x.days
        case .week: return ((y.days - y.isoDayOfWeek) - (x.days - x.isoDayOfWeek)) / 7
        case .month: return (y.year * 12 + y.month) - (x.year * 12 + x.month)
        case .quarter: return (y.year * 4 + (y.month - 1) / 3) - (x.year * 4 + (x.month - 1) / 3)
        case .year: return y.year - x.year
        case .decade: return y.integerField(.decade) - x.integerField(.decade)
        case .century: return y.integerField(.century) - x.integerField(.century)
        case .millennium: return y.integerField(.millennium) - x.integerField(.millennium)
        default: throw SQLError(.runtime, "date_diff: unit \"\(u.rawValue)\" not supported")
        }
    }
}
