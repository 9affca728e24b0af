import Columnar
import Diagnostics

// regexp_matches(s, pattern[, flags]) -> BOOLEAN and
// regexp_replace(s, pattern, replacement[, flags]) with Swift's Regex (no Foundation).
// Flags: 'g' replaces every match (otherwise only the first), 'i' ignores case.
// In replacements, \1..\9 insert a group, \0 or \& the whole match, \\ a backslash.

enum RegexFunctions {
    /// Compiles a pattern with flags, as a `.runtime` error when the pattern is invalid.
    static func compile(_ pattern: String, flags: String) throws(SQLError) -> Regex<AnyRegexOutput> {
        do {
            var r = try Regex(pattern)
            if flags.contains("i") { r = r.ignoresCase() }
            return r
        } catch {
            throw SQLError(.runtime, "invalid regular expression: \(pattern)")
        }
    }

    /// Compiles per row, reusing the last regex while the pattern and flags bytes repeat.
    struct Cache {
        var key: ([UInt8], [UInt8])? = nil
        var regex: Regex<AnyRegexOutput>? = nil

        mutating func get(_ patterns: StringStorage, _ flags: StringStorage?, _ i: Int) throws(SQLError) -> Regex<AnyRegexOutput> {
            let p = patterns.slice(i)
            let f = flags?.slice(i) ?? []
            if let k = key, let r = regex, k.0.elementsEqual(p), k.1.elementsEqual(f) { return r }
            let r = try compile(patterns[i], flags: flags?[i] ?? "")
            key = (Array(p), Array(f))
            regex = r
            return r
        }
    }

    static let matchesFunction = ScalarFunction(
        ["regexp_matches", "regexp_like"], summary: "true when the string contains a match of the regular expression",
        resolve: { (types) throws(SQLError) in
            guard (2...3).contains(types.count), types.allSatisfy(Arg.isString) else {
                throw noSuchFunction("regexp_matches", types, "takes VARCHAR, a VARCHAR pattern and optional VARCHAR flags")
            }
            return ResolvedSignature(argumentTypes: Array(repeating: .string, count: types.count), returnType: .boolean)
        },
        kernel: { (args, count, _) throws(SQLError) in
            let s = try args[0].strings(), p = try args[1].strings()
            let f = args.count > 2 ? try args[2].strings() : nil
            var cache = Cache()
            return try buildRows(.boolean, args, count: count) { (i, b) throws(SQLError) in
                let r = try cache.get(p, f, i)
                b.append(bool: s[i].contains(r))
            }
        })

    static let replaceFunction = ScalarFunction(
        ["regexp_replace"], summary: "replaces the first (or with flag 'g' every) match of a regular expression",
        resolve: { (types) throws(SQLError) in
            guard (3...4).contains(types.count), types.allSatisfy(Arg.isString) else {
                throw noSuchFunction("regexp_replace", types, "takes VARCHAR, a VARCHAR pattern, a VARCHAR replacement and optional VARCHAR flags")
            }
            return ResolvedSignature(argumentTypes: Array(repeating: .string, count: types.count), returnType: .string)
        },
        kernel: { (args, count, _) throws(SQLError) in
            let s = try args[0].strings(), p = try args[1].strings(), rep = try args[2].strings()
            let f = args.count > 3 ? try args[3].strings() : nil
            var cache = Cache()
            return try buildRows(.string, args, count: count) { (i, b) throws(SQLError) in
                let r = try cache.get(p, f, i)
                let global = f.map { $0.slice(i).contains(UInt8(ascii: "g")) } ?? false
                let template = Array(rep[i])
                let result = s[i].replacing(r, maxReplacements: global ? Int.max : 1) { match in
                    expand(template, match)
                }
                b.append(string: result)
            }
        })

    static let extractFunction = ScalarFunction(
        ["regexp_extract"], summary: "the first match of a regular expression (or one of its groups); '' when none",
        resolve: { (types) throws(SQLError) in
            guard (2...3).contains(types.count), Arg.isString(types[0]), Arg.isString(types[1]), types.count == 2 || Arg.isInteger(types[2]) else {
                throw noSuchFunction("regexp_extract", types, "takes VARCHAR, a VARCHAR pattern and an optional INTEGER group")
            }
            return ResolvedSignature(argumentTypes: types.count == 2 ? [.string, .string] : [.string, .string, .int64], returnType: .string)
        },
        kernel: { (args, count, _) throws(SQLError) in
            let s = try args[0].strings(), p = try args[1].strings()
            let g = args.count > 2 ? try args[2].ints() : nil
            var cache = Cache()
            return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
                let r = try cache.get(p, nil, i)
                guard let match = s[i].firstMatch(of: r) else { return true }
                let group = Int(g?[i] ?? 0)
                guard group >= 0, group < match.output.count else {
                    throw SQLError(.runtime, "regexp_extract: group \(group) does not exist in the pattern")
                }
                out.append(contentsOf: String(match.output[group].substring ?? "").utf8)
                return true
            }
        })

    /// The replacement text for one match.
    static func expand(_ template: [Character], _ match: Regex<AnyRegexOutput>.Match) -> String {
        var out = ""
        var k = 0
        while k < template.count {
            let c = template[k]
            if c == "\\", k + 1 < template.count {
                let next = template[k + 1]
                if let d = next.wholeNumberValue, d < match.output.count {
                    if let sub = match.output[d].substring { out += sub }
                    k += 2
                    continue
                }
                if next == "&" { out += match.output[0].substring ?? ""; k += 2; continue }
                if next == "\\" { out.append("\\"); k += 2; continue }
            }
            out.append(c)
            k += 1
        }
        return out
    }
}
