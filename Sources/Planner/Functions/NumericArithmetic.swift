import Columnar
import Diagnostics

// Kernels of + - * / % on numbers. Each operator has its own loop over the typed buffers;
// NULL rows are skipped by the overflow checks (their slots hold placeholders), and
// division or modulo by zero makes the row NULL.

enum NumericArithmetic {
    static let overflow = SQLError(.runtime, "integer out of range")
    static let decimalOverflow = SQLError(.runtime, "decimal out of range")

    /// Dispatches `a op b` on the resolved argument types.
    static func evaluate(_ op: ArithmeticOp, _ args: [Column], returnType: DataType) throws(SQLError) -> Column {
        guard args.count == 2 else { throw SQLError(.internal, "\(op.rawValue) expects two arguments") }
        let a = args[0], b = args[1]
        if a.type.isTemporal || b.type.isTemporal || a.type == .interval || b.type == .interval {
            return try TemporalArithmetic.evaluate(op, a, b, returnType: returnType)
        }
        var mask = combinedValidity(args)
        switch returnType {
        case .float64, .float32:
            let out = doubles(op, try a.numericAsDoubles(), try b.numericAsDoubles(), &mask)
            return Column(type: returnType, storage: .double(out), validity: mask)
        case .decimal:
            let out = try decimals(op, try a.decimals(), try b.decimals(), a.decimalScale + b.decimalScale,
                                   returnType: returnType, &mask)
            return Column(type: returnType, storage: .decimal(out), validity: mask)
        default:
            let range = returnType.integerRange ?? Int64.min...Int64.max
            let out = try integers(op, try a.ints(), try b.ints(), range, &mask)
            return Column(type: returnType, storage: .int(out), validity: mask)
        }
    }

    static func integers(_ op: ArithmeticOp, _ a: [Int64], _ b: [Int64], _ range: ClosedRange<Int64>, _ mask: inout Bitmap?) throws(SQLError) -> [Int64] {
        let n = a.count
        var out = [Int64](repeating: 0, count: n)
        @inline(__always) func check(_ r: (partialValue: Int64, overflow: Bool), _ i: Int) throws(SQLError) {
            if (r.overflow || !range.contains(r.partialValue)) && isValid(mask, i) { throw overflow }
            out[i] = r.partialValue
        }
        switch op {
        case .add: for i in 0..<n { try check(a[i].addingReportingOverflow(b[i]), i) }
        case .subtract: for i in 0..<n { try check(a[i].subtractingReportingOverflow(b[i]), i) }
        case .multiply: for i in 0..<n { try check(a[i].multipliedReportingOverflow(by: b[i]), i) }
        case .divide:
            for i in 0..<n {
                if b[i] == 0 { setNull(&mask, i, count: n); continue }
                try check(a[i].dividedReportingOverflow(by: b[i]), i)
            }
        case .modulo:
            if let d = b.first, d != 0, d != -1, b.allSatisfy({ $0 == d }) {
                // One divisor (a constant): a loop the compiler can strength-reduce.
                out.withUnsafeMutableBufferPointer { o in
                    a.withUnsafeBufferPointer { x in
                        for i in 0..<min(n, x.count) { o[i] = x[i] % d }
                    }
                }
                return out
            }
            for i in 0..<n {
                if b[i] == 0 { setNull(&mask, i, count: n); continue }
                out[i] = b[i] == -1 ? 0 : a[i] % b[i]
            }
        }
        return out
    }

    static func doubles(_ op: ArithmeticOp, _ a: [Double], _ b: [Double], _ mask: inout Bitmap?) -> [Double] {
        let n = a.count
        switch op {
        case .add: return (0..<n).map { a[$0] + b[$0] }
        case .subtract: return (0..<n).map { a[$0] - b[$0] }
        case .multiply: return (0..<n).map { a[$0] * b[$0] }
        case .divide, .modulo:
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n {
                if b[i] == 0 { setNull(&mask, i, count: n); continue }
                out[i] = op == .divide ? a[i] / b[i] : a[i].truncatingRemainder(dividingBy: b[i])
            }
            return out
        }
    }

    /// Decimal + - * %: arguments already share a scale for + - %; * multiplies unscaled
    /// values (scale s1+s2) and rescales when the result scale was capped.
    static func decimals(_ op: ArithmeticOp, _ a: [Int128], _ b: [Int128], _ productScale: Int,
                         returnType: DataType, _ mask: inout Bitmap?) throws(SQLError) -> [Int128] {
        guard case let .decimal(p, s) = returnType else { throw SQLError(.internal, "decimal result expected") }
        let n = a.count
        var out = [Int128](repeating: 0, count: n)
        for i in 0..<n where isValid(mask, i) {
            var r: (partialValue: Int128, overflow: Bool)
            switch op {
            case .add: r = a[i].addingReportingOverflow(b[i])
            case .subtract: r = a[i].subtractingReportingOverflow(b[i])
            case .multiply:
                r = a[i].multipliedReportingOverflow(by: b[i])
                if !r.overflow, productScale != s {
                    if let v = Decimal128.rescale(r.partialValue, from: productScale, to: s) { r.partialValue = v } else { r.overflow = true }
                }
            case .modulo:
                if b[i] == 0 { setNull(&mask, i, count: n); continue }
                r = a[i].remainderReportingOverflow(dividingBy: b[i])
            case .divide:
                throw SQLError(.internal, "decimal division resolves to DOUBLE")
            }
            let limit = Decimal128.maxMagnitude(precision: p)
            if r.overflow || r.partialValue > limit || r.partialValue < -limit { throw decimalOverflow }
            out[i] = r.partialValue
        }
        return out
    }

    /// Unary minus.
    static func negate(_ c: Column) throws(SQLError) -> Column {
        switch c.storage {
        case let .int(a):
            let range = c.type.integerRange ?? Int64.min...Int64.max
            var out = [Int64](repeating: 0, count: a.count)
            for i in 0..<a.count {
                let (r, o) = Int64(0).subtractingReportingOverflow(a[i])
                if (o || !range.contains(r)) && !c.isNull(i) { throw overflow }
                out[i] = r
            }
            return Column(type: c.type, storage: .int(out), validity: c.validity)
        case let .double(a): return Column(type: c.type, storage: .double(a.map { -$0 }), validity: c.validity)
        case let .decimal(a): return Column(type: c.type, storage: .decimal(a.map { -$0 }), validity: c.validity)
        case let .interval(a):
            var out = [Interval](repeating: Interval(), count: a.count)
            for i in 0..<a.count where !c.isNull(i) {
                guard a[i].months != .min, a[i].days != .min, a[i].micros != .min else { throw TemporalArithmetic.intervalOverflow }
                out[i] = Interval(months: -a[i].months, days: -a[i].days, micros: -a[i].micros)
            }
            return Column(type: c.type, storage: .interval(out), validity: c.validity)
        default:
            throw c.storageMismatch("numeric or interval")
        }
    }
}
