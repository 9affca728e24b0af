#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Columnar
import Diagnostics

// Numeric functions. Integer and DECIMAL arguments keep their type where the result is exact
// (abs, round, floor, ceil, trunc); transcendental functions work on DOUBLE.
// Rounding is half away from zero everywhere.

extension ScalarFunctions {
    /// Numeric functions.
    static var math: [ScalarFunction] {
        [
            ScalarFunction(["abs"], summary: "absolute value",
                           resolve: { (t) throws(SQLError) in try MathResolve.sameNumeric("abs", t) },
                           kernel: { (a, _, _) throws(SQLError) in try MathKernels.abs(a[0]) }),
            ScalarFunction(["round"], summary: "rounds half away from zero, optionally to a number of decimal digits",
                           resolve: { (t) throws(SQLError) in try MathResolve.rounding("round", t) },
                           kernel: { (a, _, _) throws(SQLError) in try MathKernels.round(a, mode: .toNearestOrAwayFromZero) }),
            ScalarFunction(["trunc", "truncate"], summary: "drops digits toward zero, optionally keeping some decimal digits",
                           resolve: { (t) throws(SQLError) in try MathResolve.rounding("trunc", t) },
                           kernel: { (a, _, _) throws(SQLError) in try MathKernels.round(a, mode: .towardZero) }),
            ScalarFunction(["floor"], summary: "largest integral value not greater than the argument",
                           resolve: { (t) throws(SQLError) in try MathResolve.integral("floor", t) },
                           kernel: { (a, _, _) throws(SQLError) in try MathKernels.integral(a[0], mode: .down) }),
            ScalarFunction(["ceil", "ceiling"], summary: "smallest integral value not less than the argument",
                           resolve: { (t) throws(SQLError) in try MathResolve.integral("ceil", t) },
                           kernel: { (a, _, _) throws(SQLError) in try MathKernels.integral(a[0], mode: .up) }),
            ScalarFunction(["sign"], summary: "-1, 0 or 1 by the sign of the argument",
                           resolve: { (t) throws(SQLError) in
                               _ = try MathResolve.sameNumeric("sign", t)
                               return ResolvedSignature(argumentTypes: [.float64], returnType: .int32)
                           },
                           kernel: { (a, _, _) throws(SQLError) in
                               let d = try a[0].doubles()
                               return Column(type: .int32, storage: .int(d.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }), validity: a[0].validity)
                           }),
            MathResolve.double1("sqrt", "square root", error: { $0 < 0 ? "cannot take square root of a negative number" : nil }) { $0.squareRoot() },
            MathResolve.double1("cbrt", "cube root", error: { _ in nil }) { cbrt($0) },
            MathResolve.double1("exp", "e raised to the argument", error: { _ in nil }) { exp($0) },
            MathResolve.double1("ln", "natural logarithm", error: MathResolve.logError) { log($0) },
            MathResolve.double1("log10", "base-10 logarithm", error: MathResolve.logError) { log10($0) },
            MathResolve.double1("log2", "base-2 logarithm", error: MathResolve.logError) { log2($0) },
            MathResolve.double1("sin", "sine (radians)", error: { _ in nil }) { sin($0) },
            MathResolve.double1("cos", "cosine (radians)", error: { _ in nil }) { cos($0) },
            MathResolve.double1("tan", "tangent (radians)", error: { _ in nil }) { tan($0) },
            MathResolve.double1("atan", "arc tangent", error: { _ in nil }) { atan($0) },
            MathResolve.double1("degrees", "radians to degrees", error: { _ in nil }) { $0 * 180 / Double.pi },
            MathResolve.double1("radians", "degrees to radians", error: { _ in nil }) { $0 * Double.pi / 180 },
            ScalarFunction(["log"], summary: "log(x) is the base-10 logarithm; log(b, x) the base-b logarithm",
                           resolve: { (t) throws(SQLError) in try MathResolve.doubles("log", t, 1...2) },
                           kernel: { (a, n, _) throws(SQLError) in
                               if a.count == 1 { return try MathKernels.map1(a[0], error: MathResolve.logError) { log10($0) } }
                               return try MathKernels.map2(a[0], a[1], count: n) { (b, x) throws(SQLError) in
                                   if let e = MathResolve.logError(b) ?? MathResolve.logError(x) { throw SQLError(.runtime, e) }
                                   return log(x) / log(b)
                               }
                           }),
            ScalarFunction(["power", "pow"], summary: "x raised to the power y",
                           resolve: { (t) throws(SQLError) in try MathResolve.doubles("power", t, 2...2) },
                           kernel: { (a, n, _) throws(SQLError) in
                               try MathKernels.map2(a[0], a[1], count: n) { (x, y) throws(SQLError) in
                                   if x == 0 && y < 0 { throw SQLError(.runtime, "zero raised to a negative power is undefined") }
                                   if x < 0 && y != y.rounded() { throw SQLError(.runtime, "a negative number raised to a non-integer power gives a complex result") }
                                   return pow(x, y)
                               }
                           }),
            ScalarFunction(["atan2"], summary: "arc tangent of y/x",
                           resolve: { (t) throws(SQLError) in try MathResolve.doubles("atan2", t, 2...2) },
                           kernel: { (a, n, _) throws(SQLError) in try MathKernels.map2(a[0], a[1], count: n) { (y, x) throws(SQLError) in atan2(y, x) } }),
            ScalarFunction(["mod"], summary: "remainder of the division (modulo zero is NULL)",
                           resolve: { (t) throws(SQLError) in
                               guard t.count == 2, t.allSatisfy(Arg.isNumeric) else {
                                   throw noSuchFunction("mod", t, "takes two numbers")
                               }
                               return try ArithmeticResolve.resolve(.modulo, t)
                           },
                           kernel: { (a, _, _) throws(SQLError) in
                               let r = try ArithmeticResolve.resolve(.modulo, a.map(\.type)).returnType
                               return try NumericArithmetic.evaluate(.modulo, a, returnType: r)
                           }),
            ScalarFunction(["pi"], summary: "the constant π",
                           resolve: { (t) throws(SQLError) in
                               guard t.isEmpty else { throw noSuchFunction("pi", t, "takes no arguments") }
                               return ResolvedSignature(argumentTypes: [], returnType: .float64)
                           },
                           kernel: { (_, n, _) throws(SQLError) in
                               Column(type: .float64, storage: .double(Array(repeating: Double.pi, count: n)))
                           }),
            ScalarFunction(["random", "rand"], summary: "a random DOUBLE in [0, 1)", deterministic: false,
                           resolve: { (t) throws(SQLError) in
                               guard t.isEmpty else { throw noSuchFunction("random", t, "takes no arguments") }
                               return ResolvedSignature(argumentTypes: [], returnType: .float64)
                           },
                           kernel: { (_, n, _) throws(SQLError) in
                               Column(type: .float64, storage: .double((0..<n).map { _ in Double.random(in: 0..<1) }))
                           }),
        ]
    }
}

enum MathResolve {
    static let numericNote = "takes DOUBLE, DECIMAL or INTEGER"

    /// One numeric argument, result of the same type.
    static func sameNumeric(_ name: String, _ t: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard t.count == 1, Arg.isNumeric(t[0]) else { throw noSuchFunction(name, t, numericNote) }
        let x = t[0] == .null ? DataType.float64 : t[0]
        return ResolvedSignature(argumentTypes: [x], returnType: x)
    }

    /// round/trunc: a number and optional INTEGER digits; the result keeps the number's type.
    static func rounding(_ name: String, _ t: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard (1...2).contains(t.count), Arg.isNumeric(t[0]), t.count == 1 || Arg.isInteger(t[1]) else {
            throw noSuchFunction(name, t, numericNote + ", and an optional INTEGER")
        }
        let x = t[0] == .null ? DataType.float64 : t[0]
        return ResolvedSignature(argumentTypes: t.count == 1 ? [x] : [x, .int64], returnType: x)
    }

    /// floor/ceil: integers and doubles keep their type, DECIMAL(p,s) becomes DECIMAL(p-s+1,0).
    static func integral(_ name: String, _ t: [DataType]) throws(SQLError) -> ResolvedSignature {
        let s = try sameNumeric(name, t)
        if case let .decimal(p, sc) = s.returnType {
            return ResolvedSignature(argumentTypes: s.argumentTypes, returnType: .decimal(precision: min(max(p - sc + 1, 1), 38), scale: 0))
        }
        return s
    }

    /// Numeric arguments cast to DOUBLE, result DOUBLE.
    static func doubles(_ name: String, _ t: [DataType], _ counts: ClosedRange<Int>) throws(SQLError) -> ResolvedSignature {
        guard counts.contains(t.count), t.allSatisfy(Arg.isNumeric) else {
            let what = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound) numbers" : "one or two numbers"
            throw noSuchFunction(name, t, "takes \(what)")
        }
        return ResolvedSignature(argumentTypes: Array(repeating: .float64, count: t.count), returnType: .float64)
    }

    static let logError: @Sendable (Double) -> String? = {
        $0 == 0 ? "cannot take logarithm of zero" : ($0 < 0 ? "cannot take logarithm of a negative number" : nil)
    }

    /// A one-argument DOUBLE function; `error` names inputs that are errors.
    static func double1(_ name: String, _ summary: String, error: @escaping @Sendable (Double) -> String?,
                        _ f: @escaping @Sendable (Double) -> Double) -> ScalarFunction {
        ScalarFunction([name], summary: summary,
                       resolve: { (t) throws(SQLError) in try doubles(name, t, 1...1) },
                       kernel: { (a, _, _) throws(SQLError) in try MathKernels.map1(a[0], error: error, f) })
    }
}
