/// One SQL value, boxed. Used for literals, results shown to users, and nested data;
/// never in per-row loops of the executor (those work on typed column buffers).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Any integer type.
    case int(Int64)
    /// FLOAT/REAL/DOUBLE.
    case double(Double)
    /// An unscaled decimal with its scale: `decimal(12345, 2)` is 123.45.
    case decimal(Int128, scale: Int)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int64)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    case interval(Interval)
    /// Field values in declared order.
    case `struct`([Value])
    case array([Value])

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a Double when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case let .int(v): return Double(v)
        case let .double(v): return v
        case let .decimal(v, s): return Decimal128.toDouble(v, scale: s)
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as an Int64 when it is an integer (or a boolean).
    public var intValue: Int64? {
        switch self {
        case let .int(v): return v
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The string payload, when it is a string.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }
}

extension Value {
    /// Text of the value as the CLI and tests show it; `nil` for NULL.
    /// DECIMAL keeps its scale, DOUBLE prints shortest round-trip digits,
    /// DATE/TIMESTAMP are ISO-8601 (`2024-01-02`, `2024-01-02 03:04:05.123`).
    public func rendered(type: DataType? = nil) -> String? {
        switch self {
        case .null: return nil
        case let .bool(b): return b ? "true" : "false"
        case let .int(v): return String(v)
        case let .double(v): return Value.formatDouble(v)
        case let .decimal(v, s): return Decimal128.format(v, scale: s)
        case let .string(s): return s
        case let .date(d): return DateTime.formatDate(days: d)
        case let .timestamp(t): return DateTime.formatTimestamp(micros: t)
        case let .interval(i): return i.description
        case let .struct(values):
            var fieldNames: [String] = []
            if case let .struct(fields)? = type { fieldNames = fields.map(\.name) }
            var parts: [String] = []
            for (i, v) in values.enumerated() {
                let name = i < fieldNames.count ? fieldNames[i] : "f\(i + 1)"
                var fieldType: DataType? = nil
                if case let .struct(fields)? = type, i < fields.count { fieldType = fields[i].type }
                parts.append("\(name): " + v.literalText(type: fieldType))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case let .array(values):
            var elementType: DataType? = nil
            if case let .array(e)? = type { elementType = e }
            return "[" + values.map { $0.literalText(type: elementType) }.joined(separator: ", ") + "]"
        }
    }

    /// Text inside a nested value: strings quoted, NULL spelled out.
    func literalText(type: DataType?) -> String {
        switch self {
        case .null: return "NULL"
        case let .string(s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        default: return rendered(type: type) ?? "NULL"
        }
    }

    /// Shortest text that reads back as the same Double; integral values keep no ".0"
    /// only when huge; `inf`, `-inf`, `nan` spelled as PostgreSQL does.
    public static func formatDouble(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "Infinity" : "-Infinity" }
        if v == v.rounded(), abs(v) < 1e15 {
            return String(Int64(v)) + (v == 0 && v.sign == .minus ? "" : "")
        }
        return "\(v)"
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        guard t.count <= u.count else { return nil }
        var i = u.startIndex
        while i != u.endIndex {
            var j = i, k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
