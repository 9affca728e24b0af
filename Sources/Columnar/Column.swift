/// Typed storage of one column's values. Which case is used follows `DataType.physical`.
public enum ColumnStorage: Sendable {
    case bool([Bool])
    /// Integers of every width, DATE (days) and TIMESTAMP (microseconds).
    case int([Int64])
    case double([Double])
    /// Unscaled decimals; the scale is in the column's type.
    case decimal([Int128])
    case string(StringStorage)
    case interval([Interval])
    /// Boxed values for STRUCT, ARRAY and the NULL type.
    case value([Value])

    /// Number of slots.
    public var count: Int {
        switch self {
        case let .bool(a): return a.count
        case let .int(a): return a.count
        case let .double(a): return a.count
        case let .decimal(a): return a.count
        case let .string(s): return s.count
        case let .interval(a): return a.count
        case let .value(a): return a.count
        }
    }
}

/// One column of a batch: a logical type, typed storage, and a validity mask
/// (`nil` means no NULLs). Slots of NULL values hold an arbitrary placeholder.
public struct Column: Sendable {
    /// Logical type.
    public var type: DataType
    /// Values.
    public var storage: ColumnStorage
    /// Bit set = value present; nil when every value is present.
    public var validity: Bitmap?

    /// Creates a column; `validity` is dropped when it has no unset bit.
    public init(type: DataType, storage: ColumnStorage, validity: Bitmap? = nil) {
        self.type = type
        self.storage = storage
        if let v = validity, !v.allSet { self.validity = v } else { self.validity = nil }
    }

    /// Number of rows.
    @inlinable public var count: Int { storage.count }

    /// True when row `i` is NULL.
    @inlinable public func isNull(_ i: Int) -> Bool {
        guard let v = validity else { return false }
        return !v[i]
    }

    /// Number of NULL rows.
    public var nullCount: Int {
        guard let v = validity else { return 0 }
        return v.count - v.nonzeroCount
    }

    /// Row `i` as a boxed value (slow path: printing, tests, nested data).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch storage {
        case let .bool(a): return .bool(a[i])
        case let .int(a):
            switch type {
            case .date: return .date(a[i])
            case .timestamp: return .timestamp(a[i])
            default: return .int(a[i])
            }
        case let .double(a): return .double(a[i])
        case let .decimal(a):
            if case let .decimal(_, s) = type { return .decimal(a[i], scale: s) }
            return .decimal(a[i], scale: 0)
        case let .string(s): return .string(s[i])
        case let .interval(a): return .interval(a[i])
        case let .value(a): return a[i]
        }
    }

    /// All rows as boxed values.
    public var values: [Value] { (0..<count).map { value(at: $0) } }

    /// A column of `count` copies of `value` (NULL when `value` is `.null`).
    public static func constant(_ value: Value, type: DataType, count: Int) -> Column {
        if case .null = value {
            let storage: ColumnStorage
            switch type.physical {
            case .bool: storage = .bool([Bool](repeating: false, count: count))
            case .int: storage = .int([Int64](repeating: 0, count: count))
            case .double: storage = .double([Double](repeating: 0, count: count))
            case .decimal: storage = .decimal([Int128](repeating: 0, count: count))
            case .string:
                var s = StringStorage()
                s.offsets = [Int](repeating: 0, count: count + 1)
                storage = .string(s)
            case .interval: storage = .interval([Interval](repeating: Interval(), count: count))
            case .value: storage = .value([Value](repeating: .null, count: count))
            }
            return Column(type: type, storage: storage, validity: Bitmap(count: count, value: false))
        }
        switch (type.physical, value) {
        case let (.int, .int(v)), let (.int, .date(v)), let (.int, .timestamp(v)):
            return Column(type: type, storage: .int([Int64](repeating: v, count: count)))
        case let (.double, .double(v)):
            return Column(type: type, storage: .double([Double](repeating: v, count: count)))
        case let (.bool, .bool(v)):
            return Column(type: type, storage: .bool([Bool](repeating: v, count: count)))
        case let (.decimal, .decimal(v, s)):
            if case let .decimal(_, ts) = type, ts == s {
                return Column(type: type, storage: .decimal([Int128](repeating: v, count: count)))
            }
        case let (.string, .string(text)):
            return Column(type: type, storage: .string(StringStorage(repeating: Array(text.utf8), count: count)))
        case let (.interval, .interval(v)):
            return Column(type: type, storage: .interval([Interval](repeating: v, count: count)))
        default:
            break
        }
        var b = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { b.append(value) }
        return b.finish()
    }

    /// Rows `range`.
    public func slice(_ range: Range<Int>) -> Column {
        if range == 0..<count { return self }
        var newValidity: Bitmap? = nil
        if let v = validity {
            var bm = Bitmap(count: range.count, value: true)
            for (k, i) in range.enumerated() where !v[i] { bm[k] = false }
            newValidity = bm
        }
        let s: ColumnStorage
        switch storage {
        case let .bool(a): s = .bool(Array(a[range]))
        case let .int(a): s = .int(Array(a[range]))
        case let .double(a): s = .double(Array(a[range]))
        case let .decimal(a): s = .decimal(Array(a[range]))
        case let .interval(a): s = .interval(Array(a[range]))
        case let .value(a): s = .value(Array(a[range]))
        case let .string(st):
            var r = StringStorage()
            let lo = st.offsets[range.lowerBound], hi = st.offsets[range.upperBound]
            r.bytes = Array(st.bytes[lo..<hi])
            r.offsets = st.offsets[range.lowerBound...range.upperBound].map { $0 - lo }
            s = .string(r)
        }
        return Column(type: type, storage: s, validity: newValidity)
    }

    /// Rows whose `mask` bit is true.
    public func filter(_ mask: [Bool]) -> Column {
        var idx: [Int] = []
        idx.reserveCapacity(mask.count)
        for (i, m) in mask.enumerated() where m { idx.append(i) }
        return gather(idx)
    }
}
