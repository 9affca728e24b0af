import Columnar
import Diagnostics

// Type rules of + - * / % (PostgreSQL's, with division by zero giving NULL):
//
//   integer op integer      -> the wider integer (overflow is an error)
//   decimal +,- decimal     -> scale max(s1,s2), precision max(p1-s1,p2-s2)+scale+1 (<= 38)
//   decimal * decimal       -> scale s1+s2, precision p1+p2 (<= 38)
//   decimal / decimal       -> DOUBLE
//   anything with DOUBLE    -> DOUBLE
//   DATE ± integer -> DATE; DATE - DATE -> INTEGER; TIMESTAMP - TIMESTAMP -> INTERVAL;
//   DATE/TIMESTAMP ± INTERVAL -> TIMESTAMP; INTERVAL ± INTERVAL; INTERVAL * / number

/// The five arithmetic operators.
enum ArithmeticOp: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
}

enum ArithmeticResolve {
    /// Argument and result types of `a op b`.
    static func resolve(_ op: ArithmeticOp, _ types: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard types.count == 2 else { throw noSuchFunction(op.rawValue, types, "takes two arguments") }
        var a = types[0], b = types[1]
        if a == .null && b == .null { a = .int64; b = .int64 }
        if a == .null { a = nullPartner(op, b) }
        if b == .null { b = nullPartner(op, a) }
        if a == .string || b == .string {
            throw noSuchOperator(op.rawValue, types, note: op == .add ? "use || to concatenate strings" : nil)
        }
        if a.isNumeric && b.isNumeric { return try numeric(op, a, b, types) }
        if let s = temporal(op, a, b) { return s }
        throw noSuchOperator(op.rawValue, types)
    }

    /// The type an untyped NULL takes beside `other` (DATE + NULL adds days,
    /// TIMESTAMP + NULL an interval, INTERVAL * NULL a number; otherwise the same type).
    static func nullPartner(_ op: ArithmeticOp, _ other: DataType) -> DataType {
        switch (op, other) {
        case (.add, .date): return .int64
        case (.add, .timestamp): return .interval
        case (.multiply, .interval), (.divide, .interval): return .float64
        default: return other
        }
    }

    static func numeric(_ op: ArithmeticOp, _ a: DataType, _ b: DataType, _ original: [DataType]) throws(SQLError) -> ResolvedSignature {
        if a.isFloating || b.isFloating {
            return ResolvedSignature(argumentTypes: [.float64, .float64], returnType: .float64)
        }
        if a.isInteger && b.isInteger {
            let t = TypeCoercion.commonType(a, b) ?? .int64
            return ResolvedSignature(argumentTypes: [t, t], returnType: t)
        }
        let (p1, s1) = decimalShape(a), (p2, s2) = decimalShape(b)
        let maxP = DataType.maxDecimalPrecision
        switch op {
        case .divide:
            return ResolvedSignature(argumentTypes: [.float64, .float64], returnType: .float64)
        case .multiply:
            let s = min(s1 + s2, maxP)
            return ResolvedSignature(argumentTypes: [.decimal(precision: p1, scale: s1), .decimal(precision: p2, scale: s2)],
                                     returnType: .decimal(precision: max(min(p1 + p2, maxP), s), scale: s))
        case .add, .subtract, .modulo:
            let s = max(s1, s2)
            let whole = max(p1 - s1, p2 - s2) + (op == .modulo ? 0 : 1)
            let left = DataType.decimal(precision: min(p1 - s1 + s, maxP), scale: s)
            let right = DataType.decimal(precision: min(p2 - s2 + s, maxP), scale: s)
            return ResolvedSignature(argumentTypes: [left, right], returnType: .decimal(precision: min(whole + s, maxP), scale: s))
        }
    }

    /// Precision and scale of a decimal, or of an integer seen as a decimal.
    static func decimalShape(_ t: DataType) -> (Int, Int) {
        switch t {
        case let .decimal(p, s): return (p, s)
        case .int8: return (3, 0)
        case .int16: return (5, 0)
        case .int32: return (10, 0)
        default: return (19, 0)
        }
    }

    static func temporal(_ op: ArithmeticOp, _ a: DataType, _ b: DataType) -> ResolvedSignature? {
        func sig(_ x: DataType, _ y: DataType, _ r: DataType) -> ResolvedSignature {
            ResolvedSignature(argumentTypes: [x, y], returnType: r)
        }
        switch (op, a, b) {
        case (.add, .date, _) where b.isInteger, (.subtract, .date, _) where b.isInteger:
            return sig(.date, .int64, .date)
        case (.add, _, .date) where a.isInteger:
            return sig(.int64, .date, .date)
        case (.subtract, .date, .date):
            return sig(.date, .date, .int32)
        case (.subtract, .timestamp, .timestamp), (.subtract, .date, .timestamp), (.subtract, .timestamp, .date):
            return sig(.timestamp, .timestamp, .interval)
        case (.add, .date, .interval), (.add, .timestamp, .interval), (.subtract, .date, .interval), (.subtract, .timestamp, .interval):
            return sig(.timestamp, .interval, .timestamp)
        case (.add, .interval, .date), (.add, .interval, .timestamp):
            return sig(.interval, .timestamp, .timestamp)
        case (.add, .interval, .interval), (.subtract, .interval, .interval):
            return sig(.interval, .interval, .interval)
        case (.multiply, .interval, _) where b.isNumeric, (.divide, .interval, _) where b.isNumeric:
            return sig(.interval, b.isInteger ? .int64 : .float64, .interval)
        case (.multiply, _, .interval) where a.isNumeric:
            return sig(a.isInteger ? .int64 : .float64, .interval, .interval)
        default:
            return nil
        }
    }
}
