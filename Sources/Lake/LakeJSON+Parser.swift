import Diagnostics

/// Reading JSON text: a strict parser, and a reader of chosen members that passes over the
/// others without building them.
extension LakeJSON {
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
}
