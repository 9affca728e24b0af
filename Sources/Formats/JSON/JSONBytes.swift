#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level JSON structure on a raw buffer: whitespace, strings, whole values.
///
/// Positions are indices from `p`; `end` is exclusive. Every function stays inside
/// `[i, end)` and returns -1 instead of reading past it, so any input bytes are safe.
/// Skipping does not build anything: strings are jumped over with `memchr` for the
/// closing quote, objects and arrays by counting brackets outside strings.
enum JSONBytes {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// True for the four JSON whitespace bytes.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// First non-whitespace index at or after `i` (or `end`).
    @inline(__always) static func skipSpace(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        // Compact JSON has no blanks: one compare settles the common case.
        while i < end {
            let b = p[i]
            if b > 0x20 || !isSpace(b) { return i }
            i += 1
        }
        return i
    }

    /// Index of the first `byte` in `[i, end)`, or -1.
    @inline(__always) static func find(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard i < end, let q = memchr(p + i, Int32(byte), end - i) else { return -1 }
        return UnsafeRawPointer(p).distance(to: UnsafeRawPointer(q))
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each byte of the result is set where `x` has byte `c` (exact for the
    /// lowest such byte, which is all the callers use).
    @inline(__always) static func bytesEqual(_ x: UInt64, _ c: UInt64) -> UInt64 {
        let t = x ^ (c &* ones)
        return (t &- ones) & ~t & highs
    }

    /// Index of the first `"` or `\` in `[i, end)`, or -1; eight bytes at a time (strings
    /// and keys are short, so this beats a `memchr` call per string).
    @inline(__always) static func findQuoteOrBackslash(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j + 8 <= end {
            let x = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            let m = bytesEqual(x, 0x22) | bytesEqual(x, 0x5C)
            if m != 0 { return j + m.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end {
            let b = p[j]
            if b == quote || b == backslash { return j }
            j += 1
        }
        return -1
    }

    /// True when the `n` bytes at `a` and `b` are equal: whole words, the last one
    /// overlapping the one before (so short keys take one or two compares).
    @inline(__always) static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return ra.loadUnaligned(as: UInt32.self) == rb.loadUnaligned(as: UInt32.self)
                && ra.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == rb.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        var i = 0
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// With `i` at an opening quote: the index just after the closing quote, or -1.
    @inline(__always) static func skipString(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var hasEscape = false
        return skipString(p, i, end, &hasEscape)
    }

    /// Like `skipString`, also telling whether the string has escapes.
    @inline(__always) static func skipString(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ hasEscape: inout Bool) -> Int {
        var j = i + 1
        while true {
            let q = findQuoteOrBackslash(p, j, end)
            if q < 0 { return -1 }
            if p[q] == quote { return q + 1 }
            hasEscape = true
            j = q + 2
            if j > end { return -1 }
        }
    }

    /// `skipString` for values that are only skipped: looks for quotes alone (one compare
    /// per word instead of two). A quote ends the string unless an odd run of backslashes
    /// precedes it, which is what `skipString`'s byte-after-backslash rule decides too.
    @inline(__always) static func skipQuoted(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var j = i + 1
        while true {
            var q = -1
            while j + 8 <= end {
                let x = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
                let m = bytesEqual(x, 0x22)
                if m != 0 { q = j + m.trailingZeroBitCount >> 3; break }
                j += 8
            }
            if q < 0 {
                while j < end, p[j] != quote { j += 1 }
                if j >= end { return -1 }
                q = j
            }
            // The opening quote stops the count: it is not a backslash.
            var k = q - 1
            while p[k] == backslash { k -= 1 }
            if (q - 1 - k) & 1 == 0 { return q + 1 }
            j = q + 1
        }
    }

    /// Index of the first byte in `[i, end)` that is not an ASCII digit (or `end`), eight
    /// bytes at a time. A byte is flagged when its high nibble is not 3 or when adding 6
    /// carries it out of 0x3_; a carry out of a byte >= 0xFA can only disturb the bytes
    /// after it, and that byte is flagged itself, so the lowest flag is exact.
    @inline(__always) static func skipDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let nibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        var j = i
        while j + 8 <= end {
            let x = UInt64(littleEndian: UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self))
            let t = ((x & nibbles) ^ threes) | (((x &+ 0x0606_0606_0606_0606) & nibbles) ^ threes)
            if t != 0 {
                let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                let m = (((t & low7) &+ low7) | t) & highs
                return j + m.trailingZeroBitCount >> 3
            }
            j += 8
        }
        while j < end, p[j] &- 0x30 < 10 { j += 1 }
        return j
    }

    /// True when a JSON number may contain `b`.
    @inline(__always) static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45
    }

    /// With `i` at the first byte of a value: the index just after it, or -1 when the value
    /// is not well formed. Objects and arrays are matched by counting brackets outside
    /// strings (iteratively, so deep nesting cannot exhaust the stack).
    @inline(__always)
    static func skipValue(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard i < end else { return -1 }
        switch p[i] {
        case quote:
            return skipQuoted(p, i, end)
        case 0x7B, 0x5B: // { [
            return skipNested(p, i, end)
        case 0x74: return literal(p, i, end, 0x74, 0x72, 0x75, 0x65, nil) // true
        case 0x66: return literal(p, i, end, 0x66, 0x61, 0x6C, 0x73, 0x65) // false
        case 0x6E: return literal(p, i, end, 0x6E, 0x75, 0x6C, 0x6C, nil) // null
        case 0x2D, 0x30...0x39:
            var j = i + 1
            while true {
                j = skipDigits(p, j, end)
                guard j < end, isNumberByte(p[j]) else { return j }
                j += 1
            }
        default:
            return -1
        }
    }

    /// Matches a 4- or 5-letter literal at `i`; the index after it, or -1.
    @inline(__always)
    static func literal(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8?) -> Int {
        let n = e == nil ? 4 : 5
        guard end - i >= n, p[i] == a, p[i + 1] == b, p[i + 2] == c, p[i + 3] == d else { return -1 }
        if let e { return p[i + 4] == e ? i + 5 : -1 }
        return i + 4
    }

    /// With `i` at `{` or `[`: the index after the matching close, or -1.
    @inline(never)
    static func skipNested(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var depth = 0
        var j = i
        while j < end {
            let b = p[j]
            if b == quote {
                j = skipQuoted(p, j, end)
                if j < 0 { return -1 }
                continue
            }
            if b == 0x7B || b == 0x5B {
                depth += 1
            } else if b == 0x7D || b == 0x5D {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return -1
    }

    /// ASCII lower case of `b`.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        (b &- 0x41) < 26 ? b | 0x20 : b
    }

    /// Number of line feeds in `[i, end)`.
    static func countNewlines(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var n = 0
        var j = i
        while true {
            let q = find(0x0A, p, j, end)
            if q < 0 { return n }
            n += 1
            j = q + 1
        }
    }
}
