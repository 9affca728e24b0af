import Columnar
import Diagnostics

// = <> < <= > >= on any two types with a common type. Both sides are cast to that type by
// the binder, so the kernel compares equal types: typed loops for integers, doubles,
// decimals, strings (bytewise UTF-8) and booleans; nested values compare by value.
// A string against a number or date casts the string side to the other type.

/// The six comparison operators.
enum ComparisonOp: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// Whether a three-way comparison result satisfies the operator.
    @inline(__always)
    func holds(_ c: Int) -> Bool {
        switch self {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        }
    }
}

enum Comparison {
    /// Both sides cast to their common type; result BOOLEAN.
    static func resolve(_ op: ComparisonOp, _ types: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard types.count == 2 else { throw noSuchFunction(op.rawValue, types, "takes two arguments") }
        let a = types[0], b = types[1]
        let common: DataType?
        switch (a, b) {
        case (.string, .string): common = .string
        case (.string, _) where b != .null && !isNested(b): common = b
        case (_, .string) where a != .null && !isNested(a): common = a
        default: common = TypeCoercion.commonType(a, b)
        }
        guard var t = common else { throw noSuchOperator(op.rawValue, types) }
        if t == .null { t = .boolean }
        return ResolvedSignature(argumentTypes: [t, t], returnType: .boolean)
    }

    static func isNested(_ t: DataType) -> Bool {
        switch t {
        case .struct, .array: return true
        default: return false
        }
    }

    /// Compares row by row; NULL where either side is NULL.
    static func evaluate(_ op: ComparisonOp, _ args: [Column]) throws(SQLError) -> Column {
        guard args.count == 2 else { throw SQLError(.internal, "\(op.rawValue) expects two arguments") }
        let a = args[0], b = args[1]
        let out: [Bool]
        switch (a.storage, b.storage) {
        case let (.int(x), .int(y)): out = compare(x, y, op)
        case let (.double(x), .double(y)): out = compare(x, y, op)
        case let (.decimal(x), .decimal(y)):
            if a.decimalScale == b.decimalScale { out = compare(x, y, op) }
            else { out = try compare(a.cast(to: b.type).decimals(), y, op) }
        case let (.bool(x), .bool(y)): out = (0..<x.count).map { op.holds(x[$0] == y[$0] ? 0 : (!x[$0] ? -1 : 1)) }
        case let (.string(x), .string(y)):
            if op == .equal || op == .notEqual {
                let want = op == .equal
                out = (0..<x.count).map { x.equals($0, y, $0) == want }
            } else {
                out = (0..<x.count).map { op.holds(x.compare($0, y, $0)) }
            }
        case let (.interval(x), .interval(y)): out = compare(x.map(intervalSpan), y.map(intervalSpan), op)
        case let (.value(x), .value(y)):
            out = (0..<x.count).map { op.holds(compareValues(x[$0], y[$0])) }
        default:
            throw SQLError(.internal, "cannot compare \(a.type) with \(b.type) in a kernel")
        }
        return Column(type: .boolean, storage: .bool(out), validity: combinedValidity(args))
    }

    /// One typed loop per operator, over the arrays' buffers.
    @inline(__always)
    static func compare<T: Comparable>(_ x: [T], _ y: [T], _ op: ComparisonOp) -> [Bool] {
        let n = min(x.count, y.count)
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                [Bool](unsafeUninitializedCapacity: n) { out, count in
                    switch op {
                    case .equal: for i in 0..<n { out[i] = xp[i] == yp[i] }
                    case .notEqual: for i in 0..<n { out[i] = xp[i] != yp[i] }
                    case .less: for i in 0..<n { out[i] = xp[i] < yp[i] }
                    case .lessOrEqual: for i in 0..<n { out[i] = xp[i] <= yp[i] }
                    case .greater: for i in 0..<n { out[i] = xp[i] > yp[i] }
                    case .greaterOrEqual: for i in 0..<n { out[i] = xp[i] >= yp[i] }
                    }
                    count = n
                }
            }
        }
    }
}

/// Three-way comparison of boxed values (nested data, GREATEST/LEAST fallbacks).
/// NULL sorts after every value; values of different kinds compare by kind.
func compareValues(_ a: Value, _ b: Value) -> Int {
    func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
    switch (a, b) {
    case (.null, .null): return 0
    case (.null, _): return 1
    case (_, .null): return -1
    case let (.bool(x), .bool(y)): return sign(x ? 1 : 0, y ? 1 : 0)
    case let (.int(x), .int(y)), let (.date(x), .date(y)), let (.timestamp(x), .timestamp(y)): return sign(x, y)
    case let (.decimal(x, s), .decimal(y, t)) where s == t: return sign(x, y)
    case let (.string(x), .string(y)):
        if x.utf8.elementsEqual(y.utf8) { return 0 }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
    case let (.interval(x), .interval(y)): return sign(intervalSpan(x), intervalSpan(y))
    case let (.struct(x), .struct(y)), let (.array(x), .array(y)):
        for k in 0..<min(x.count, y.count) {
            let c = compareValues(x[k], y[k])
            if c != 0 { return c }
        }
        return sign(x.count, y.count)
    default:
        if let x = a.doubleValue, let y = b.doubleValue { return sign(x, y) }
        return sign(kindRank(a), kindRank(b))
    }
}

/// Orders values of different kinds deterministically.
func kindRank(_ v: Value) -> Int {
    switch v {
    case .null: return 9
    case .bool: return 0
    case .int, .double, .decimal: return 1
    case .string: return 2
    case .date: return 3
    case .timestamp: return 4
    case .interval: return 5
    case .struct: return 6
    case .array: return 7
    }
}
