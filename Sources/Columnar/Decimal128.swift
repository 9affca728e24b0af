/// Helpers for exact decimals stored as an unscaled `Int128` plus a scale.
public enum Decimal128 {
    /// 10^n for n in 0...38.
    public static let powersOf10: [Int128] = {
        var p: [Int128] = [1]
        for _ in 1...38 { p.append(p[p.count - 1] * 10) }
        return p
    }()

    /// Largest unscaled magnitude of a DECIMAL(precision, _).
    public static func maxMagnitude(precision: Int) -> Int128 {
        powersOf10[min(max(precision, 1), 38)] - 1
    }

    /// The value as a Double (may round).
    public static func toDouble(_ v: Int128, scale: Int) -> Double {
        Double(v) / Double(powersOf10[min(max(scale, 0), 38)])
    }

    /// Text with exactly `scale` digits after the point: `format(12345, 2)` is "123.45".
    public static func format(_ v: Int128, scale: Int) -> String {
        let negative = v < 0
        var digits = String(v.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Rescales `v` from scale `from` to scale `to`, rounding half away from zero when
    /// digits are dropped; `nil` on overflow.
    public static func rescale(_ v: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return v }
        if to > from {
            let (r, o) = v.multipliedReportingOverflow(by: powersOf10[min(to - from, 38)])
            return o ? nil : r
        }
        let p = powersOf10[min(from - to, 38)]
        let q = v / p, rem = v % p
        if rem.magnitude * 2 >= p.magnitude { return v < 0 ? q - 1 : q + 1 }
        return q
    }

    /// Parses decimal text such as `-12.50`, `3`, `1e3` into an unscaled value at `scale`.
    /// Returns nil when the text is not a number or does not fit 38 digits.
    public static func parse(_ text: Substring, scale: Int) -> Int128? {
        var bytes = Array(text.utf8)
        while let f = bytes.first, f == 0x20 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { negative = bytes[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: Int128 = 0
        var fracDigits = 0
        var sawDigit = false, sawPoint = false
        var exponent = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
                let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m.addingReportingOverflow(Int128(b - 0x30))
                if o1 || o2 { return nil }
                mantissa = m2
                if sawPoint { fracDigits += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && sawDigit {
                guard let e = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)) else { return nil }
                exponent = e
                i = bytes.count
                break
            } else {
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        let currentScale = fracDigits - exponent
        if currentScale > 76 || currentScale < -38 { return mantissa == 0 ? 0 : nil }
        var result: Int128
        if currentScale > 38 {
            // Too many fractional digits: drop them first.
            var m = mantissa
            var s = currentScale
            while s > 38 { m /= 10; s -= 1 }
            guard let r = rescale(m, from: s, to: scale) else { return nil }
            result = r
        } else if currentScale < 0 {
            guard let r = rescale(mantissa, from: 0, to: scale - currentScale) else { return nil }
            result = r
        } else {
            guard let r = rescale(mantissa, from: currentScale, to: scale) else { return nil }
            result = r
        }
        return negative ? -result : result
    }
}
