#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Columnar

/// The pieces of a number token (`-12.50e3`): sign, integer digits, fraction digits and
/// exponent, found without converting anything. Parsers for each column type build
/// their value from these pieces, so every conversion is exact.
struct JSONNumber {
    var negative = false
    var intStart = 0, intEnd = 0
    var fracStart = 0, fracEnd = 0
    /// Decimal exponent as written (clamped to ±1,000,000).
    var exponent = 0
    /// True when the token has a `.` or an exponent.
    var isIntegral: Bool { fracStart == fracEnd && !hasExponent }
    var hasExponent = false
    /// The token's bounds.
    var tokenStart = 0, tokenEnd = 0

    /// Splits `[s, e)` into number pieces; nil unless it is a whole number token
    /// (`[+-]?digits[.digits][(e|E)[+-]digits]`).
    init?(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) {
        var i = s
        tokenStart = s; tokenEnd = e
        guard i < e else { return nil }
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        intStart = i
        while i < e, p[i] &- 0x30 < 10 { i += 1 }
        intEnd = i
        guard intEnd > intStart else { return nil }
        fracStart = i; fracEnd = i
        if i < e, p[i] == 0x2E {
            i += 1
            fracStart = i
            while i < e, p[i] &- 0x30 < 10 { i += 1 }
            fracEnd = i
            guard fracEnd > fracStart else { return nil }
        }
        if i < e, p[i] | 0x20 == 0x65 {
            hasExponent = true
            i += 1
            var expNegative = false
            if i < e, p[i] == 0x2D || p[i] == 0x2B { expNegative = p[i] == 0x2D; i += 1 }
            let digitsStart = i
            var x = 0
            while i < e, p[i] &- 0x30 < 10 {
                if x < 1_000_000 { x = x * 10 + Int(p[i] - 0x30) }
                i += 1
            }
            guard i > digitsStart else { return nil }
            exponent = expNegative ? -x : x
        }
        guard i == e else { return nil }
    }

    /// Total digit count (integer and fraction parts).
    var digitCount: Int { (intEnd - intStart) + (fracEnd - fracStart) }

    /// Digit `k` of the concatenated integer and fraction digits.
    @inline(__always) func digit(_ p: UnsafePointer<UInt8>, _ k: Int) -> UInt8 {
        let n = intEnd - intStart
        return k < n ? p[intStart + k] &- 0x30 : p[fracStart + k - n] &- 0x30
    }

    /// The value as an Int64, when it is an integer token that fits.
    func int64(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard isIntegral else { return nil }
        var m: UInt64 = 0
        for k in intStart..<intEnd {
            let (a, o1) = m.multipliedReportingOverflow(by: 10)
            let (b, o2) = a.addingReportingOverflow(UInt64(p[k] - 0x30))
            if o1 || o2 { return nil }
            m = b
        }
        if negative {
            if m <= UInt64(Int64.max) { return -Int64(m) }
            return m == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    /// Exact powers of ten representable in a Double.
    static let exactPowers: [Double] = (0...22).map { n in
        var v = 1.0
        for _ in 0..<n { v *= 10 }
        return v
    }

    /// The correctly rounded Double: a fast path when the digits fit 2^53 and the power of
    /// ten is exact (Clinger), `strtod` on a copy otherwise.
    func double(_ p: UnsafePointer<UInt8>) -> Double {
        var k = 0
        let n = digitCount
        while k < n, digit(p, k) == 0 { k += 1 }
        if k == n { return negative ? -0.0 : 0.0 }
        if n - k <= 15 {
            var m: UInt64 = 0
            for j in k..<n { m = m * 10 + UInt64(digit(p, j)) }
            let e10 = exponent - (fracEnd - fracStart)
            if e10 >= -22 && e10 <= 22 {
                // Both operands are exact, so the one IEEE rounding gives the correct result.
                let v = e10 >= 0 ? Double(m) * JSONNumber.exactPowers[e10] : Double(m) / JSONNumber.exactPowers[-e10]
                return negative ? -v : v
            }
        }
        return slowDouble(p)
    }

    /// `strtod` on a NUL-terminated copy of the token (already validated as a number).
    func slowDouble(_ p: UnsafePointer<UInt8>) -> Double {
        let start = tokenStart, end = tokenEnd
        var buf = [CChar](repeating: 0, count: end - start + 1)
        for j in start..<end { buf[j - start] = CChar(bitPattern: p[j]) }
        if p[start] == 0x2B { buf[0] = 0x30 } // '+' -> leading zero keeps the value
        return buf.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return 0 }
            return strtod(base, nil)
        }
    }

    /// The value as an unscaled decimal at `scale` with at most `precision` digits,
    /// rounding extra fraction digits half away from zero; nil when it does not fit.
    func decimal(_ p: UnsafePointer<UInt8>, precision: Int, scale: Int) -> Int128? {
        let n = digitCount
        var k = 0
        while k < n, digit(p, k) == 0 { k += 1 }
        if k == n { return 0 }
        let shift = exponent - (fracEnd - fracStart) + scale
        let significant = n - k
        var keep = significant
        if shift < 0 { keep = significant + shift }
        if keep + max(shift, 0) > precision { return nil }
        var m: Int128 = 0
        if keep > 0 {
            var small: Int64 = 0
            var j = k
            let fastEnd = k + min(keep, 18)
            while j < fastEnd { small = small * 10 + Int64(digit(p, j)); j += 1 }
            m = Int128(small)
            while j < k + keep { m = m * 10 + Int128(digit(p, j)); j += 1 }
        }
        if shift < 0 {
            let next = k + keep
            if next >= k, next < n, digit(p, next) >= 5 { m += 1 }
        } else if shift > 0 {
            m *= Decimal128.powersOf10[shift]
        }
        if m > Decimal128.maxMagnitude(precision: precision) { return nil }
        return negative ? -m : m
    }
}
