import Columnar

/// Why one value (or one record) could not be read; becomes a bad record's message.
struct JSONValueError: Error {
    /// Field path (`car.year`, `tags[]`), empty for the record itself.
    var path: String
    /// What is wrong, e.g. `expected DECIMAL(10,2), found "12,5"`.
    var detail: String

    /// `path: detail`, or the detail alone for whole-record problems.
    var message: String { path.isEmpty ? detail : path + ": " + detail }

    /// The same error inside field `name` of an enclosing struct (or `[]` of an array).
    func inside(_ name: String) -> JSONValueError {
        var copy = self
        if path.isEmpty { copy.path = name } else if path.hasPrefix("[") { copy.path = name + path } else { copy.path = name + "." + path }
        return copy
    }

    /// `expected TYPE, found TOKEN`, the token shown as written (cut at 60 bytes).
    static func mismatch(_ path: String, _ type: String, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> JSONValueError {
        JSONValueError(path: path, detail: "expected \(type), found \(token(p, s, e))")
    }

    /// `value TOKEN out of range for TYPE`.
    static func range(_ path: String, _ type: String, _ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> JSONValueError {
        JSONValueError(path: path, detail: "value \(token(p, s, e)) out of range for \(type)")
    }

    /// Broken JSON syntax.
    static func malformed(_ detail: String) -> JSONValueError {
        JSONValueError(path: "", detail: "malformed JSON: " + detail)
    }

    /// The raw token text, shortened for messages.
    static func token(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let n = min(max(e - s, 0), 60)
        let text = String(decoding: UnsafeBufferPointer(start: p + s, count: n), as: UTF8.self)
        return n < e - s ? text + "..." : text
    }
}
