import Columnar
import Diagnostics

/// Implicit type coercions, in one place (documented in grammar/README.md):
///
/// - integers widen to the wider integer; integer with DECIMAL gives DECIMAL wide enough;
///   anything with FLOAT/DOUBLE gives DOUBLE;
/// - a string literal meets a DATE/TIMESTAMP/number as that type (the binder casts literals);
/// - DATE with TIMESTAMP gives TIMESTAMP;
/// - NULL coerces to anything.
public enum TypeCoercion {
    /// Rank of numeric types for widening.
    static func integerRank(_ t: DataType) -> Int {
        switch t {
        case .boolean: return 0
        case .int8: return 1
        case .int16: return 2
        case .int32: return 3
        case .int64: return 4
        default: return -1
        }
    }

    /// Digits before the point an integer type needs as a decimal.
    static func integerDigits(_ t: DataType) -> Int {
        switch t {
        case .int8: return 3
        case .int16: return 5
        case .int32: return 10
        default: return 19
        }
    }

    /// The type both `a` and `b` convert to without losing meaning, or nil when there is none
    /// (e.g. DATE and BOOLEAN).
    public static func commonType(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        switch (a, b) {
        case (.null, _): return b
        case (_, .null): return a
        case (.float32, .float32): return .float32
        case (.float64, _) where b.isNumeric, (_, .float64) where a.isNumeric: return .float64
        case (.float32, _) where b.isNumeric, (_, .float32) where a.isNumeric: return .float64
        case let (.decimal(p1, s1), .decimal(p2, s2)):
            let s = max(s1, s2)
            let p = min(DataType.maxDecimalPrecision, max(p1 - s1, p2 - s2) + s)
            return .decimal(precision: p, scale: s)
        case let (.decimal(p, s), i) where i.isInteger, let (i, .decimal(p, s)) where i.isInteger:
            let digits = max(p - s, integerDigits(i))
            return .decimal(precision: min(DataType.maxDecimalPrecision, digits + s), scale: s)
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        case (.string, _), (_, .string):
            // strings meet other types only through literals, which the binder casts first
            return nil
        case let (.array(x), .array(y)):
            guard let e = commonType(x, y) else { return nil }
            return .array(e)
        default:
            let ra = integerRank(a), rb = integerRank(b)
            if ra > 0, rb > 0 { return ra >= rb ? a : b }
            return nil
        }
    }

    /// Common type of several types (CASE branches, COALESCE, IN lists, UNION columns).
    public static func commonType(_ types: [DataType]) -> DataType? {
        guard var result = types.first else { return .null }
        for t in types.dropFirst() {
            guard let c = commonType(result, t) else { return nil }
            result = c
        }
        return result
    }

    /// True when a value of `from` may be implicitly converted to `to` (function arguments).
    public static func canImplicitlyCast(_ from: DataType, to: DataType) -> Bool {
        if from == to || from == .null { return true }
        if let c = commonType(from, to), c == to { return true }
        return false
    }
}
