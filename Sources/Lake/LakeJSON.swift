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
