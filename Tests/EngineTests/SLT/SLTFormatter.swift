// How result values are printed for comparison, following SQLite's sqllogictest harness:
// one type letter per column (I integer, R real, T text), NULL as `NULL`,
// the empty string as `(empty)`, control characters as `@`.

import Columnar
import Foundation

/// Formats result values the way expected blocks spell them.
enum SLTFormatter {
    /// Text of `value` in a column of type letter `type` (`I`, `R` or `T`).
    static func format(_ value: Value, type: Character) -> String {
        if value.isNull { return "NULL" }
        switch type {
        case "I": return integerText(value)
        case "R": return realText(value)
        default: return text(value)
        }
    }

    /// `I`: integers as they are, DOUBLE/DECIMAL truncated toward zero, booleans 1/0,
    /// anything else through its text's leading integer (0 when there is none).
    static func integerText(_ value: Value) -> String {
        switch value {
        case let .int(v): return String(v)
        case let .bool(b): return b ? "1" : "0"
        case let .double(d): return truncatedText(d)
        case let .decimal(v, s):
            var q = v
            for _ in 0..<max(0, s) { q /= 10 }
            return String(q)
        default:
            return String(leadingInteger(value.rendered() ?? ""))
        }
    }

    /// `R`: `printf("%.3f")` of the numeric value; text through its leading number.
    static func realText(_ value: Value) -> String {
        switch value {
        case let .int(v): return String(v) + ".000"
        case let .bool(b): return b ? "1.000" : "0.000"
        case let .double(d): return fixed3(d)
        case let .decimal(v, s): return decimalFixed3(v, scale: s)
        default: return fixed3(leadingDouble(value.rendered() ?? ""))
        }
    }

    /// `T`: the value's text; `(empty)` for the empty string; bytes below 0x20 and DEL as `@`.
    static func text(_ value: Value) -> String {
        let raw = value.rendered() ?? "NULL"
        if raw.isEmpty { return "(empty)" }
        guard raw.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) else { return raw }
        var bytes = Array(raw.utf8)
        for i in bytes.indices where bytes[i] < 0x20 || bytes[i] == 0x7f { bytes[i] = UInt8(ascii: "@") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A double truncated toward zero, as an integer (0 for NaN, clamped at the Int64 range).
    static func truncatedText(_ d: Double) -> String {
        if d.isNaN { return "0" }
        let t = d.rounded(.towardZero)
        if t >= 9.223372036854775807e18 { return String(Int64.max) }
        if t <= -9.223372036854775808e18 { return String(Int64.min) }
        return String(Int64(t))
    }

    /// `%.3f` of a double, exactly as C's printf rounds its binary value.
    static func fixed3(_ d: Double) -> String {
        String(format: "%.3f", d)
    }

    /// Rounds a decimal to scale 3, half away from zero.
    static func decimalFixed3(_ v: Int128, scale: Int) -> String {
        var x = v
        var s = scale
        while s > 3 {
            let last = x % 10
            x /= 10
            s -= 1
            if s == 3 {
                if last >= 5 { x += 1 } else if last <= -5 { x -= 1 }
            }
        }
        while s < 3 {
            let (m, overflow) = x.multipliedReportingOverflow(by: 10)
            if overflow { return fixed3(Decimal128.toDouble(v, scale: scale)) }
            x = m
            s += 1
        }
        let negative = x < 0
        let mag = x.magnitude
        let frac = String(mag % 1000)
        return (negative ? "-" : "") + String(mag / 1000) + "." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// The integer at the start of `s` (after blanks, optional sign), or 0.
    static func leadingInteger(_ s: String) -> Int64 {
        var result: Int64 = 0
        var negative = false
        var started = false
        for c in s.utf8.drop(while: { $0 == 0x20 }) {
            if !started, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                negative = c == UInt8(ascii: "-")
                started = true
                continue
            }
            started = true
            guard c >= 0x30, c <= 0x39 else { break }
            let (m, o1) = result.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return negative ? Int64.min : Int64.max }
            result = a
        }
        return negative ? -result : result
    }

    /// The number at the start of `s` (like C's `atof`), or 0.
    static func leadingDouble(_ s: String) -> Double {
        let trimmed = s.drop(while: { $0 == " " }).prefix(64)
        var best = 0.0
        var end = trimmed.startIndex
        while end < trimmed.endIndex {
            end = trimmed.index(after: end)
            if let v = Double(trimmed[..<end]) { best = v }
        }
        return best
    }
}

