/// Appends values one by one and produces a `Column`. Typed `append` methods avoid boxing;
/// `append(_ value: Value)` converts (integers into DATE columns, etc.) for slow paths.
public struct ColumnBuilder: Sendable {
    /// Logical type of the column being built.
    public let type: DataType
    var bools: [Bool] = []
    var ints: [Int64] = []
    var doubles: [Double] = []
    var decimals: [Int128] = []
    var strings = StringStorage()
    var intervals: [Interval] = []
    var boxed: [Value] = []
    /// Validity, created at the first NULL (until then every row is valid).
    var validity: Bitmap? = nil
    /// Rows appended so far.
    public private(set) var count = 0

    /// A builder for `type`, reserving room for `capacity` rows.
    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type.physical {
        case .bool: bools.reserveCapacity(capacity)
        case .int: ints.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .decimal: decimals.reserveCapacity(capacity)
        case .string: strings.offsets.reserveCapacity(capacity + 1)
        case .interval: intervals.reserveCapacity(capacity)
        case .value: boxed.reserveCapacity(capacity)
        }
    }

    @inline(__always) mutating func markValid() {
        if validity != nil { validity?.append(true) }
        count += 1
    }

    /// Appends a NULL.
    public mutating func appendNull() {
        switch type.physical {
        case .bool: bools.append(false)
        case .int: ints.append(0)
        case .double: doubles.append(0)
        case .decimal: decimals.append(0)
        case .string: strings.appendEmpty()
        case .interval: intervals.append(Interval())
        case .value: boxed.append(.null)
        }
        if validity == nil { validity = Bitmap(count: count, value: true) }
        validity?.append(false)
        count += 1
    }

    public mutating func append(bool v: Bool) { bools.append(v); markValid() }
    public mutating func append(int v: Int64) { ints.append(v); markValid() }
    public mutating func append(double v: Double) { doubles.append(v); markValid() }
    public mutating func append(decimal v: Int128) { decimals.append(v); markValid() }
    public mutating func append(string v: String) { strings.append(v); markValid() }
    public mutating func append(stringBytes v: UnsafeBufferPointer<UInt8>) { strings.append(bytes: v); markValid() }
    public mutating func append(interval v: Interval) { intervals.append(v); markValid() }

    /// Appends a boxed value, converting between storage forms where the meaning is clear.
    public mutating func append(_ value: Value) {
        if case .null = value { appendNull(); return }
        switch type.physical {
        case .bool:
            if case let .bool(b) = value { append(bool: b) } else if let i = value.intValue { append(bool: i != 0) } else { appendNull() }
        case .int:
            switch value {
            case let .int(v), let .date(v), let .timestamp(v): append(int: v)
            case let .bool(b): append(int: b ? 1 : 0)
            case let .double(d) where d.isFinite && abs(d) < 9.2e18: append(int: Int64(d))
            default: appendNull()
            }
        case .double:
            if let d = value.doubleValue { append(double: d) } else { appendNull() }
        case .decimal:
            let scale: Int
            if case let .decimal(_, s) = type { scale = s } else { scale = 0 }
            switch value {
            case let .decimal(v, s): if let r = Decimal128.rescale(v, from: s, to: scale) { append(decimal: r) } else { appendNull() }
            case let .int(v): if let r = Decimal128.rescale(Int128(v), from: 0, to: scale) { append(decimal: r) } else { appendNull() }
            case let .double(d): if let r = Decimal128.parse(Substring("\(d)"), scale: scale) { append(decimal: r) } else { appendNull() }
            default: appendNull()
            }
        case .string:
            if case let .string(s) = value { append(string: s) } else { append(string: value.rendered(type: nil) ?? "") }
        case .interval:
            if case let .interval(v) = value { append(interval: v) } else { appendNull() }
        case .value:
            boxed.append(value); markValid()
        }
    }

    /// Appends every row of `column` (which must have the same physical kind).
    public mutating func append(contentsOf column: Column) {
        let n = column.count
        switch column.storage {
        case let .bool(a) where type.physical == .bool: bools.append(contentsOf: a)
        case let .int(a) where type.physical == .int: ints.append(contentsOf: a)
        case let .double(a) where type.physical == .double: doubles.append(contentsOf: a)
        case let .decimal(a) where type.physical == .decimal && column.type == type: decimals.append(contentsOf: a)
        case let .interval(a) where type.physical == .interval: intervals.append(contentsOf: a)
        case let .value(a) where type.physical == .value: boxed.append(contentsOf: a)
        case let .string(s) where type.physical == .string:
            let base = strings.bytes.count
            strings.bytes.append(contentsOf: s.bytes)
            for k in 1..<s.offsets.count { strings.offsets.append(base + s.offsets[k] - s.offsets[0]) }
        default:
            for i in 0..<n { append(column.value(at: i)) }
            return
        }
        if let v = column.validity {
            if validity == nil { validity = Bitmap(count: count, value: true) }
            for i in 0..<n { validity?.append(v[i]) }
        } else if validity != nil {
            for _ in 0..<n { validity?.append(true) }
        }
        count += n
    }

    /// The finished column.
    public func finish() -> Column {
        let storage: ColumnStorage
        switch type.physical {
        case .bool: storage = .bool(bools)
        case .int: storage = .int(ints)
        case .double: storage = .double(doubles)
        case .decimal: storage = .decimal(decimals)
        case .string: storage = .string(strings)
        case .interval: storage = .interval(intervals)
        case .value: storage = .value(boxed)
        }
        return Column(type: type, storage: storage, validity: validity)
    }
}
