/// Gathers: the rows of a column picked by an index list, the inner loop of joins,
/// filters and sorts. One pass over the indices finds out whether any is outside the
/// column (-1 marks the NULL-extended rows of outer joins); then values are copied
/// through raw buffers, without a bounds check or a closure per row, and the validity
/// mask is packed a word (64 rows) at a time.
extension Column {
    /// Rows at `indices`, in that order; an index of -1 (or any index outside the column)
    /// yields NULL (outer joins).
    public func gather(_ indices: [Int]) -> Column {
        let rows = count
        let missing = Column.hasIndexOutside(indices, rows: rows)
        var newValidity: Bitmap? = nil
        if validity != nil || missing {
            newValidity = Column.gatherValidity(validity, indices, rows: rows)
        }
        let s: ColumnStorage
        switch storage {
        case let .bool(a): s = .bool(Column.gatherValues(a, indices, missing: missing, filler: false))
        case let .int(a): s = .int(Column.gatherValues(a, indices, missing: missing, filler: 0))
        case let .double(a): s = .double(Column.gatherValues(a, indices, missing: missing, filler: 0))
        case let .decimal(a): s = .decimal(Column.gatherValues(a, indices, missing: missing, filler: 0))
        case let .interval(a): s = .interval(Column.gatherValues(a, indices, missing: missing, filler: Interval()))
        case let .value(a): s = .value(Column.gatherValues(a, indices, missing: missing, filler: .null))
        case let .string(st): s = .string(st.gather(indices))
        }
        return Column(type: type, storage: s, validity: newValidity)
    }

    /// True when some index is negative or not below `rows`.
    static func hasIndexOutside(_ indices: [Int], rows: Int) -> Bool {
        let limit = UInt(bitPattern: rows)
        return indices.withUnsafeBufferPointer { ix in
            var outside = false
            // No early exit: the loop vectorizes, and joins rarely have -1s at all.
            for i in ix { outside = outside || UInt(bitPattern: i) >= limit }
            return outside
        }
    }

    /// `values[indices[k]]` for every k; `filler` where an index is outside `values`.
    @inline(__always)
    static func gatherValues<T>(_ values: [T], _ indices: [Int], missing: Bool, filler: T) -> [T] {
        let n = indices.count
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
            values.withUnsafeBufferPointer { src in
                indices.withUnsafeBufferPointer { ix in
                    guard let o = out.baseAddress else { return }
                    guard let s = src.baseAddress, missing else {
                        if let s = src.baseAddress {
                            for k in 0..<n { (o + k).initialize(to: s[ix[k]]) }
                        } else {
                            for k in 0..<n { (o + k).initialize(to: filler) }
                        }
                        return
                    }
                    let limit = UInt(bitPattern: src.count)
                    for k in 0..<n {
                        let i = ix[k]
                        (o + k).initialize(to: UInt(bitPattern: i) < limit ? s[i] : filler)
                    }
                }
            }
            initialized = n
        }
    }

    /// The validity of the gathered rows: bit k is set when `indices[k]` is inside the
    /// column and that row is present in `validity` (nil: every row present).
    static func gatherValidity(_ validity: Bitmap?, _ indices: [Int], rows: Int) -> Bitmap {
        let n = indices.count
        var out = Bitmap(count: n, value: false)
        let limit = UInt(bitPattern: rows)
        let empty: [UInt64] = []
        let source = validity?.words ?? empty
        let hasMask = validity != nil
        source.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { ix in
                out.words.withUnsafeMutableBufferPointer { dst in
                    var k = 0
                    var w = 0
                    while k < n {
                        let end = min(n, k + 64)
                        var word: UInt64 = 0
                        for j in k..<end {
                            let i = ix[j]
                            var present: UInt64 = UInt(bitPattern: i) < limit ? 1 : 0
                            if hasMask, present != 0 { present = (src[i >> 6] >> UInt64(i & 63)) & 1 }
                            word |= present << UInt64(j - k)
                        }
                        dst[w] = word
                        w += 1
                        k = end
                    }
                }
            }
        }
        return out
    }
}
