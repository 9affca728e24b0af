/// Concatenation of columns (a join's build side, a sort's input): each buffer is
/// reserved once for the total and appended whole; validity masks are set a word at a
/// time and cleared only where a row is NULL.
extension Column {
    /// Columns of one type, back to back.
    public static func concatenate(_ columns: [Column], type: DataType) -> Column {
        if columns.count == 1 { return columns[0] }
        let total = columns.reduce(0) { $0 + $1.count }
        guard let storage = concatenatedStorage(columns, type: type, total: total) else {
            // Mixed storages (not produced by operators of one schema): value by value.
            var b = ColumnBuilder(type: type, capacity: total)
            for c in columns { b.append(contentsOf: c) }
            return b.finish()
        }
        return Column(type: type, storage: storage, validity: concatenatedValidity(columns, total: total))
    }

    /// The buffers back to back, or nil when some column's storage does not match `type`.
    private static func concatenatedStorage(_ columns: [Column], type: DataType, total: Int) -> ColumnStorage? {
        func join<T>(_ pick: (ColumnStorage) -> [T]?) -> [T]? {
            var out: [T] = []
            out.reserveCapacity(total)
            for c in columns {
                guard let a = pick(c.storage) else { return nil }
                out.append(contentsOf: a)
            }
            return out
        }
        switch type.physical {
        case .bool: return join { if case let .bool(a) = $0 { a } else { nil } }.map { .bool($0) }
        case .int: return join { if case let .int(a) = $0 { a } else { nil } }.map { .int($0) }
        case .double: return join { if case let .double(a) = $0 { a } else { nil } }.map { .double($0) }
        case .decimal:
            guard columns.allSatisfy({ $0.type == type }) else { return nil }
            return join { if case let .decimal(a) = $0 { a } else { nil } }.map { .decimal($0) }
        case .interval: return join { if case let .interval(a) = $0 { a } else { nil } }.map { .interval($0) }
        case .value: return join { if case let .value(a) = $0 { a } else { nil } }.map { .value($0) }
        case .string: return concatenatedStrings(columns, total: total).map { .string($0) }
        }
    }

    private static func concatenatedStrings(_ columns: [Column], total: Int) -> StringStorage? {
        var parts: [StringStorage] = []
        var byteCount = 0
        for c in columns {
            guard case let .string(s) = c.storage else { return nil }
            parts.append(s)
            byteCount += s.offsets[s.count] - s.offsets[0]
        }
        var r = StringStorage()
        r.bytes.reserveCapacity(byteCount)
        r.offsets.reserveCapacity(total + 1)
        for s in parts {
            let lo = s.offsets[0], hi = s.offsets[s.count]
            let shift = r.bytes.count - lo
            r.bytes.append(contentsOf: s.bytes[lo..<hi])
            s.offsets.withUnsafeBufferPointer { o in
                for k in 1..<o.count { r.offsets.append(o[k] + shift) }
            }
        }
        return r
    }

    /// The validity of the columns back to back (nil when none has a NULL).
    private static func concatenatedValidity(_ columns: [Column], total: Int) -> Bitmap? {
        guard columns.contains(where: { $0.validity != nil }) else { return nil }
        var out = Bitmap(count: total, value: true)
        var start = 0
        for c in columns {
            defer { start += c.count }
            guard let v = c.validity else { continue }
            for (w, word) in v.words.enumerated() where word != ~0 {
                var missing = ~word
                while missing != 0 {
                    let bit = missing.trailingZeroBitCount
                    missing &= missing - 1
                    let i = (w << 6) + bit
                    if i < c.count { out[start + i] = false }
                }
            }
        }
        return out
    }
}
