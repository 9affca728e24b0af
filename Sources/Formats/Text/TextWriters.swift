import Columnar
import Diagnostics

/// Result rows as text files for `COPY ... TO` (CSV per RFC 4180, JSON lines, one JSON
/// array): values typed as in JSON (numbers, booleans, null, ISO dates and timestamps,
/// structs as objects, arrays as arrays).
public enum TextWriters {
    /// CSV with a header line; fields with `,`, `"`, CR or LF are quoted, quotes doubled.
    public static func csv(_ batches: [Batch], schema: Schema, header: Bool = true, delimiter: UInt8 = UInt8(ascii: ","), null: String = "") -> [UInt8] {
        var out: [UInt8] = []
        func field(_ s: String) {
            let bytes = Array(s.utf8)
            if bytes.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for b in bytes { if b == 0x22 { out.append(0x22) }; out.append(b) }
                out.append(0x22)
            } else {
                out += bytes
            }
        }
        if header {
            for (i, f) in schema.fields.enumerated() {
                if i > 0 { out.append(delimiter) }
                field(f.name)
            }
            out.append(0x0A)
        }
        for b in batches {
            for r in 0..<b.count {
                for (i, c) in b.columns.enumerated() {
                    if i > 0 { out.append(delimiter) }
                    let v = c.value(at: r)
                    if v.isNull { out += Array(null.utf8) } else { field(v.rendered(type: c.type) ?? "") }
                }
                out.append(0x0A)
            }
        }
        return out
    }

    /// One JSON object per line (`lines`), or one JSON array of objects.
    public static func json(_ batches: [Batch], schema: Schema, lines: Bool) -> [UInt8] {
        var out: [UInt8] = []
        if !lines { out.append(UInt8(ascii: "[")) }
        var first = true
        for b in batches {
            for r in 0..<b.count {
                if !lines && !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(UInt8(ascii: "{"))
                for (i, c) in b.columns.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    string(schema.fields[i].name, into: &out)
                    out.append(UInt8(ascii: ":"))
                    value(c.value(at: r), type: c.type, into: &out)
                }
                out.append(UInt8(ascii: "}"))
                if lines { out.append(0x0A) }
            }
        }
        if !lines { out += Array("]\n".utf8) }
        return out
    }

    static func value(_ v: Value, type: DataType, into out: inout [UInt8]) {
        switch v {
        case .null: out += Array("null".utf8)
        case let .bool(b): out += Array((b ? "true" : "false").utf8)
        case .int, .decimal: out += Array((v.rendered(type: type) ?? "null").utf8)
        case let .double(d): out += Array((d.isFinite ? Value.formatDouble(d) : "null").utf8)
        case let .struct(values):
            out.append(UInt8(ascii: "{"))
            let fields: [StructField]
            if case let .struct(f) = type { fields = f } else { fields = [] }
            for (i, x) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(i < fields.count ? fields[i].name : "f\(i + 1)", into: &out)
                out.append(UInt8(ascii: ":"))
                value(x, type: i < fields.count ? fields[i].type : .null, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let .array(values):
            out.append(UInt8(ascii: "["))
            var element = DataType.null
            if case let .array(e) = type { element = e }
            for (i, x) in values.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                value(x, type: element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        default: string(v.rendered(type: type) ?? "", into: &out)
        }
    }

    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
