import Columnar
import Diagnostics

/// Loops behind the date and time functions.
enum DateKernels {
    /// Parses unit names per row, reusing the last result while the bytes repeat
    /// (the unit is nearly always a constant), so no String is made per row.
    struct UnitCache {
        var bytes: [UInt8]? = nil
        var unit: DateUnit = .day

        mutating func get(_ s: StringStorage, _ i: Int, function: String) throws(SQLError) -> DateUnit {
            let b = s.slice(i)
            if let cached = bytes, cached.elementsEqual(b) { return unit }
            unit = try DateUnit.require(s[i], for: function)
            bytes = Array(b)
            return unit
        }
    }

    /// The unit every row names, when all rows hold the same text (nil otherwise).
    static func sameUnit(_ s: StringStorage, count: Int, function: String) throws(SQLError) -> DateUnit? {
        guard count > 0, s.offsets.count == count + 1 else { return nil }
        let first = s.offsets[0], length = s.offsets[1] - s.offsets[0]
        let same = s.bytes.withUnsafeBufferPointer { b -> Bool in
            guard let base = b.baseAddress else { return length == 0 && s.offsets.allSatisfy { $0 == first } }
            for i in 1..<count {
                let start = s.offsets[i]
                guard s.offsets[i + 1] - start == length else { return false }
                for k in 0..<length where base[start + k] != base[first + k] { return false }
            }
            return true
        }
        return same ? try DateUnit.require(s[0], for: function) : nil
    }

    /// date_part(field, timestamp | interval) as DOUBLE.
    static func datePart(_ a: [Column], count: Int) throws(SQLError) -> Column {
        let units = try a[0].strings()
        let mask = combinedValidity(a)
        var cache = UnitCache()
        var out = [Double](repeating: 0, count: count)
        if case let .interval(v) = a[1].storage {
            for i in 0..<count where isValid(mask, i) { out[i] = try DateFields.part(cache.get(units, i, function: "date_part"), ofInterval: v[i]) }
        } else {
            let ts = try a[1].ints()
            for i in 0..<count where isValid(mask, i) { out[i] = DateFields.part(try cache.get(units, i, function: "date_part"), ofTimestamp: ts[i]) }
        }
        return Column(type: .float64, storage: .double(out), validity: mask)
    }

    /// (unit, timestamp) -> Int64 functions such as date_trunc.
    static func withUnit(_ a: [Column], count: Int, function: String, type: DataType,
                         _ f: (DateUnit, Int64) throws(SQLError) -> Int64) throws(SQLError) -> Column {
        let units = try a[0].strings(), ts = try a[1].ints()
        let mask = combinedValidity(a)
        var cache = UnitCache()
        var out = [Int64](repeating: 0, count: count)
        // The unit is nearly always one constant: parsed once, then a plain loop.
        if let unit = try sameUnit(units, count: count, function: function) {
            for i in 0..<count where isValid(mask, i) { out[i] = try f(unit, ts[i]) }
            return Column(type: type, storage: .int(out), validity: mask)
        }
        for i in 0..<count where isValid(mask, i) { out[i] = try f(cache.get(units, i, function: function), ts[i]) }
        return Column(type: type, storage: .int(out), validity: mask)
    }

    /// date_diff(unit, start, end).
    static func dateDiff(_ a: [Column], count: Int) throws(SQLError) -> Column {
        let units = try a[0].strings(), s = try a[1].ints(), e = try a[2].ints()
        let mask = combinedValidity(a)
        var cache = UnitCache()
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count where isValid(mask, i) {
            out[i] = try DateFields.difference(cache.get(units, i, function: "date_diff"), from: s[i], to: e[i])
        }
        return Column(type: .int64, storage: .int(out), validity: mask)
    }

    /// to_date / to_timestamp of text, ISO or with a format.
    static func parse(_ a: [Column], count: Int, type: DataType) throws(SQLError) -> Column {
        let s = try a[0].strings()
        let f = a.count > 1 ? try a[1].strings() : nil
        let mask = combinedValidity(a)
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count where isValid(mask, i) {
            let text = s[i]
            var t: Int64?
            if let f { t = try DateFormat.parse(text, f[i]) } else { t = DateTime.parseTimestamp(text) }
            guard let v = t else {
                throw SQLError(.runtime, "invalid input for \(type): \"\(text)\"", notes: f.map { ["expected format \"\($0[i])\""] } ?? [])
            }
            out[i] = type == .date ? DateTime.floorDiv(v, DateTime.microsPerDay) : v
        }
        return Column(type: type, storage: .int(out), validity: mask)
    }

    /// to_timestamp(epoch seconds).
    static func fromEpoch(_ c: Column) throws(SQLError) -> Column {
        let d = try c.doubles()
        var out = [Int64](repeating: 0, count: d.count)
        for i in 0..<d.count where !c.isNull(i) {
            let us = (d[i] * 1_000_000).rounded()
            guard us.isFinite, abs(us) < 9.2e18 else { throw TemporalArithmetic.timestampOverflow }
            out[i] = Int64(us)
        }
        return Column(type: .timestamp, storage: .int(out), validity: c.validity)
    }

    /// make_date(year, month, day).
    static func makeDate(_ a: [Column], count: Int) throws(SQLError) -> Column {
        let y = try a[0].ints(), m = try a[1].ints(), d = try a[2].ints()
        let mask = combinedValidity(a)
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count where isValid(mask, i) {
            guard abs(y[i]) <= 294_276, m[i] >= 1, m[i] <= 12, d[i] >= 1, d[i] <= DateTime.daysInMonth(year: y[i], month: m[i]) else {
                throw SQLError(.runtime, "date field value out of range: \(y[i])-\(m[i])-\(d[i])")
            }
            out[i] = DateTime.daysFromCivil(year: y[i], month: m[i], day: d[i])
        }
        return Column(type: .date, storage: .int(out), validity: mask)
    }
}
