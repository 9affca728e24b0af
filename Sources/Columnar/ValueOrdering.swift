/// A total order on values of one type (NULLs excluded: callers place them), used by
/// sorting, MIN/MAX and window ordering. Numbers compare by value across kinds.
public enum ValueOrdering {
    /// -1, 0 or 1.
    public static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case let (.int(x), .int(y)), let (.date(x), .date(y)), let (.timestamp(x), .timestamp(y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.double(x), .double(y)):
            return compareDoubles(x, y)
        case let (.decimal(x, s1), .decimal(y, s2)):
            if s1 == s2 { return x < y ? -1 : (x == y ? 0 : 1) }
            let s = max(s1, s2)
            let xs = Decimal128.rescale(x, from: s1, to: s) ?? x, ys = Decimal128.rescale(y, from: s2, to: s) ?? y
            return xs < ys ? -1 : (xs == ys ? 0 : 1)
        case let (.string(x), .string(y)):
            return compareStrings(x, y)
        case let (.bool(x), .bool(y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case let (.interval(x), .interval(y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.array(x), .array(y)), let (.struct(x), .struct(y)):
            for (p, q) in zip(x, y) {
                if p.isNull || q.isNull {
                    if p.isNull && q.isNull { continue }
                    return p.isNull ? 1 : -1
                }
                let c = compare(p, q)
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return compareDoubles(x, y) }
            return compareStrings(a.rendered(type: nil) ?? "", b.rendered(type: nil) ?? "")
        }
    }

    /// Doubles with NaN greatest (PostgreSQL).
    @inlinable
    public static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        if x < y { return -1 }
        if x > y { return 1 }
        if x == y { return 0 }
        if x.isNaN { return y.isNaN ? 0 : 1 }
        return -1
    }

    /// Byte-wise UTF-8 order (code point order).
    public static func compareStrings(_ x: String, _ y: String) -> Int {
        var a = x, b = y
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                for i in 0..<n where pa[i] != pb[i] { return pa[i] < pb[i] ? -1 : 1 }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }
}
