/// An interval as PostgreSQL keeps it: months, days and microseconds, each signed,
/// never normalised into each other (a month is not a fixed number of days).
public struct Interval: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var months: Int32
    public var days: Int32
    public var micros: Int64

    /// Creates an interval.
    public init(months: Int32 = 0, days: Int32 = 0, micros: Int64 = 0) {
        self.months = months
        self.days = days
        self.micros = micros
    }

    /// Microseconds per day.
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Approximate length in microseconds (30-day months), used to order intervals.
    public var approximateMicros: Double {
        Double(months) * 30 * Double(Interval.microsPerDay) + Double(days) * Double(Interval.microsPerDay) + Double(micros)
    }

    public static func < (a: Interval, b: Interval) -> Bool { a.approximateMicros < b.approximateMicros }

    /// PostgreSQL-style text: `1 year 2 mons 3 days 04:05:06.5`.
    public var description: String {
        var parts: [String] = []
        let years = months / 12, mons = months % 12
        if years != 0 { parts.append("\(years) year\(abs(years) == 1 ? "" : "s")") }
        if mons != 0 { parts.append("\(mons) mon\(abs(mons) == 1 ? "" : "s")") }
        if days != 0 { parts.append("\(days) day\(abs(days) == 1 ? "" : "s")") }
        if micros != 0 || parts.isEmpty {
            let negative = micros < 0
            let m = micros.magnitude
            let totalSeconds = m / 1_000_000
            let frac = m % 1_000_000
            let h = totalSeconds / 3600, mi = (totalSeconds / 60) % 60, s = totalSeconds % 60
            var t = (negative ? "-" : "") + pad2(h) + ":" + pad2(mi) + ":" + pad2(s)
            if frac != 0 {
                var f = String(frac)
                f = String(repeating: "0", count: 6 - f.count) + f
                while f.hasSuffix("0") { f.removeLast() }
                t += "." + f
            }
            parts.append(t)
        }
        return parts.joined(separator: " ")
    }
}

@inline(__always) func pad2<T: BinaryInteger>(_ v: T) -> String {
    v < 10 ? "0\(v)" : "\(v)"
}
