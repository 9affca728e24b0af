import Columnar

/// Text of single values for the printers, following `Value.rendered(type:)`.
enum ValueText {
    /// A DOUBLE as the CLI shows it (shortest round-trip digits, `NaN`, `Infinity`).
    static func double(_ v: Double) -> String { Value.formatDouble(v) }

    /// Appends `value` (of `type`) as text escaped for `encoding`; NULL as `nullText`
    /// (JSON: `null`). Slow path for nested and rare values.
    static func append(_ value: Value, type: DataType?, encoding: CellEncoding, nullText: [UInt8], to out: inout ByteBuffer) {
        if encoding == .json {
            appendJSON(value, type: type, to: &out)
            return
        }
        guard let text = value.rendered(type: type) else {
            out.append(nullText[...])
            return
        }
        encoding.appendString(text, to: &out)
    }

    /// Appends `value` as a JSON value: numbers as numbers (DECIMAL keeps its scale),
    /// NaN and infinities as `null`, DATE/TIMESTAMP/INTERVAL as strings,
    /// STRUCT as an object with its field names, ARRAY as an array.
    static func appendJSON(_ value: Value, type: DataType?, to out: inout ByteBuffer) {
        switch value {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .int(v): out.append(int: v)
        case let .double(v):
            if v.isFinite { out.append(double: v) } else { out.append("null") }
        case let .decimal(v, s): out.append(Decimal128.format(v, scale: s))
        case let .string(s): CellEncoding.json.appendString(s, to: &out)
        case .date, .timestamp, .interval:
            CellEncoding.json.appendString(value.rendered(type: type) ?? "", to: &out)
        case let .struct(values):
            var fields: [StructField] = []
            if case let .struct(f)? = type { fields = f }
            out.append(ascii: "{")
            for (i, v) in values.enumerated() {
                if i > 0 { out.append(ascii: ",") }
                let name = i < fields.count ? fields[i].name : "f\(i + 1)"
                CellEncoding.json.appendString(name, to: &out)
                out.append(ascii: ":")
                appendJSON(v, type: i < fields.count ? fields[i].type : nil, to: &out)
            }
            out.append(ascii: "}")
        case let .array(values):
            var element: DataType? = nil
            if case let .array(e)? = type { element = e }
            out.append(ascii: "[")
            for (i, v) in values.enumerated() {
                if i > 0 { out.append(ascii: ",") }
                appendJSON(v, type: element, to: &out)
            }
            out.append(ascii: "]")
        }
    }
}
