import Columnar
import Diagnostics

// Helpers of the string functions. Positions and lengths count Unicode code points (as
// PostgreSQL does), found by skipping UTF-8 continuation bytes; ASCII-only work stays on bytes.

/// Builds a VARCHAR column row by row into one byte buffer. `body` appends the bytes of row
/// `i` and returns true, or returns false for NULL. Rows with a NULL argument are NULL.
func buildStrings(_ args: [Column], count: Int, nullPropagates: Bool = true,
                  _ body: (Int, inout [UInt8]) throws(SQLError) -> Bool) throws(SQLError) -> Column {
    let mask = nullPropagates ? combinedValidity(args) : nil
    var out = StringStorage()
    out.offsets.reserveCapacity(count + 1)
    var validity: Bitmap? = mask
    for i in 0..<count {
        if isValid(mask, i) {
            let start = out.bytes.count
            if try !body(i, &out.bytes) {
                out.bytes.removeSubrange(start...)
                setNull(&validity, i, count: count)
            }
        }
        out.offsets.append(out.bytes.count)
    }
    return Column(type: .string, storage: .string(out), validity: validity)
}

extension StringStorage {
    /// The bytes of string `i`, without copying.
    @inline(__always)
    func slice(_ i: Int) -> ArraySlice<UInt8> { bytes[offsets[i]..<offsets[i + 1]] }
}

enum Text {
    /// Number of code points in UTF-8 bytes.
    @inline(__always)
    static func scalarCount<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
        var n = 0
        for x in b where x & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Byte index where code point `k` (0-based) starts, or the end when there are fewer.
    static func byteIndex(_ b: ArraySlice<UInt8>, scalar k: Int) -> Int {
        if k <= 0 { return b.startIndex }
        var seen = 0
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] & 0xC0 != 0x80 {
                if seen == k { return i }
                seen += 1
            }
            i += 1
        }
        return b.endIndex
    }

    /// Code points `from..<to` (0-based, clipped) of the bytes.
    static func scalars(_ b: ArraySlice<UInt8>, from: Int, to: Int) -> ArraySlice<UInt8> {
        let lo = max(0, from)
        guard to > lo else { return b[b.startIndex..<b.startIndex] }
        let start = byteIndex(b, scalar: lo)
        let end = byteIndex(b[start...], scalar: to - lo)
        return b[start..<end]
    }

    /// First byte index of `needle` in `hay`, or nil.
    static func find(_ needle: ArraySlice<UInt8>, in hay: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first else { return hay.startIndex }
        if needle.count > hay.count { return nil }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// True when every byte is ASCII.
    static func isASCII(_ b: [UInt8]) -> Bool { b.allSatisfy { $0 < 0x80 } }

    /// lower/upper for a whole column: byte mapping when the column is ASCII.
    static func changeCase(_ c: Column, upper: Bool) throws(SQLError) -> Column {
        let s = try c.strings()
        if isASCII(s.bytes) {
            var out = s
            let (lo, hi): (UInt8, UInt8) = upper ? (0x61, 0x7A) : (0x41, 0x5A)
            out.bytes = s.bytes.map { $0 >= lo && $0 <= hi ? $0 ^ 0x20 : $0 }
            return Column(type: .string, storage: .string(out), validity: c.validity)
        }
        return try buildStrings([c], count: c.count) { (i, out) throws(SQLError) in
            out.append(contentsOf: (upper ? s[i].uppercased() : s[i].lowercased()).utf8)
            return true
        }
    }

    /// substr(s, start[, length]) with PostgreSQL's rules for start <= 0.
    static func substring(_ args: [Column], count: Int) throws(SQLError) -> Column {
        let s = try args[0].strings(), start = try args[1].ints()
        let len = args.count > 2 ? try args[2].ints() : nil
        return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
            let from = max(start[i], Int64(Int32.min)) - 1
            var to = Int64.max
            if let len {
                guard len[i] >= 0 else { throw SQLError(.runtime, "negative substring length not allowed") }
                let (e, o) = from.addingReportingOverflow(len[i])
                to = o ? Int64.max : e
            }
            let clippedFrom = Int(max(0, min(from, Int64(Int32.max)))), clippedTo = Int(max(0, min(to, Int64(Int32.max))))
            out.append(contentsOf: scalars(s.slice(i), from: clippedFrom, to: clippedTo))
            return true
        }
    }

    /// trim/ltrim/rtrim with an optional set of characters (default: space).
    static func trim(_ args: [Column], count: Int, leading: Bool, trailing: Bool) throws(SQLError) -> Column {
        let s = try args[0].strings()
        let chars = args.count > 1 ? try args[1].strings() : nil
        return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
            let set = chars.map { Set($0[i].unicodeScalars) } ?? [" "]
            var v = Substring(s[i]).unicodeScalars
            if leading { while let f = v.first, set.contains(f) { v.removeFirst() } }
            if trailing { while let l = v.last, set.contains(l) { v.removeLast() } }
            out.append(contentsOf: String(v).utf8)
            return true
        }
    }

    /// replace(s, from, to): every occurrence, left to right; an empty `from` changes nothing.
    static func replace(_ args: [Column], count: Int) throws(SQLError) -> Column {
        let s = try args[0].strings(), f = try args[1].strings(), t = try args[2].strings()
        return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
            var rest = s.slice(i)
            let needle = f.slice(i)
            guard !needle.isEmpty else { out.append(contentsOf: rest); return true }
            while let at = find(needle, in: rest) {
                out.append(contentsOf: rest[rest.startIndex..<at])
                out.append(contentsOf: t.slice(i))
                rest = rest[(at + needle.count)...]
            }
            out.append(contentsOf: rest)
            return true
        }
    }

    /// lpad/rpad to `length` code points with a fill string (default space); longer strings
    /// are cut to `length`.
    static func pad(_ args: [Column], count: Int, left: Bool) throws(SQLError) -> Column {
        let s = try args[0].strings(), n = try args[1].ints()
        let fill = args.count > 2 ? try args[2].strings() : nil
        return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
            guard n[i] <= 10_000_000 else { throw SQLError(.runtime, "requested length too large") }
            let target = Int(max(0, n[i]))
            let b = s.slice(i)
            let have = scalarCount(b)
            if have >= target { out.append(contentsOf: scalars(b, from: 0, to: target)); return true }
            let f: [Unicode.Scalar] = fill.map { Array($0[i].unicodeScalars) } ?? [" "]
            if f.isEmpty { out.append(contentsOf: b); return true }
            var padding = String.UnicodeScalarView()
            for k in 0..<(target - have) { padding.append(f[k % f.count]) }
            if !left { out.append(contentsOf: b) }
            out.append(contentsOf: String(padding).utf8)
            if left { out.append(contentsOf: b) }
            return true
        }
    }

    /// split_part(s, delimiter, n): field n (1-based; negative counts from the end), '' when
    /// there is no such field.
    static func splitPart(_ args: [Column], count: Int) throws(SQLError) -> Column {
        let s = try args[0].strings(), d = try args[1].strings(), n = try args[2].ints()
        return try buildStrings(args, count: count) { (i, out) throws(SQLError) in
            guard n[i] != 0 else { throw SQLError(.runtime, "field position must not be zero") }
            let delim = d.slice(i)
            var fields: [ArraySlice<UInt8>] = []
            var rest = s.slice(i)
            if delim.isEmpty { fields = [rest] } else {
                while let at = find(delim, in: rest) {
                    fields.append(rest[rest.startIndex..<at])
                    rest = rest[(at + delim.count)...]
                }
                fields.append(rest)
            }
            let k = n[i] > 0 ? Int(min(n[i], Int64(Int32.max))) - 1 : fields.count + Int(max(n[i], Int64(Int32.min)))
            if k >= 0 && k < fields.count { out.append(contentsOf: fields[k]) }
            return true
        }
    }

    /// strpos(s, sub): 1-based code point position of the first occurrence, 0 when absent.
    static func position(_ args: [Column], count: Int) throws(SQLError) -> Column {
        let s = try args[0].strings(), sub = try args[1].strings()
        let mask = combinedValidity(args)
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count where isValid(mask, i) {
            let hay = s.slice(i)
            if let at = find(sub.slice(i), in: hay) { out[i] = Int64(scalarCount(hay[hay.startIndex..<at]) + 1) }
        }
        return Column(type: .int64, storage: .int(out), validity: mask)
    }

    /// initcap: upper-case the first letter of each alphanumeric run, lower-case the rest.
    static func initcap(_ text: String) -> String {
        var out = ""
        var startOfWord = true
        for ch in text {
            let isWordChar = ch.isLetter || ch.isNumber
            out += startOfWord ? ch.uppercased() : ch.lowercased()
            startOfWord = !isWordChar
        }
        return out
    }
}
