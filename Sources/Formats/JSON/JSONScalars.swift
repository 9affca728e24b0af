import Columnar

/// Conversions of one JSON value `[s, e)` (its first byte tells its kind) to the
/// storage of a declared scalar type. `nil` is SQL NULL (JSON null); a value of the wrong
/// kind or one that does not fit throws, which makes the record bad.
enum JSONScalars {
    /// Inner bytes of a string value with surrounding blanks trimmed.
    @inline(__always) static func trimmedInner(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        var a = s + 1, b = e - 1
        while a < b, p[a] == 0x20 { a += 1 }
        while b > a, p[b - 1] == 0x20 { b -= 1 }
        return (a, b)
    }

    /// True when `[s, e)` equals the lower-case ASCII `word`, ignoring case.
    static func equalsIgnoringCase(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ word: StaticString) -> Bool {
        guard e - s == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(e - s) where JSONBytes.lower(p[s + k]) != w[k] { return false }
        return true
    }

    static func boolean(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ path: String) throws(JSONValueError) -> Bool? {
        switch p[s] {
        case 0x74: return true
        case 0x66: return false
        case 0x6E: return nil
        case JSONBytes.quote:
            let (a, b) = trimmedInner(p, s, e)
            if equalsIgnoringCase(p, a, b, "true") { return true }
            if equalsIgnoringCase(p, a, b, "false") { return false }
        default: break
        }
        throw .mismatch(path, "BOOLEAN", p, s, e)
    }

    /// Fast path of `integer`: 1 to 18 plain digits without a leading zero, within
    /// `[min, max]`; nil for anything else (the general path then decides).
    @inline(__always)
    static func plainInteger(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, min: Int64, max: Int64) -> Int64? {
        guard e - s <= 18, e > s, p[s] != 0x30 || e - s == 1 else { return nil }
        var v: Int64 = 0
        var i = s
        while i < e {
            let d = p[i] &- 0x30
            if d > 9 { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return v >= min && v <= max ? v : nil
    }

    static func integer(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, min: Int64, max: Int64, _ path: String) throws(JSONValueError) -> Int64? {
        if let v = plainInteger(p, s, e, min: min, max: max) { return v }
        var a = s, b = e
        switch p[s] {
        case 0x6E: return nil
        case JSONBytes.quote: (a, b) = trimmedInner(p, s, e)
        case 0x2D, 0x30...0x39: break
        default: throw .mismatch(path, typeName(min: min), p, s, e)
        }
        guard let n = JSONNumber(p, a, b), n.isIntegral else { throw .mismatch(path, typeName(min: min), p, s, e) }
        guard let v = n.int64(p), v >= min, v <= max else { throw .range(path, typeName(min: min), p, s, e) }
        return v
    }

    static func typeName(min: Int64) -> String {
        switch min {
        case Int64(Int8.min): return "TINYINT"
        case Int64(Int16.min): return "SMALLINT"
        case Int64(Int32.min): return "INTEGER"
        default: return "BIGINT"
        }
    }

    static func double(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ path: String, _ typeName: String) throws(JSONValueError) -> Double? {
        switch p[s] {
        case 0x6E: return nil
        case 0x2D, 0x30...0x39:
            if let n = JSONNumber(p, s, e) { return n.double(p) }
        case JSONBytes.quote:
            let (a, b) = trimmedInner(p, s, e)
            if let n = JSONNumber(p, a, b) { return n.double(p) }
            var c = a
            var sign = 1.0
            if c < b, p[c] == 0x2D || p[c] == 0x2B { sign = p[c] == 0x2D ? -1 : 1; c += 1 }
            if equalsIgnoringCase(p, c, b, "nan") { return .nan }
            if equalsIgnoringCase(p, c, b, "infinity") || equalsIgnoringCase(p, c, b, "inf") { return sign * .infinity }
        default: break
        }
        throw .mismatch(path, typeName, p, s, e)
    }

    static func decimal(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, precision: Int, scale: Int, _ path: String) throws(JSONValueError) -> Int128? {
        if let v = plainDecimal(p, s, e, precision: precision, scale: scale) { return v }
        var a = s, b = e
        switch p[s] {
        case 0x6E: return nil
        case JSONBytes.quote: (a, b) = trimmedInner(p, s, e)
        case 0x2D, 0x30...0x39: break
        default: throw .mismatch(path, "DECIMAL(\(precision),\(scale))", p, s, e)
        }
        guard let n = JSONNumber(p, a, b) else { throw .mismatch(path, "DECIMAL(\(precision),\(scale))", p, s, e) }
        guard let v = n.decimal(p, precision: precision, scale: scale) else {
            throw .range(path, "DECIMAL(\(precision),\(scale))", p, s, e)
        }
        return v
    }

    /// Fast path of `decimal`: `-?digits[.digits]` with at most 18 digits and at most
    /// `scale` fraction digits, read in one pass; nil when the token is anything else or
    /// does not fit (the general path then decides, so results are the same).
    @inline(__always)
    static func plainDecimal(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, precision: Int, scale: Int) -> Int128? {
        guard scale >= 0, scale <= 38 else { return nil }
        return Decimal128.powersOf10.withUnsafeBufferPointer { f -> Int128? in
            guard let base = f.baseAddress, f.count > 38 else { return nil }
            return plainDecimal(p, s, e, scale: scale, factor: base, maxMagnitude: Decimal128.maxMagnitude(precision: precision))
        }
    }

    /// `plainDecimal` with the powers of ten (`factor[k]` = 10^k for k up to `scale`) and
    /// the largest magnitude of the precision at hand, so a scan looks them up once.
    @inline(__always)
    static func plainDecimal(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, scale: Int, factor: UnsafePointer<Int128>, maxMagnitude: Int128) -> Int128? {
        var i = s
        let negative = i < e && p[i] == 0x2D
        if negative { i += 1 }
        guard e - i <= 19, i < e, p[i] &- 0x30 < 10 else { return nil }
        var v: Int64 = 0
        let start = i
        while i < e {
            let d = p[i] &- 0x30
            if d >= 10 { break }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        var digits = i - start
        var fraction = 0
        if i < e {
            guard p[i] == 0x2E else { return nil }
            i += 1
            let fractionStart = i
            while i < e {
                let d = p[i] &- 0x30
                if d >= 10 { return nil }
                v = v &* 10 &+ Int64(d)
                i += 1
            }
            fraction = i - fractionStart
            if fraction == 0 { return nil }
            digits += fraction
        }
        guard digits <= 18, fraction <= scale, scale <= 38 else { return nil }
        var m = Int128(v)
        if fraction < scale {
            let (r, overflow) = m.multipliedReportingOverflow(by: factor[scale - fraction])
            if overflow { return nil }
            m = r
        }
        guard m <= maxMagnitude else { return nil }
        return negative ? -m : m
    }

    /// DATE from `YYYY-MM-DD`, or the date part (as written) of a timestamp string.
    static func date(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ path: String) throws(JSONValueError) -> Int64? {
        if p[s] == 0x6E { return nil }
        if p[s] == JSONBytes.quote {
            let (a, b) = trimmedInner(p, s, e)
            let inner = UnsafeBufferPointer(start: p + a, count: b - a)
            var dateEnd = 0
            while dateEnd < inner.count, inner[dateEnd] != 0x54, inner[dateEnd] != 0x74, inner[dateEnd] != 0x20 { dateEnd += 1 }
            if let micros = DateTime.parseTimestamp(bytes: UnsafeBufferPointer(rebasing: inner[0..<dateEnd])),
               DateTime.parseTimestamp(bytes: inner) != nil {
                return DateTime.floorDiv(micros, DateTime.microsPerDay)
            }
        }
        throw .mismatch(path, "DATE", p, s, e)
    }

    /// TIMESTAMP from an ISO-8601 string (UTC-normalised) or an epoch number: seconds when
    /// |x| < 1e11, else milliseconds (fractions kept to the microsecond).
    static func timestamp(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ path: String) throws(JSONValueError) -> Int64? {
        var a = s, b = e
        switch p[s] {
        case 0x6E: return nil
        case JSONBytes.quote:
            (a, b) = trimmedInner(p, s, e)
            if let v = DateTime.parseTimestamp(bytes: UnsafeBufferPointer(start: p + a, count: b - a)) { return v }
        case 0x2D, 0x30...0x39: break
        default: throw .mismatch(path, "TIMESTAMP", p, s, e)
        }
        guard let n = JSONNumber(p, a, b) else { throw .mismatch(path, "TIMESTAMP", p, s, e) }
        guard var micros = n.decimal(p, precision: 38, scale: 6) else { throw .range(path, "TIMESTAMP", p, s, e) }
        if micros.magnitude >= 100_000_000_000 * 1_000_000 {
            guard let m = n.decimal(p, precision: 38, scale: 3) else { throw .range(path, "TIMESTAMP", p, s, e) }
            micros = m
        }
        guard micros >= Int128(Int64.min), micros <= Int128(Int64.max) else { throw .range(path, "TIMESTAMP", p, s, e) }
        return Int64(micros)
    }
}

extension JSONScalars {
    /// The text of a value for a STRING column: a string's content (unescaped into
    /// `scratch` when it has escapes: then `escaped` is true), or the raw JSON text of a
    /// number, boolean, object or array. nil for JSON null.
    @inline(__always)
    static func stringSpan(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ scratch: inout [UInt8], _ path: String) throws(JSONValueError) -> (Int, Int, Bool)? {
        let first = p[s]
        if first == JSONBytes.quote {
            let a = s + 1, b = e - 1
            // Inside the quotes a quote is always escaped, so the first hit is a backslash.
            if JSONBytes.findQuoteOrBackslash(p, a, b) < 0 { return (a, b, false) }
            scratch.removeAll(keepingCapacity: true)
            guard JSONUnescape.unescape(p, a, b, into: &scratch) else {
                throw JSONValueError(path: path, detail: "invalid escape in \(JSONValueError.token(p, s, e))")
            }
            return (0, scratch.count, true)
        }
        if first == 0x6E { return nil }
        return (s, e, false)
    }
}
