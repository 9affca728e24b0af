import Columnar
import Diagnostics

/// Loops behind the math functions.
enum MathKernels {
    /// Applies `f` to every valid row of a DOUBLE column.
    static func map1(_ c: Column, error: (Double) -> String?, _ f: (Double) -> Double) throws(SQLError) -> Column {
        let a = try c.doubles()
        var out = [Double](repeating: 0, count: a.count)
        for i in 0..<a.count where !c.isNull(i) {
            if let e = error(a[i]) { throw SQLError(.runtime, e) }
            out[i] = f(a[i])
        }
        return Column(type: .float64, storage: .double(out), validity: c.validity)
    }

    /// Applies `f` to every valid row of two DOUBLE columns.
    static func map2(_ x: Column, _ y: Column, count: Int, _ f: (Double, Double) throws(SQLError) -> Double) throws(SQLError) -> Column {
        let a = try x.doubles(), b = try y.doubles()
        let mask = combinedValidity([x, y])
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count where isValid(mask, i) { out[i] = try f(a[i], b[i]) }
        return Column(type: .float64, storage: .double(out), validity: mask)
    }

    static func abs(_ c: Column) throws(SQLError) -> Column {
        switch c.storage {
        case let .int(a):
            var out = a
            for i in 0..<a.count where a[i] < 0 {
                if a[i] == Int64.min || !(c.type.integerRange?.contains(-a[i]) ?? true) {
                    if !c.isNull(i) { throw NumericArithmetic.overflow }
                    continue
                }
                out[i] = -a[i]
            }
            return Column(type: c.type, storage: .int(out), validity: c.validity)
        case let .double(a): return Column(type: c.type, storage: .double(a.map { Swift.abs($0) }), validity: c.validity)
        case let .decimal(a): return Column(type: c.type, storage: .decimal(a.map { $0 < 0 ? -$0 : $0 }), validity: c.validity)
        default: throw c.storageMismatch("numeric")
        }
    }

    /// round / trunc with optional digits (negative digits round to tens, hundreds, ...).
    static func round(_ args: [Column], mode: FloatingPointRoundingRule) throws(SQLError) -> Column {
        let c = args[0]
        // digits beyond ±400 change nothing more; clamping keeps the arithmetic below in range
        let digits = args.count > 1 ? try args[1].ints().map { max(-400, min(400, $0)) } : [Int64](repeating: 0, count: c.count)
        let mask = combinedValidity(args)
        let n = c.count
        switch c.storage {
        case let .double(a):
            var out = [Double](repeating: 0, count: n)
            // The usual call, round(x, 2): one scale for every row, no per-row checks (rows
            // under NULLs are computed too, harmlessly: the mask hides them).
            if let d = digits.first, d >= 0, digits.allSatisfy({ $0 == d }) {
                let scale = pow10(min(308, d))
                a.withUnsafeBufferPointer { src in
                    out.withUnsafeMutableBufferPointer { dst in
                        if mode == .toNearestOrAwayFromZero {
                            for i in 0..<n {
                                let r = (src[i] * scale).rounded() / scale
                                dst[i] = r.isFinite ? r : src[i]
                            }
                        } else {
                            for i in 0..<n {
                                let r = (src[i] * scale).rounded(mode) / scale
                                dst[i] = r.isFinite ? r : src[i]
                            }
                        }
                    }
                }
                return Column(type: c.type, storage: .double(out), validity: mask)
            }
            for i in 0..<n where isValid(mask, i) {
                let d = max(-308, min(308, digits[i]))
                let scale = pow10(d)
                let r = d >= 0 ? (a[i] * scale).rounded(mode) / scale : (a[i] / pow10(-d)).rounded(mode) * pow10(-d)
                out[i] = r.isFinite ? r : a[i]
            }
            return Column(type: c.type, storage: .double(out), validity: mask)
        case let .int(a):
            var out = a
            for i in 0..<n where isValid(mask, i) && digits[i] < 0 {
                let p = digits[i] < -18 ? Int128(Decimal128.powersOf10[19]) : Decimal128.powersOf10[Int(-digits[i])]
                let r = roundInt128(Int128(a[i]), p, mode) * p
                guard let range = c.type.integerRange, r >= Int128(range.lowerBound), r <= Int128(range.upperBound) else { throw NumericArithmetic.overflow }
                out[i] = Int64(truncatingIfNeeded: r)
            }
            return Column(type: c.type, storage: .int(out), validity: mask)
        case let .decimal(a):
            guard case let .decimal(p, s) = c.type else { throw c.storageMismatch("decimal") }
            var out = a
            for i in 0..<n where isValid(mask, i) && digits[i] < Int64(s) {
                let drop = Int(min(Int64(s) - digits[i], 38))
                let r = roundInt128(a[i], Decimal128.powersOf10[drop], mode).multipliedReportingOverflow(by: Decimal128.powersOf10[drop])
                if r.overflow || !(r.partialValue <= Decimal128.maxMagnitude(precision: p) && r.partialValue >= -Decimal128.maxMagnitude(precision: p)) {
                    throw NumericArithmetic.decimalOverflow
                }
                out[i] = r.partialValue
            }
            return Column(type: c.type, storage: .decimal(out), validity: mask)
        default:
            throw c.storageMismatch("numeric")
        }
    }

    /// `v / p` rounded by `mode` (half away from zero, toward zero, down or up).
    static func roundInt128(_ v: Int128, _ p: Int128, _ mode: FloatingPointRoundingRule) -> Int128 {
        let q = v / p, r = v % p
        if r == 0 { return q }
        switch mode {
        case .towardZero: return q
        case .down: return v < 0 ? q - 1 : q
        case .up: return v > 0 ? q + 1 : q
        default: return r.magnitude * 2 >= p.magnitude ? (v < 0 ? q - 1 : q + 1) : q
        }
    }

    static func pow10(_ d: Int64) -> Double {
        var r = 1.0
        for _ in 0..<max(0, d) { r *= 10 }
        return r
    }

    /// floor / ceil.
    static func integral(_ c: Column, mode: FloatingPointRoundingRule) throws(SQLError) -> Column {
        switch c.storage {
        case .int: return c
        case let .double(a): return Column(type: c.type, storage: .double(a.map { $0.rounded(mode) }), validity: c.validity)
        case let .decimal(a):
            let s = c.decimalScale
            let p = Decimal128.powersOf10[min(s, 38)]
            let digits: Int
            if case let .decimal(pr, sc) = c.type { digits = min(max(pr - sc + 1, 1), 38) } else { digits = 38 }
            return Column(type: .decimal(precision: digits, scale: 0), storage: .decimal(a.map { roundInt128($0, p, mode) }), validity: c.validity)
        default: throw c.storageMismatch("numeric")
        }
    }
}
