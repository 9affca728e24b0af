/// How the text of one cell is escaped for an output format.
enum CellEncoding: Sendable {
    /// Table and box output: control characters shown as `\n`, `\t`, `\r`, `\xHH`.
    case display
    /// RFC 4180: fields holding `,` `"` CR or LF are quoted, quotes doubled.
    case csv
    /// Tab separated: backslash, tab, LF and CR written as `\\` `\t` `\n` `\r`.
    case tsv
    /// JSON values: strings quoted and escaped, numbers and booleans bare, NULL as `null`.
    case json
    /// GitHub markdown cells: `|` escaped, line breaks as `<br>`.
    case markdown

    /// Appends `text` escaped for this encoding. Strings go through here; numbers
    /// (which never need escaping) are appended directly by the renderer.
    func appendString(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        switch self {
        case .display: CellEncoding.appendDisplay(text, to: &out)
        case .csv: CellEncoding.appendCSV(text, to: &out)
        case .tsv: CellEncoding.appendTSV(text, to: &out)
        case .json: CellEncoding.appendJSONString(text, to: &out)
        case .markdown: CellEncoding.appendMarkdown(text, to: &out)
        }
    }

    /// Appends a Swift string escaped for this encoding.
    func appendString(_ text: String, to out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { appendString($0, to: &out) }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendDisplay(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var clean = true
        for b in text where b < 0x20 || b == 0x7F { clean = false; break }
        if clean { out.append(text); return }
        for b in text {
            switch b {
            case 0x0A: out.append(ascii: "\\"); out.append(ascii: "n")
            case 0x09: out.append(ascii: "\\"); out.append(ascii: "t")
            case 0x0D: out.append(ascii: "\\"); out.append(ascii: "r")
            case 0..<0x20, 0x7F:
                out.append(ascii: "\\"); out.append(ascii: "x")
                out.append(hexDigits[Int(b >> 4)]); out.append(hexDigits[Int(b & 15)])
            default: out.append(b)
            }
        }
    }

    static func appendCSV(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var needsQuotes = text.isEmpty  // "" keeps an empty string apart from NULL
        for b in text where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes { out.append(text); return }
        out.append(ascii: "\"")
        for b in text {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(ascii: "\"")
    }

    static func appendTSV(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        for b in text {
            switch b {
            case UInt8(ascii: "\\"): out.append(ascii: "\\"); out.append(ascii: "\\")
            case 0x09: out.append(ascii: "\\"); out.append(ascii: "t")
            case 0x0A: out.append(ascii: "\\"); out.append(ascii: "n")
            case 0x0D: out.append(ascii: "\\"); out.append(ascii: "r")
            default: out.append(b)
            }
        }
    }

    static func appendJSONString(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.append(ascii: "\"")
        for b in text {
            switch b {
            case UInt8(ascii: "\""): out.append(ascii: "\\"); out.append(ascii: "\"")
            case UInt8(ascii: "\\"): out.append(ascii: "\\"); out.append(ascii: "\\")
            case 0x0A: out.append(ascii: "\\"); out.append(ascii: "n")
            case 0x0D: out.append(ascii: "\\"); out.append(ascii: "r")
            case 0x09: out.append(ascii: "\\"); out.append(ascii: "t")
            case 0x08: out.append(ascii: "\\"); out.append(ascii: "b")
            case 0x0C: out.append(ascii: "\\"); out.append(ascii: "f")
            case 0..<0x20, 0x7F:
                out.append("\\u00")
                out.append(hexDigits[Int(b >> 4)]); out.append(hexDigits[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(ascii: "\"")
    }

    static func appendMarkdown(_ text: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        for b in text {
            switch b {
            case UInt8(ascii: "|"): out.append(ascii: "\\"); out.append(ascii: "|")
            case 0x0A: out.append("<br>")
            case 0x0D: break
            case 0..<0x20, 0x7F: out.append(ascii: " ")
            default: out.append(b)
            }
        }
    }
}
