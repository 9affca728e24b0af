extension Column {
    /// Builds a column of `count` rows where row `i` comes from `pieces[source[i]]` at
    /// `offset[i]`, or is NULL when `source[i]` is -1. All pieces share `type`.
    public static func assemble(type: DataType, count: Int, pieces: [Column], source: [Int], offset: [Int]) -> Column {
        var b = ColumnBuilder(type: type, capacity: count)
        // Typed fast paths for the common storage kinds.
        switch type.physical {
        case .int:
            let arrays: [[Int64]] = pieces.map { if case let .int(a) = $0.storage { return a } else { return [] } }
            if arrays.allSatisfy({ !$0.isEmpty || true }) {
                var out = [Int64](repeating: 0, count: count)
                var valid = Bitmap(count: count, value: true)
                for i in 0..<count {
                    let s = source[i]
                    if s < 0 || pieces[s].isNull(offset[i]) { valid[i] = false; continue }
                    let a = arrays[s]
                    if offset[i] < a.count { out[i] = a[offset[i]] } else { valid[i] = false }
                }
                return Column(type: type, storage: .int(out), validity: valid)
            }
        case .double:
            let arrays: [[Double]] = pieces.map { if case let .double(a) = $0.storage { return a } else { return [] } }
            var out = [Double](repeating: 0, count: count)
            var valid = Bitmap(count: count, value: true)
            for i in 0..<count {
                let s = source[i]
                if s < 0 || pieces[s].isNull(offset[i]) { valid[i] = false; continue }
                let a = arrays[s]
                if offset[i] < a.count { out[i] = a[offset[i]] } else { valid[i] = false }
            }
            return Column(type: type, storage: .double(out), validity: valid)
        case .bool:
            let arrays: [[Bool]] = pieces.map { if case let .bool(a) = $0.storage { return a } else { return [] } }
            var out = [Bool](repeating: false, count: count)
            var valid = Bitmap(count: count, value: true)
            for i in 0..<count {
                let s = source[i]
                if s < 0 || pieces[s].isNull(offset[i]) { valid[i] = false; continue }
                let a = arrays[s]
                if offset[i] < a.count { out[i] = a[offset[i]] } else { valid[i] = false }
            }
            return Column(type: type, storage: .bool(out), validity: valid)
        default:
            break
        }
        for i in 0..<count {
            let s = source[i]
            if s < 0 { b.appendNull() } else { b.append(pieces[s].value(at: offset[i])) }
        }
        return b.finish()
    }

    /// The boolean values of a BOOLEAN column as "is TRUE" flags (NULL and FALSE give false).
    public var trueMask: [Bool] {
        guard case let .bool(a) = storage else { return Array(repeating: false, count: count) }
        guard let v = validity else { return a }
        var out = a
        for i in 0..<out.count where !v[i] { out[i] = false }
        return out
    }
}
