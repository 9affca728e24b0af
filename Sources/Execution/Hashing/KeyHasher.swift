import Columnar

/// Hashes rows of key columns, a column at a time.
enum KeyHasher {
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One hash per row, combining every key column. NULLs hash to a fixed value.
    static func hashRows(_ columns: [Column], count: Int) -> [UInt64] {
        var h = [UInt64](repeating: 0x1234_5678, count: count)
        for c in columns { combine(c, into: &h) }
        return h
    }

    static func combine(_ c: Column, into h: inout [UInt64]) {
        let n = h.count
        h.withUnsafeMutableBufferPointer { hp in
            switch c.storage {
            case let .int(a):
                a.withUnsafeBufferPointer { ap in
                    for i in 0..<n { hp[i] = mix(hp[i] &* 31 &+ UInt64(bitPattern: ap[i])) }
                }
            case let .double(a):
                for i in 0..<n {
                    var d = a[i]
                    if d == 0 { d = 0 }
                    if d.isNaN { d = .nan }
                    hp[i] = mix(hp[i] &* 31 &+ d.bitPattern)
                }
            case let .bool(a):
                for i in 0..<n { hp[i] = mix(hp[i] &* 31 &+ (a[i] ? 1 : 2)) }
            case let .decimal(a):
                for i in 0..<n {
                    let v = a[i]
                    hp[i] = mix(mix(hp[i] &* 31 &+ UInt64(truncatingIfNeeded: v)) &+ UInt64(truncatingIfNeeded: v >> 64))
                }
            case let .string(s):
                s.bytes.withUnsafeBufferPointer { bp in
                    for i in 0..<n {
                        var x: UInt64 = 0xcbf2_9ce4_8422_2325
                        for k in s.offsets[i]..<s.offsets[i + 1] { x = (x ^ UInt64(bp[k])) &* 0x100_0000_01b3 }
                        hp[i] = mix(hp[i] &* 31 &+ x)
                    }
                }
            case let .interval(a):
                for i in 0..<n {
                    let v = a[i]
                    hp[i] = mix(hp[i] &* 31 &+ UInt64(bitPattern: Int64(v.months) << 32 | Int64(v.days)) &+ UInt64(bitPattern: v.micros))
                }
            case let .value(a):
                for i in 0..<n {
                    var hasher = Hasher()
                    hasher.combine(a[i])
                    hp[i] = mix(hp[i] &* 31 &+ UInt64(bitPattern: Int64(hasher.finalize())))
                }
            }
            if let v = c.validity {
                for i in 0..<n where !v[i] { hp[i] = mix(hp[i] &* 31 &+ 0xDEAD_BEEF) }
            }
        }
    }

    /// True when row `i` of `a` equals row `j` of `b` (same physical kind; NULL equals NULL).
    @inline(__always)
    static func rowsEqual(_ a: Column, _ i: Int, _ b: Column, _ j: Int) -> Bool {
        let an = a.isNull(i), bn = b.isNull(j)
        if an || bn { return an && bn }
        switch (a.storage, b.storage) {
        case let (.int(x), .int(y)): return x[i] == y[j]
        case let (.double(x), .double(y)): return x[i] == y[j] || (x[i].isNaN && y[j].isNaN)
        case let (.bool(x), .bool(y)): return x[i] == y[j]
        case let (.decimal(x), .decimal(y)): return x[i] == y[j]
        case let (.string(x), .string(y)): return x.equals(i, y, j)
        case let (.interval(x), .interval(y)): return x[i] == y[j]
        case let (.value(x), .value(y)): return x[i] == y[j]
        default: return a.value(at: i) == b.value(at: j)
        }
    }
}
