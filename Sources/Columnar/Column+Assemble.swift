extension Column {
    /// Builds a column of `count` rows where row `i` comes from `pieces[source[i]]` at
    /// `offset[i]`, or is NULL when `source[i]` is -1. All pieces share `type`.
    public static func assemble(type: DataType, count: Int, pieces: [Column], source: [Int], offset: [Int]) -> Column {
        switch type.physical {
        case .int:
            return typed(type, count, pieces, source, offset, zero: Int64(0), { if case let .int(a) = $0.storage { a } else { [] } }, ColumnStorage.int)
        case .double:
            return typed(type, count, pieces, source, offset, zero: 0.0, { if case let .double(a) = $0.storage { a } else { [] } }, ColumnStorage.double)
        case .bool:
            return typed(type, count, pieces, source, offset, zero: false, { if case let .bool(a) = $0.storage { a } else { [] } }, ColumnStorage.bool)
        default:
            break
        }
        var b = ColumnBuilder(type: type, capacity: count)
        for i in 0..<count {
            let s = source[i]
            if s < 0 { b.appendNull() } else { b.append(pieces[s].value(at: offset[i])) }
        }
        return b.finish()
    }

    /// `assemble` for one unboxed storage kind.
    static func typed<T>(_ type: DataType, _ count: Int, _ pieces: [Column], _ source: [Int], _ offset: [Int], zero: T,
                         _ extract: (Column) -> [T], _ wrap: ([T]) -> ColumnStorage) -> Column {
        let arrays = pieces.map(extract)
        var out = [T](repeating: zero, count: count)
        var valid = Bitmap(count: count, value: true)
        for i in 0..<count {
            let s = source[i]
            if s < 0 || pieces[s].isNull(offset[i]) { valid[i] = false; continue }
            let a = arrays[s]
            if offset[i] < a.count { out[i] = a[offset[i]] } else { valid[i] = false }
        }
        return Column(type: type, storage: wrap(out), validity: valid)
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
