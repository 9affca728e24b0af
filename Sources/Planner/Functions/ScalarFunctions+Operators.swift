import Columnar
import Diagnostics

// Operators as registry entries, named by their symbols. The binder resolves `a + b` by
// looking up "+" with the argument types, casts the arguments to `argumentTypes`, and calls
// the kernel. Type rules are in ArithmeticResolve.swift and Comparison.swift.

extension ScalarFunctions {
    /// + - * / %, negate, comparisons, ||, LIKE/ILIKE and the regular-expression functions.
    static var operators: [ScalarFunction] {
        var table: [ScalarFunction] = []
        let arithmetic: [(ArithmeticOp, String)] = [
            (.add, "sum of numbers, date plus days or interval, interval plus interval"),
            (.subtract, "difference of numbers, dates (days), timestamps (interval), or minus an interval"),
            (.multiply, "product of numbers, or an interval times a number"),
            (.divide, "quotient (integer division truncates; division by zero is NULL)"),
            (.modulo, "remainder (modulo zero is NULL)"),
        ]
        for (op, summary) in arithmetic {
            table.append(ScalarFunction(
                [op.rawValue], summary: summary,
                resolve: { (types) throws(SQLError) in try ArithmeticResolve.resolve(op, types) },
                kernel: { (args, _, _) throws(SQLError) in
                    let returnType = try ArithmeticResolve.resolve(op, args.map(\.type)).returnType
                    return try NumericArithmetic.evaluate(op, args, returnType: returnType)
                }))
        }
        table.append(ScalarFunction(
            ["negate"], summary: "unary minus",
            resolve: { (types) throws(SQLError) in
                guard types.count == 1 else { throw noSuchFunction("negate", types, "takes one argument") }
                let t = types[0] == .null ? DataType.int64 : types[0]
                guard t.isNumeric || t == .interval else { throw noSuchOperator("-", types) }
                return ResolvedSignature(argumentTypes: [t], returnType: t)
            },
            kernel: { (args, _, _) throws(SQLError) in
                guard let a = args.first else { throw SQLError(.internal, "negate expects one argument") }
                return try NumericArithmetic.negate(a)
            }))
        for op in ComparisonOp.allCases {
            table.append(ScalarFunction(
                [op.rawValue] + (op == .notEqual ? ["!="] : []) + (op == .equal ? ["=="] : []),
                summary: "comparison; NULL when either side is NULL",
                resolve: { (types) throws(SQLError) in try Comparison.resolve(op, types) },
                kernel: { (args, _, _) throws(SQLError) in try Comparison.evaluate(op, args) }))
        }
        table.append(ScalarFunction(
            ["||"], summary: "string concatenation (other types are cast to text), or array concatenation",
            resolve: { (types) throws(SQLError) in try Concatenation.resolve(types) },
            kernel: { (args, count, _) throws(SQLError) in try Concatenation.evaluate(args, count: count) }))
        table.append(ScalarFunction(
            ["like"], summary: "pattern match with % and _ (optional escape character)",
            resolve: { (types) throws(SQLError) in try Like.resolve("like", types) },
            kernel: { (args, count, _) throws(SQLError) in try Like.evaluate(args, count: count, caseInsensitive: false) }))
        table.append(ScalarFunction(
            ["ilike"], summary: "case-insensitive LIKE",
            resolve: { (types) throws(SQLError) in try Like.resolve("ilike", types) },
            kernel: { (args, count, _) throws(SQLError) in try Like.evaluate(args, count: count, caseInsensitive: true) }))
        table.append(RegexFunctions.matchesFunction)
        table.append(RegexFunctions.replaceFunction)
        table.append(RegexFunctions.extractFunction)
        return table
    }
}

/// `||` on strings and arrays.
enum Concatenation {
    static func resolve(_ types: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard types.count == 2 else { throw noSuchFunction("||", types, "takes two arguments") }
        switch (types[0], types[1]) {
        case (.array, .array), (.array, .null), (.null, .array):
            guard let t = TypeCoercion.commonType(types[0], types[1]) else { throw noSuchOperator("||", types) }
            return ResolvedSignature(argumentTypes: [t, t], returnType: t)
        default:
            return ResolvedSignature(argumentTypes: [.string, .string], returnType: .string)
        }
    }

    static func evaluate(_ args: [Column], count: Int) throws(SQLError) -> Column {
        guard args.count == 2 else { throw SQLError(.internal, "|| expects two arguments") }
        let mask = combinedValidity(args)
        if case let .value(x) = args[0].storage, case let .value(y) = args[1].storage {
            var out = [Value](repeating: .null, count: count)
            for i in 0..<count where isValid(mask, i) {
                if case let .array(p) = x[i], case let .array(q) = y[i] { out[i] = .array(p + q) }
            }
            return Column(type: args[0].type, storage: .value(out), validity: mask)
        }
        let a = try args[0].strings(), b = try args[1].strings()
        var out = StringStorage()
        out.bytes.reserveCapacity(a.bytes.count + b.bytes.count)
        out.offsets.reserveCapacity(count + 1)
        for i in 0..<count {
            if isValid(mask, i) {
                out.bytes.append(contentsOf: a.bytes[a.offsets[i]..<a.offsets[i + 1]])
                out.bytes.append(contentsOf: b.bytes[b.offsets[i]..<b.offsets[i + 1]])
            }
            out.offsets.append(out.bytes.count)
        }
        return Column(type: .string, storage: .string(out), validity: mask)
    }
}
