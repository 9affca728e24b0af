/// JSON string unescaping: `\" \\ \/ \b \f \n \r \t \uXXXX` (with surrogate pairs),
/// written as UTF-8 bytes. A lone surrogate becomes U+FFFD; any other escape is invalid.
enum JSONUnescape {
    /// Appends the unescaped content of `[start, end)` (the bytes between the quotes) to
    /// `out`; false on an invalid escape.
    static func unescape(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) -> Bool {
        var i = start
        var run = start
        while i < end {
            if p[i] != JSONBytes.backslash { i += 1; continue }
            if run < i { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run)) }
            guard i + 1 < end else { return false }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let u = hex4(p, i, end) else { return false }
                i += 4
                var scalar = u
                if u >= 0xD800 && u < 0xDC00 {
                    if end - i >= 6, p[i] == JSONBytes.backslash, p[i + 1] == 0x75, let lo = hex4(p, i + 2, end), lo >= 0xDC00, lo < 0xE000 {
                        scalar = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if u >= 0xDC00 && u < 0xE000 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, &out)
            default:
                return false
            }
            run = i
        }
        if run < end { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: end - run)) }
        return true
    }

    /// Four hex digits at `i`.
    static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt32? {
        guard end - i >= 4 else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = p[i + k]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// UTF-8 encoding of a scalar value.
    static func appendUTF8(_ s: UInt32, _ out: inout [UInt8]) {
        if s < 0x80 {
            out.append(UInt8(s))
        } else if s < 0x800 {
            out.append(UInt8(0xC0 | (s >> 6)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            out.append(UInt8(0xE0 | (s >> 12)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (s >> 18)))
            out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }
}
