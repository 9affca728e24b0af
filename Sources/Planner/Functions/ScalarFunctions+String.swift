import Columnar
import Diagnostics

// String functions. Lengths and positions count code points; NULL in, NULL out except
// concat (skips NULLs) and concat_ws (skips NULL values, NULL separator gives NULL).

extension ScalarFunctions {
    /// String functions.
    static var string: [ScalarFunction] {
        let s = DataType.string, i = DataType.int64
        return [
            ScalarFunction(["lower", "lcase"], FunctionSignature("lower", [s], returns: s), summary: "lower-case",
                           kernel: { (a, _, _) throws(SQLError) in try Text.changeCase(a[0], upper: false) }),
            ScalarFunction(["upper", "ucase"], FunctionSignature("upper", [s], returns: s), summary: "upper-case",
                           kernel: { (a, _, _) throws(SQLError) in try Text.changeCase(a[0], upper: true) }),
            ScalarFunction(["length", "char_length", "character_length", "len"], FunctionSignature("length", [s], returns: i),
                           summary: "number of characters",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings()
                               return Column(type: .int64, storage: .int((0..<n).map { Int64(Text.scalarCount(st.slice($0))) }), validity: a[0].validity)
                           }),
            ScalarFunction(["octet_length"], FunctionSignature("octet_length", [s], returns: i), summary: "number of bytes (UTF-8)",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings()
                               return Column(type: .int64, storage: .int((0..<n).map { Int64(st.length($0)) }), validity: a[0].validity)
                           }),
            ScalarFunction(["substr", "substring"], FunctionSignature("substr", [s, i, i], required: 2, returns: s),
                           summary: "characters from a 1-based start, optionally only `length` of them",
                           kernel: { (a, n, _) throws(SQLError) in try Text.substring(a, count: n) }),
            ScalarFunction(["trim", "btrim"], FunctionSignature("trim", [s, s], required: 1, returns: s),
                           summary: "removes leading and trailing spaces (or the given characters)",
                           kernel: { (a, n, _) throws(SQLError) in try Text.trim(a, count: n, leading: true, trailing: true) }),
            ScalarFunction(["ltrim"], FunctionSignature("ltrim", [s, s], required: 1, returns: s),
                           summary: "removes leading spaces (or the given characters)",
                           kernel: { (a, n, _) throws(SQLError) in try Text.trim(a, count: n, leading: true, trailing: false) }),
            ScalarFunction(["rtrim"], FunctionSignature("rtrim", [s, s], required: 1, returns: s),
                           summary: "removes trailing spaces (or the given characters)",
                           kernel: { (a, n, _) throws(SQLError) in try Text.trim(a, count: n, leading: false, trailing: true) }),
            ScalarFunction(["replace"], FunctionSignature("replace", [s, s, s], returns: s),
                           summary: "replaces every occurrence of a substring",
                           kernel: { (a, n, _) throws(SQLError) in try Text.replace(a, count: n) }),
            ScalarFunction(["concat"], summary: "concatenation of the arguments as text; NULLs are skipped",
                           resolve: { (t) throws(SQLError) in
                               guard !t.isEmpty else { throw noSuchFunction("concat", t, "takes one or more arguments") }
                               return ResolvedSignature(argumentTypes: Array(repeating: .string, count: t.count), returnType: .string)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               let parts = try a.map { (c) throws(SQLError) in try c.strings() }
                               return try buildStrings(a, count: n, nullPropagates: false) { (r, out) throws(SQLError) in
                                   for (k, p) in parts.enumerated() where !a[k].isNull(r) { out.append(contentsOf: p.slice(r)) }
                                   return true
                               }
                           }),
            ScalarFunction(["concat_ws"], summary: "the arguments after the first joined by the first; NULLs are skipped",
                           resolve: { (t) throws(SQLError) in
                               guard t.count >= 2, Arg.isString(t[0]) else {
                                   throw noSuchFunction("concat_ws", t, "takes a VARCHAR separator and one or more values")
                               }
                               return ResolvedSignature(argumentTypes: Array(repeating: .string, count: t.count), returnType: .string)
                           },
                           kernel: { (a, n, _) throws(SQLError) in
                               let parts = try a.map { (c) throws(SQLError) in try c.strings() }
                               return try buildStrings(a, count: n, nullPropagates: false) { (r, out) throws(SQLError) in
                                   if a[0].isNull(r) { return false }
                                   var first = true
                                   for k in 1..<parts.count where !a[k].isNull(r) {
                                       if !first { out.append(contentsOf: parts[0].slice(r)) }
                                       out.append(contentsOf: parts[k].slice(r))
                                       first = false
                                   }
                                   return true
                               }
                           }),
            ScalarFunction(["strpos", "instr", "position"], FunctionSignature("strpos", [s, s], returns: i),
                           summary: "1-based position of a substring, 0 when absent",
                           kernel: { (a, n, _) throws(SQLError) in try Text.position(a, count: n) }),
            bytePredicate("starts_with", "true when the string starts with the prefix") { $0.starts(with: $1) },
            bytePredicate("ends_with", "true when the string ends with the suffix") { $0.count >= $1.count && $0.suffix($1.count).elementsEqual($1) },
            bytePredicate("contains", "true when the string contains the substring") { Text.find($1, in: $0) != nil },
            ScalarFunction(["split_part"], FunctionSignature("split_part", [s, s, i], returns: s),
                           summary: "the n-th field of a string split by a delimiter",
                           kernel: { (a, n, _) throws(SQLError) in try Text.splitPart(a, count: n) }),
            ScalarFunction(["lpad"], FunctionSignature("lpad", [s, i, s], required: 2, returns: s),
                           summary: "pads on the left to a length (with spaces or the given text)",
                           kernel: { (a, n, _) throws(SQLError) in try Text.pad(a, count: n, left: true) }),
            ScalarFunction(["rpad"], FunctionSignature("rpad", [s, i, s], required: 2, returns: s),
                           summary: "pads on the right to a length (with spaces or the given text)",
                           kernel: { (a, n, _) throws(SQLError) in try Text.pad(a, count: n, left: false) }),
            ScalarFunction(["left"], FunctionSignature("left", [s, i], returns: s),
                           summary: "the first n characters (all but the last -n when negative)",
                           kernel: { (a, n, _) throws(SQLError) in try leftRight(a, count: n, left: true) }),
            ScalarFunction(["right"], FunctionSignature("right", [s, i], returns: s),
                           summary: "the last n characters (all but the first -n when negative)",
                           kernel: { (a, n, _) throws(SQLError) in try leftRight(a, count: n, left: false) }),
            ScalarFunction(["reverse"], FunctionSignature("reverse", [s], returns: s), summary: "characters in reverse order",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings()
                               return try buildStrings(a, count: n) { (r, out) throws(SQLError) in out.append(contentsOf: String(st[r].reversed()).utf8); return true }
                           }),
            ScalarFunction(["repeat"], FunctionSignature("repeat", [s, i], returns: s), summary: "the string repeated n times",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings(), k = try a[1].ints()
                               return try buildStrings(a, count: n) { (r, out) throws(SQLError) in
                                   let times = max(0, k[r])
                                   guard times.multipliedReportingOverflow(by: Int64(st.length(r))).partialValue < 100_000_000,
                                         times < 100_000_000 else { throw SQLError(.runtime, "repeat result too large") }
                                   for _ in 0..<times { out.append(contentsOf: st.slice(r)) }
                                   return true
                               }
                           }),
            ScalarFunction(["ascii"], FunctionSignature("ascii", [s], returns: .int32), summary: "code point of the first character (0 for '')",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings()
                               return Column(type: .int32, storage: .int((0..<n).map { Int64(st[$0].unicodeScalars.first?.value ?? 0) }), validity: a[0].validity)
                           }),
            ScalarFunction(["chr"], FunctionSignature("chr", [i], returns: s), summary: "the character with a code point",
                           kernel: { (a, n, _) throws(SQLError) in
                               let k = try a[0].ints()
                               return try buildStrings(a, count: n) { (r, out) throws(SQLError) in
                                   guard k[r] > 0, k[r] <= 0x10FFFF, let u = Unicode.Scalar(UInt32(k[r])) else {
                                       throw SQLError(.runtime, "requested character \(k[r]) is not a valid code point")
                                   }
                                   out.append(contentsOf: String(Character(u)).utf8)
                                   return true
                               }
                           }),
            ScalarFunction(["initcap"], FunctionSignature("initcap", [s], returns: s), summary: "first letter of each word upper-case",
                           kernel: { (a, n, _) throws(SQLError) in
                               let st = try a[0].strings()
                               return try buildStrings(a, count: n) { (r, out) throws(SQLError) in out.append(contentsOf: Text.initcap(st[r]).utf8); return true }
                           }),
        ]
    }

    /// A (VARCHAR, VARCHAR) -> BOOLEAN function over the two strings' bytes.
    static func bytePredicate(_ name: String, _ summary: String,
                              _ test: @escaping @Sendable (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Bool) -> ScalarFunction {
        ScalarFunction([name], FunctionSignature(name, [.string, .string], returns: .boolean), summary: summary,
                       kernel: { (a, n, _) throws(SQLError) in
                           let x = try a[0].strings(), y = try a[1].strings()
                           let mask = combinedValidity(a)
                           let out = (0..<n).map { isValid(mask, $0) && test(x.slice($0), y.slice($0)) }
                           return Column(type: .boolean, storage: .bool(out), validity: mask)
                       })
    }

    /// left(s, n) / right(s, n).
    static func leftRight(_ a: [Column], count: Int, left: Bool) throws(SQLError) -> Column {
        let st = try a[0].strings(), k = try a[1].ints()
        return try buildStrings(a, count: count) { (r, out) throws(SQLError) in
            let b = st.slice(r)
            let len = Text.scalarCount(b)
            let n = Int(max(Int64(-len), min(k[r], Int64(len))))
            let keep = n >= 0 ? n : len + n
            out.append(contentsOf: left ? Text.scalars(b, from: 0, to: keep) : Text.scalars(b, from: len - keep, to: len))
            return true
        }
    }
}
