/// Terminal column widths of UTF-8 text: East Asian wide characters and most emoji
/// take two columns, combining marks none, everything else one.
enum DisplayWidth {
    /// Columns taken by `bytes`.
    static func of(_ bytes: ArraySlice<UInt8>) -> Int {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return bytes.count }
        var width = 0
        forEachScalar(bytes) { _, w in width += w; return true }
        return width
    }

    /// The longest prefix of `bytes` whose width is at most `limit`, and that width.
    static func prefix(_ bytes: ArraySlice<UInt8>, width limit: Int) -> (bytes: ArraySlice<UInt8>, width: Int) {
        var width = 0
        var end = bytes.startIndex
        forEachScalar(bytes) { next, w in
            if width + w > limit { return false }
            width += w
            end = next
            return true
        }
        return (bytes[bytes.startIndex..<end], width)
    }

    /// Calls `body` with the index after each scalar and its width, until it returns false.
    private static func forEachScalar(_ bytes: ArraySlice<UInt8>, _ body: (Int, Int) -> Bool) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let lead = bytes[i]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var scalar = UInt32(lead < 0x80 ? lead : lead < 0xE0 ? lead & 0x1F : lead < 0xF0 ? lead & 0x0F : lead & 0x07)
            var k = 1
            while k < length, i + k < bytes.endIndex {
                scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
                k += 1
            }
            i += k
            if !body(i, width(of: scalar)) { return }
        }
    }

    /// Width of one Unicode scalar.
    static func width(of s: UInt32) -> Int {
        if s < 0x300 { return 1 }
        if (0x300...0x36F).contains(s) || (0x200B...0x200F).contains(s) || (0xFE00...0xFE0F).contains(s) { return 0 }
        for range in wideRanges where range.contains(s) { return 2 }
        return 1
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
}
