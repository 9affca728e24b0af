import Columnar

/// Compares rows of evaluated sort-key columns, honouring ASC/DESC and NULLS FIRST/LAST.
struct RowComparator {
    enum Data {
        case int([Int64]), double([Double]), decimal([Int128]), bool([Bool])
        case string(StringStorage), interval([Interval]), value([Value])
    }

    struct Key {
        let data: Data
        let validity: Bitmap?
        let ascending: Bool
        let nullsFirst: Bool

        @inline(__always)
        func compare(_ i: Int, _ j: Int) -> Int {
            if let v = validity {
                let ni = !v[i], nj = !v[j]
                if ni || nj {
                    if ni && nj { return 0 }
                    return ni == nullsFirst ? -1 : 1
                }
            }
            let c: Int
            switch data {
            case let .int(a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
            case let .double(a): c = ValueOrdering.compareDoubles(a[i], a[j])
            case let .decimal(a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
            case let .bool(a): c = a[i] == a[j] ? 0 : (a[i] ? 1 : -1)
            case let .string(s): c = s.compare(i, s, j)
            case let .interval(a): c = a[i] < a[j] ? -1 : (a[i] == a[j] ? 0 : 1)
            case let .value(a): c = ValueOrdering.compare(a[i], a[j])
            }
            return ascending ? c : -c
        }
    }

    let keys: [Key]

    init(columns: [Column], ascending: [Bool], nullsFirst: [Bool]) {
        var keys: [Key] = []
        for (k, c) in columns.enumerated() {
            let data: Data
            switch c.storage {
            case let .int(a): data = .int(a)
            case let .double(a): data = .double(a)
            case let .decimal(a): data = .decimal(a)
            case let .bool(a): data = .bool(a)
            case let .string(s): data = .string(s)
            case let .interval(a): data = .interval(a)
            case let .value(a): data = .value(a)
            }
            keys.append(Key(data: data, validity: c.validity, ascending: ascending[k], nullsFirst: nullsFirst[k]))
        }
        self.keys = keys
    }

    /// -1, 0 or 1 for rows i and j.
    @inline(__always)
    func compare(_ i: Int, _ j: Int) -> Int {
        for k in keys {
            let c = k.compare(i, j)
            if c != 0 { return c }
        }
        return 0
    }

    /// Row indices in order (stable: ties keep input order).
    func sortedIndices(count: Int, limit: Int? = nil) -> [Int] {
        var idx = Array(0..<count)
        if keys.count == 1, case let .int(a) = keys[0].data, keys[0].validity == nil {
            // One integer key without NULLs: sort (key, index) pairs.
            let asc = keys[0].ascending
            var pairs = [(Int64, Int)](unsafeUninitializedCapacity: count) { buf, n in
                for i in 0..<count { buf[i] = (asc ? a[i] : ~a[i], i) }
                n = count
            }
            pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            return pairs.map(\.1)
        }
        idx.sort { a, b in
            let c = compare(a, b)
            return c < 0 || (c == 0 && a < b)
        }
        if let limit, limit < idx.count { return Array(idx[0..<limit]) }
        return idx
    }
}
