import Diagnostics

/// A JSON value, for the lake's own small documents: commit files and the facts commits
/// keep (file lists, sizes, key ranges). Objects keep their members in the order read and
/// are written with keys sorted, so equal values give equal text.
package enum LakeJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as written (integers are read back exactly).
    case number(String)
    case string(String)
    case array([LakeJSON])
    case object([(String, LakeJSON)])

    package static func == (a: LakeJSON, b: LakeJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The member `key` of an object.
    package subscript(key: String) -> LakeJSON? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    package var string: String? { if case let .string(s) = self { s } else { nil } }
    package var int: Int? { if case let .number(n) = self { Int(n) } else { nil } }
    package var int64: Int64? { if case let .number(n) = self { Int64(n) } else { nil } }
    package var array: [LakeJSON]? { if case let .array(a) = self { a } else { nil } }
    package var members: [(String, LakeJSON)]? { if case let .object(m) = self { m } else { nil } }

    // MARK: Reading

    /// Parses `text` (one value, surrounded by white space at most).
    package static func parse(_ text: String) throws(SQLError) -> LakeJSON {
        try parse(Array(text.utf8))
    }

    /// Parses UTF-8 `bytes` (one value, surrounded by white space at most).
    package static func parse(_ bytes: [UInt8]) throws(SQLError) -> LakeJSON {
        var result: Result<LakeJSON, SQLError> = .success(.null)
        bytes.withUnsafeBytes { raw in
            do throws(SQLError) { result = .success(try parse(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Parses `bytes` (UTF-8; one value, surrounded by white space at most).
    package static func parse(_ bytes: UnsafeRawBufferPointer) throws(SQLError) -> LakeJSON {
        var p = Parser(bytes: bytes)
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.at == bytes.count else { throw p.failure("unexpected text after the value") }
        return value
    }

    /// The members `keys` of the object in `bytes`, the others passed over unbuilt.
    package static func members(_ keys: Set<String>, of bytes: [UInt8]) throws(SQLError) -> [String: LakeJSON] {
        var result: Result<[String: LakeJSON], SQLError> = .success([:])
        bytes.withUnsafeBytes { raw in
            var p = Parser(bytes: raw)
            do throws(SQLError) {
                var out: [String: LakeJSON] = [:]
                p.skipSpace()
                guard p.peek == UInt8(ascii: "{") else { throw p.failure("expected an object") }
                p.at += 1
                p.skipSpace()
                if p.peek == UInt8(ascii: "}") {
                    result = .success(out)
                    return
                }
                while true {
                    p.skipSpace()
                    guard p.peek == UInt8(ascii: "\"") else { throw p.failure("expected a member name") }
                    let key = try p.string()
                    p.skipSpace()
                    guard p.peek == UInt8(ascii: ":") else { throw p.failure("expected ':'") }
                    p.at += 1
                    if keys.contains(key) { out[key] = try p.value(depth: 1) } else { try p.skip(depth: 1) }
                    p.skipSpace()
                    if p.peek == UInt8(ascii: ",") { p.at += 1; continue }
                    guard p.peek == UInt8(ascii: "}") else { throw p.failure("expected ',' or '}'") }
                    p.at += 1
                    break
                }
                p.skipSpace()
                guard p.at == raw.count else { throw p.failure("unexpected text after the value") }
                result = .success(out)
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        func failure(_ what: String) -> SQLError { SQLError(.data, "malformed JSON at byte \(at): \(what)") }

        var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func expect(_ word: String) throws(SQLError) {
            for b in word.utf8 {
                guard peek == b else { throw failure("expected \(word)") }
                at += 1
            }
        }

        mutating func value(depth: Int) throws(SQLError) -> LakeJSON {
            guard depth < 200 else { throw failure("nested too deeply") }
            skipSpace()
            switch peek {
            case UInt8(ascii: "{"):
                at += 1
                var members: [(String, LakeJSON)] = []
                skipSpace()
                if peek == UInt8(ascii: "}") { at += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                    let key = try string()
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    at += 1
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { at += 1; continue }
                    guard peek == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                    at += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                at += 1
                var items: [LakeJSON] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { at += 1; continue }
                    guard peek == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                    at += 1
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case let c? where c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39):
                let start = at
                at += 1
                while let d = peek, (d >= 0x30 && d <= 0x39) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e")
                        || d == UInt8(ascii: "E") || d == UInt8(ascii: "+") || d == UInt8(ascii: "-") { at += 1 }
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                guard text != "-", Double(text) != nil else { throw failure("malformed number") }
                return .number(text)
            default:
                throw failure("expected a value")
            }
        }

        /// Passes over one value without building it.
        mutating func skip(depth: Int) throws(SQLError) {
            guard depth < 200 else { throw failure("nested too deeply") }
            skipSpace()
            switch peek {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = peek == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let object = close == UInt8(ascii: "}")
                at += 1
                skipSpace()
                if peek == close { at += 1; return }
                while true {
                    if object {
                        skipSpace()
                        guard peek == UInt8(ascii: "\"") else { throw failure("expected a member name") }
                        try skipString()
                        skipSpace()
                        guard peek == UInt8(ascii: ":") else { throw failure("expected ':'") }
                        at += 1
                    }
                    try skip(depth: depth + 1)
                    skipSpace()
                    if peek == UInt8(ascii: ",") { at += 1; continue }
                    guard peek == close else { throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                    at += 1
                    return
                }
            case UInt8(ascii: "\""):
                try skipString()
            default:
                _ = try value(depth: depth)
            }
        }

        /// Passes over a string starting at the opening quote (escapes are checked when read).
        mutating func skipString() throws(SQLError) {
            at += 1
            while at < bytes.count {
                let c = bytes[at]
                if c == UInt8(ascii: "\"") { at += 1; return }
                at += c == UInt8(ascii: "\\") ? 2 : 1
            }
            throw failure("unterminated string")
        }

        /// A string starting at the opening quote.
        mutating func string() throws(SQLError) -> String {
            at += 1
            let start = at
            // The common case: no escapes.
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 { at += 1 }
            if peek == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return s
            }
            var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<at]))
            while true {
                // A run of plain bytes at once.
                let run = at
                while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 { at += 1 }
                if at > run { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run..<at])) }
                guard let c = peek else { throw failure("unterminated string") }
                at += 1
                switch c {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = peek else { throw failure("unterminated string") }
                    at += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if scalar >= 0xD800, scalar < 0xDC00 {
                            // A surrogate pair.
                            guard peek == UInt8(ascii: "\\") else { throw failure("unpaired surrogate") }
                            at += 1
                            guard peek == UInt8(ascii: "u") else { throw failure("unpaired surrogate") }
                            at += 1
                            let low = try hex4()
                            guard low >= 0xDC00, low < 0xE000 else { throw failure("unpaired surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default:
                        throw failure("invalid escape")
                    }
                default:
                    guard c >= 0x20 else { throw failure("control character in a string") }
                    out.append(c)
                }
            }
        }

        mutating func hex4() throws(SQLError) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek else { throw failure("invalid \\u escape") }
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw failure("invalid \\u escape")
                }
                v = v << 4 | d
                at += 1
            }
            return v
        }
    }

    // MARK: Writing

    /// The value as JSON text, object keys sorted; `pretty`: indented by two spaces.
    package func text(pretty: Bool = false) -> String {
        var out: [UInt8] = []
        write(to: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case let .bool(b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case let .number(n): out.append(contentsOf: Array(n.utf8))
        case let .string(s): LakeJSON.quote(s, to: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if !items.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { $0.0 < $1.0 }
            for (i, (key, value)) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                LakeJSON.quote(key, to: &out)
                out.append(contentsOf: pretty ? Array(" : ".utf8) : [UInt8(ascii: ":")])
                value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if !members.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func quote(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { u in
            var run = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 else { continue }
                // The plain bytes before this one at once, then its escape.
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
                run = i + 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, b])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            if u.count > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension LakeJSON {
    /// `[name: [text]]` as an object of string arrays.
    package init(lists: [String: [String]]) {
        self = .object(lists.map { ($0.key, .array($0.value.map(LakeJSON.string))) })
    }

    /// `[name: [text: integer]]` as an object of objects.
    package init(counts: [String: [String: Int]]) {
        self = .object(counts.map { ($0.key, .object($0.value.map { ($0.key, .number(String($0.value))) })) })
    }

    /// An object of string arrays read back (nil if the value has another shape).
    package var lists: [String: [String]]? {
        guard let members else { return nil }
        var out: [String: [String]] = [:]
        for (k, v) in members {
            guard let items = v.array else { return nil }
            var texts: [String] = []
            texts.reserveCapacity(items.count)
            for item in items {
                guard let s = item.string else { return nil }
                texts.append(s)
            }
            out[k] = texts
        }
        return out
    }

    /// An array of strings read back.
    package var strings: [String]? {
        guard let items = array else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let s = item.string else { return nil }
            out.append(s)
        }
        return out
    }

    /// An object of objects of integers read back.
    package var counts: [String: [String: Int]]? {
        guard let members else { return nil }
        var out: [String: [String: Int]] = [:]
        for (k, v) in members {
            guard let inner = v.members else { return nil }
            var m: [String: Int] = [:]
            for (f, n) in inner {
                guard let i = n.int else { return nil }
                m[f] = i
            }
            out[k] = m
        }
        return out
    }
}
