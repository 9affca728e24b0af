import Columnar
import Diagnostics

// Date, timestamp and interval arithmetic (PostgreSQL rules). Adding an interval applies
// months first (clamping to the month's last day: Jan 31 + 1 month = Feb 29 in 2024), then
// days, then microseconds. TIMESTAMP - TIMESTAMP gives whole days plus the remainder.

enum TemporalArithmetic {
    static let dateOverflow = SQLError(.runtime, "date out of range")
    static let timestampOverflow = SQLError(.runtime, "timestamp out of range")
    static let intervalOverflow = SQLError(.runtime, "interval out of range")

    /// Dispatches on the resolved argument types (see `ArithmeticResolve.temporal`).
    static func evaluate(_ op: ArithmeticOp, _ a: Column, _ b: Column, returnType: DataType) throws(SQLError) -> Column {
        var mask = combinedValidity([a, b])
        let n = a.count
        let subtract = op == .subtract
        switch (a.type, b.type) {
        case (.date, .int64), (.int64, .date):
            let (d, k) = a.type == .date ? (try a.ints(), try b.ints()) : (try b.ints(), try a.ints())
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where isValid(mask, i) {
                let (r, o) = subtract ? d[i].subtractingReportingOverflow(k[i]) : d[i].addingReportingOverflow(k[i])
                if o || r > 100_000_000 || r < -100_000_000 { throw dateOverflow }
                out[i] = r
            }
            return Column(type: .date, storage: .int(out), validity: mask)
        case (.date, .date):
            let x = try a.ints(), y = try b.ints()
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where isValid(mask, i) {
                let (r, o) = x[i].subtractingReportingOverflow(y[i])
                if o || r > Int64(Int32.max) || r < Int64(Int32.min) { throw NumericArithmetic.overflow }
                out[i] = r
            }
            return Column(type: .int32, storage: .int(out), validity: mask)
        case (.timestamp, .timestamp):
            let x = try a.ints(), y = try b.ints()
            var out = [Interval](repeating: Interval(), count: n)
            for i in 0..<n where isValid(mask, i) {
                let (r, o) = x[i].subtractingReportingOverflow(y[i])
                if o { throw intervalOverflow }
                out[i] = Interval(days: Int32(truncatingIfNeeded: r / Interval.microsPerDay), micros: r % Interval.microsPerDay)
            }
            return Column(type: .interval, storage: .interval(out), validity: mask)
        case (.timestamp, .interval), (.interval, .timestamp):
            let (t, v) = a.type == .timestamp ? (try a.ints(), try b.intervals()) : (try b.ints(), try a.intervals())
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where isValid(mask, i) {
                var iv = v[i]
                if subtract {
                    guard iv.months != .min, iv.days != .min, iv.micros != .min else { throw intervalOverflow }
                    iv = Interval(months: -iv.months, days: -iv.days, micros: -iv.micros)
                }
                guard let r = addInterval(t[i], iv) else { throw timestampOverflow }
                out[i] = r
            }
            return Column(type: .timestamp, storage: .int(out), validity: mask)
        case (.interval, .interval):
            let x = try a.intervals(), y = try b.intervals()
            var out = [Interval](repeating: Interval(), count: n)
            for i in 0..<n where isValid(mask, i) {
                let m = subtract ? x[i].months.subtractingReportingOverflow(y[i].months) : x[i].months.addingReportingOverflow(y[i].months)
                let d = subtract ? x[i].days.subtractingReportingOverflow(y[i].days) : x[i].days.addingReportingOverflow(y[i].days)
                let u = subtract ? x[i].micros.subtractingReportingOverflow(y[i].micros) : x[i].micros.addingReportingOverflow(y[i].micros)
                if m.overflow || d.overflow || u.overflow { throw intervalOverflow }
                out[i] = Interval(months: m.partialValue, days: d.partialValue, micros: u.partialValue)
            }
            return Column(type: .interval, storage: .interval(out), validity: mask)
        default:
            return try scaleIntervals(op, a, b, &mask)
        }
    }

    /// INTERVAL * number, number * INTERVAL, INTERVAL / number.
    static func scaleIntervals(_ op: ArithmeticOp, _ a: Column, _ b: Column, _ mask: inout Bitmap?) throws(SQLError) -> Column {
        let (ivColumn, factorColumn) = a.type == .interval ? (a, b) : (b, a)
        let v = try ivColumn.intervals()
        let n = v.count
        var out = [Interval](repeating: Interval(), count: n)
        if case let .int(k) = factorColumn.storage, op == .multiply {
            for i in 0..<n where isValid(mask, i) {
                let m = v[i].months.multipliedReportingOverflow(by: Int32(truncatingIfNeeded: k[i]))
                let d = v[i].days.multipliedReportingOverflow(by: Int32(truncatingIfNeeded: k[i]))
                let u = v[i].micros.multipliedReportingOverflow(by: k[i])
                if m.overflow || d.overflow || u.overflow || k[i] > Int64(Int32.max) || k[i] < Int64(Int32.min) { throw intervalOverflow }
                out[i] = Interval(months: m.partialValue, days: d.partialValue, micros: u.partialValue)
            }
        } else {
            let f = try factorColumn.numericAsDoubles()
            for i in 0..<n where isValid(mask, i) {
                if op == .divide && f[i] == 0 { setNull(&mask, i, count: n); continue }
                guard let r = scale(v[i], by: op == .divide ? 1 / f[i] : f[i]) else { throw intervalOverflow }
                out[i] = r
            }
        }
        return Column(type: .interval, storage: .interval(out), validity: mask)
    }

    /// An interval times a fraction; fractional months spill into 30-day days and fractional
    /// days into microseconds, as PostgreSQL does.
    static func scale(_ v: Interval, by f: Double) -> Interval? {
        let months = Double(v.months) * f
        let wholeMonths = months.rounded(.towardZero)
        let days = Double(v.days) * f + (months - wholeMonths) * 30
        let wholeDays = days.rounded(.towardZero)
        let micros = (Double(v.micros) * f + (days - wholeDays) * Double(Interval.microsPerDay)).rounded()
        guard wholeMonths.isFinite, abs(wholeMonths) <= Double(Int32.max), abs(wholeDays) <= Double(Int32.max),
              micros.isFinite, abs(micros) < 9.2e18 else { return nil }
        return Interval(months: Int32(wholeMonths), days: Int32(wholeDays), micros: Int64(micros))
    }

    /// Timestamp plus an interval: months (clamped to month end), then days, then micros.
    static func addInterval(_ t: Int64, _ v: Interval) -> Int64? {
        var t = t
        if v.months != 0 {
            guard let r = addMonths(t, Int64(v.months)) else { return nil }
            t = r
        }
        let (dm, o1) = Int64(v.days).multipliedReportingOverflow(by: Interval.microsPerDay)
        let (t1, o2) = t.addingReportingOverflow(dm)
        let (t2, o3) = t1.addingReportingOverflow(v.micros)
        if o1 || o2 || o3 { return nil }
        return t2
    }

    /// Timestamp plus whole months, clamping the day to the target month's length.
    static func addMonths(_ t: Int64, _ months: Int64) -> Int64? {
        let days = DateTime.floorDiv(t, Interval.microsPerDay)
        let timeOfDay = t - days * Interval.microsPerDay
        guard let newDays = addMonths(days: days, months) else { return nil }
        let (r, o) = newDays.multipliedReportingOverflow(by: Interval.microsPerDay)
        if o { return nil }
        let (r2, o2) = r.addingReportingOverflow(timeOfDay)
        return o2 ? nil : r2
    }

    /// Day number plus whole months, clamped to month end.
    static func addMonths(days: Int64, _ months: Int64) -> Int64? {
        guard abs(days) < 1_000_000_000, abs(months) < 1_000_000_000 else { return nil }
        let (y, m, d) = DateTime.civilFromDays(days)
        let total = y * 12 + (m - 1) + months
        let ny = DateTime.floorDiv(total, 12), nm = total - ny * 12 + 1
        let nd = min(d, DateTime.daysInMonth(year: ny, month: nm))
        return DateTime.daysFromCivil(year: ny, month: nm, day: nd)
    }
}
