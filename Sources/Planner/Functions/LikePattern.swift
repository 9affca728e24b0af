import Columnar
import Diagnostics

// LIKE / ILIKE: `%` matches any run of characters, `_` exactly one character, the escape
// character (backslash unless a third argument names another) makes the next one literal.
// A pattern is compiled once per batch when it is the same on every row; plain shapes
// ('abc', 'abc%', '%abc', '%abc%') become byte comparisons.

/// A compiled LIKE pattern over UTF-8 bytes.
struct LikePattern {
    enum Token: Equatable {
        case byte(UInt8)
        case one
        case many
    }

    enum Shape {
        case exact([UInt8]), prefix([UInt8]), suffix([UInt8]), contains([UInt8]), general([Token])
    }

    let shape: Shape

    /// Compiles `pattern`; a trailing escape character is an error.
    init(_ pattern: [UInt8], escape: UInt8?) throws(SQLError) {
        var tokens: [Token] = []
        var i = 0
        while i < pattern.count {
            let c = pattern[i]
            if let e = escape, c == e {
                guard i + 1 < pattern.count else { throw SQLError(.runtime, "LIKE pattern must not end with escape character") }
                tokens.append(.byte(pattern[i + 1]))
                i += 2
                continue
            }
            if c == UInt8(ascii: "%") { if tokens.last != .many { tokens.append(.many) } }
            else if c == UInt8(ascii: "_") { tokens.append(.one) }
            else { tokens.append(.byte(c)) }
            i += 1
        }
        shape = LikePattern.classify(tokens)
    }

    static func classify(_ tokens: [Token]) -> Shape {
        if tokens.contains(.one) { return .general(tokens) }
        let literalCount = tokens.reduce(0) { $0 + ($1 == .many ? 0 : 1) }
        func bytes(_ t: ArraySlice<Token>) -> [UInt8] { t.compactMap { if case let .byte(b) = $0 { return b } else { return nil } } }
        let manyCount = tokens.count - literalCount
        if manyCount == 0 { return .exact(bytes(tokens[...])) }
        if manyCount == 1, tokens.last == .many { return .prefix(bytes(tokens.dropLast())) }
        if manyCount == 1, tokens.first == .many { return .suffix(bytes(tokens.dropFirst())) }
        if manyCount == 2, tokens.first == .many, tokens.last == .many, tokens.count >= 2 { return .contains(bytes(tokens.dropFirst().dropLast())) }
        return .general(tokens)
    }

    /// True when `s` matches.
    func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case let .exact(p): return s.elementsEqual(p)
        case let .prefix(p): return s.count >= p.count && s.prefix(p.count).elementsEqual(p)
        case let .suffix(p): return s.count >= p.count && s.suffix(p.count).elementsEqual(p)
        case let .contains(p): return LikePattern.find(p, in: s)
        case let .general(t): return LikePattern.matchGeneral(t, s)
        }
    }

    static func find(_ p: [UInt8], in s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first else { return true }
        if p.count > s.count { return false }
        var i = 0
        while i + p.count <= s.count {
            if s[i] == first {
                var k = 1
                while k < p.count, s[i + k] == p[k] { k += 1 }
                if k == p.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Wildcard matching with backtracking to the last `%`; `_` consumes one UTF-8 character.
    static func matchGeneral(_ t: [Token], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var ti = 0, si = 0
        var starT = -1, starS = 0
        @inline(__always) func charEnd(_ i: Int) -> Int {
            var j = i + 1
            while j < s.count, s[j] & 0xC0 == 0x80 { j += 1 }
            return j
        }
        while si < s.count {
            if ti < t.count {
                switch t[ti] {
                case .many:
                    starT = ti; starS = si; ti += 1
                    continue
                case .one:
                    ti += 1; si = charEnd(si)
                    continue
                case let .byte(b) where b == s[si]:
                    ti += 1; si += 1
                    continue
                default: break
                }
            }
            guard starT >= 0 else { return false }
            starS = charEnd(starS)
            si = starS
            ti = starT + 1
        }
        while ti < t.count, t[ti] == .many { ti += 1 }
        return ti == t.count
    }
}

enum Like {
    /// like(s, pattern[, escape]) / ilike: all VARCHAR, result BOOLEAN.
    static func resolve(_ name: String, _ types: [DataType]) throws(SQLError) -> ResolvedSignature {
        guard (2...3).contains(types.count), types.allSatisfy(Arg.isString) else {
            throw noSuchFunction(name, types, "takes VARCHAR, a VARCHAR pattern and an optional escape character")
        }
        return ResolvedSignature(argumentTypes: Array(repeating: .string, count: types.count), returnType: .boolean)
    }

    /// Matches every row; the pattern is compiled once when constant.
    static func evaluate(_ args: [Column], count: Int, caseInsensitive: Bool) throws(SQLError) -> Column {
        guard args.count >= 2 else { throw SQLError(.internal, "like expects two arguments") }
        let s = try args[0].strings(), p = try args[1].strings()
        let e = args.count > 2 ? try args[2].strings() : nil
        let mask = combinedValidity(args)
        func escape(_ i: Int) throws(SQLError) -> UInt8? {
            guard let e else { return UInt8(ascii: "\\") }
            let bytes = Array(e.bytes[e.offsets[i]..<e.offsets[i + 1]])
            if bytes.isEmpty { return nil }
            guard bytes.count == 1 else { throw SQLError(.runtime, "invalid escape string", notes: ["escape string must be empty or one character"]) }
            return bytes[0]
        }
        func patternBytes(_ i: Int) -> [UInt8] {
            let raw = Array(p.bytes[p.offsets[i]..<p.offsets[i + 1]])
            return caseInsensitive ? Array(String(decoding: raw, as: UTF8.self).lowercased().utf8) : raw
        }
        let constant = args[1].isConstantString && (args.count < 3 || args[2].isConstantString)
        let shared: LikePattern? = constant && count > 0 ? try LikePattern(patternBytes(0), escape: escape(0)) : nil
        var out = [Bool](repeating: false, count: count)
        for i in 0..<count where isValid(mask, i) {
            let pattern: LikePattern
            if let shared { pattern = shared } else { pattern = try LikePattern(patternBytes(i), escape: escape(i)) }
            if caseInsensitive {
                var lowered = s[i].lowercased()
                out[i] = lowered.withUTF8 { pattern.matches($0) }
            } else {
                out[i] = s.withBytes(i) { pattern.matches($0) }
            }
        }
        return Column(type: .boolean, storage: .bool(out), validity: mask)
    }
}
