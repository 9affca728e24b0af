import Columnar
import Diagnostics

// coalesce, ifnull/nvl, nullif, greatest, least, if/iff. These see NULLs as values:
// coalesce returns the first non-NULL argument, greatest/least skip NULLs (PostgreSQL).

extension ScalarFunctions {
    /// NULL-handling and choice functions.
    static var conditional: [ScalarFunction] {
        [
            ScalarFunction(
                ["coalesce"], summary: "the first argument that is not NULL",
                resolve: { (types) throws(SQLError) in try Conditional.sameType("coalesce", types, min: 1, max: Int.max) },
                kernel: { (args, count, _) throws(SQLError) in try Conditional.coalesce(args, count: count) }),
            ScalarFunction(
                ["ifnull", "nvl"], summary: "the first argument unless it is NULL, else the second",
                resolve: { (types) throws(SQLError) in try Conditional.sameType("ifnull", types, min: 2, max: 2) },
                kernel: { (args, count, _) throws(SQLError) in try Conditional.coalesce(args, count: count) }),
            ScalarFunction(
                ["nullif"], summary: "NULL when both arguments are equal, else the first",
                resolve: { (types) throws(SQLError) in try Conditional.sameType("nullif", types, min: 2, max: 2) },
                kernel: { (args, count, _) throws(SQLError) in
                    let eq = try Comparison.evaluate(.equal, args).bools()
                    let mask = combinedValidity(args)
                    let choice = (0..<count).map { isValid(mask, $0) && eq[$0] ? -1 : 0 }
                    return try pickRows(args, choice, type: args[0].type)
                }),
            ScalarFunction(
                ["greatest"], summary: "the largest non-NULL argument",
                resolve: { (types) throws(SQLError) in try Conditional.sameType("greatest", types, min: 1, max: Int.max) },
                kernel: { (args, count, _) throws(SQLError) in try Conditional.extreme(args, count: count, op: .greater) }),
            ScalarFunction(
                ["least"], summary: "the smallest non-NULL argument",
                resolve: { (types) throws(SQLError) in try Conditional.sameType("least", types, min: 1, max: Int.max) },
                kernel: { (args, count, _) throws(SQLError) in try Conditional.extreme(args, count: count, op: .less) }),
            ScalarFunction(
                ["if", "iff"], summary: "the second argument when the condition is true, else the third",
                resolve: { (types) throws(SQLError) in
                    guard types.count == 3, Arg.isBoolean(types[0]), var t = TypeCoercion.commonType(types[1], types[2]) else {
                        throw noSuchFunction("if", types, "takes a BOOLEAN condition and two values of a common type")
                    }
                    if t == .null { t = .int32 }
                    return ResolvedSignature(argumentTypes: [.boolean, t, t], returnType: t)
                },
                kernel: { (args, count, _) throws(SQLError) in
                    let c = try args[0].bools()
                    let choice = (0..<count).map { !args[0].isNull($0) && c[$0] ? 0 : 1 }
                    return try pickRows([args[1], args[2]], choice, type: args[1].type)
                }),
        ]
    }
}

enum Conditional {
    /// All arguments cast to their common type, which is also the result.
    static func sameType(_ name: String, _ types: [DataType], min: Int, max: Int) throws(SQLError) -> ResolvedSignature {
        guard types.count >= min, types.count <= max, var t = TypeCoercion.commonType(types) else {
            throw noSuchFunction(name, types, "takes \(min == max ? "\(min)" : "\(min) or more") arguments of a common type")
        }
        if t == .null { t = .int32 }
        return ResolvedSignature(argumentTypes: Array(repeating: t, count: types.count), returnType: t)
    }

    static func coalesce(_ args: [Column], count: Int) throws(SQLError) -> Column {
        guard let first = args.first else { throw SQLError(.internal, "coalesce expects arguments") }
        if first.validity == nil { return first }
        let choice = (0..<count).map { i in args.firstIndex { !$0.isNull(i) } ?? -1 }
        return try pickRows(args, choice, type: first.type)
    }

    /// greatest/least: keeps, per row, the argument that wins `op` against the current pick.
    static func extreme(_ args: [Column], count: Int, op: ComparisonOp) throws(SQLError) -> Column {
        guard let first = args.first else { throw SQLError(.internal, "greatest/least expect arguments") }
        var choice = (0..<count).map { first.isNull($0) ? -1 : 0 }
        var current = first
        for k in 1..<max(args.count, 1) {
            let wins = try Comparison.evaluate(op, [args[k], current])
            let w = try wins.bools()
            for i in 0..<count where !args[k].isNull(i) && (choice[i] < 0 || w[i]) { choice[i] = k }
            current = try pickRows(args, choice, type: first.type)
        }
        return current
    }
}
