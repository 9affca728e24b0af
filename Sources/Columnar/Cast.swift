import Diagnostics

// Explicit casts (CAST / TRY_CAST), a column at a time.
//
// The dispatch below picks one typed loop per (source storage, target type) pair; the loops
// live in CastNumeric.swift, CastText.swift and CastNested.swift. A row that cannot be
// converted throws a `.runtime` error, or becomes NULL when `isTry` is set. A pair of types
// that never converts throws a `.type` error ("cannot cast DATE to BOOLEAN").

extension Column {
    /// This column converted to `target`. With `isTry`, rows that do not convert become NULL
    /// instead of failing the statement; unsupported type pairs always throw.
    public func cast(to target: DataType, isTry: Bool = false) throws(SQLError) -> Column {
        if type == target { return self }
        if type == .null { return Column.constant(.null, type: target, count: count) }
        if target == .string { return castToString() }
        var sink = CastSink(validity: validity, isTry: isTry, count: count)
        let result: ColumnStorage
        switch storage {
        case let .bool(a): result = try castBool(a, to: target)
        case let .int(a):
            switch type {
            case .date: result = try castDate(a, to: target, &sink)
            case .timestamp: result = try castTimestamp(a, to: target)
            default: result = try castInteger(a, to: target, &sink)
            }
        case let .double(a): result = try castDouble(a, to: target, &sink)
        case let .decimal(a): result = try castDecimal(a, to: target, &sink)
        case let .string(s): result = try castString(s, to: target, &sink)
        case .interval: throw unsupportedCast(type, target)
        case let .value(a): result = try castNested(a, to: target, &sink)
        }
        return Column(type: target, storage: result, validity: sink.validity)
    }

    /// Booleans to numbers (1/0).
    func castBool(_ a: [Bool], to target: DataType) throws(SQLError) -> ColumnStorage {
        switch target {
        case .int8, .int16, .int32, .int64: return .int(a.map { $0 ? 1 : 0 })
        case .float32, .float64: return .double(a.map { $0 ? 1 : 0 })
        case let .decimal(p, s) where p > s: return .decimal(a.map { $0 ? Decimal128.powersOf10[min(s, 38)] : 0 })
        default: throw unsupportedCast(type, target)
        }
    }

    /// DATE to TIMESTAMP (midnight).
    func castDate(_ a: [Int64], to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        guard target == .timestamp else { throw unsupportedCast(type, target) }
        var out = [Int64](repeating: 0, count: a.count)
        for i in 0..<a.count where !isNull(i) {
            let (r, o) = a[i].multipliedReportingOverflow(by: DateTime.microsPerDay)
            if o { try sink.fail(i, SQLError(.runtime, "date out of range for TIMESTAMP")) } else { out[i] = r }
        }
        return .int(out)
    }

    /// TIMESTAMP to DATE (drops the time of day).
    func castTimestamp(_ a: [Int64], to target: DataType) throws(SQLError) -> ColumnStorage {
        guard target == .date else { throw unsupportedCast(type, target) }
        return .int(a.map { DateTime.floorDiv($0, DateTime.microsPerDay) })
    }
}

/// The error for a pair of types that never converts.
func unsupportedCast(_ from: DataType, _ to: DataType) -> SQLError {
    SQLError(.type, "cannot cast \(from) to \(to)")
}

/// Collects the validity of a cast result: a failing row throws, or under TRY_CAST
/// becomes NULL.
struct CastSink {
    /// Validity of the result (starts as the source's).
    var validity: Bitmap?
    /// True for TRY_CAST.
    let isTry: Bool
    /// Row count.
    let count: Int

    /// Row `i` did not convert.
    mutating func fail(_ i: Int, _ error: @autoclosure () -> SQLError) throws(SQLError) {
        guard isTry else { throw error() }
        if validity == nil { validity = Bitmap(count: count, value: true) }
        validity?[i] = false
    }
}

extension Value {
    /// This value converted to `target` (through a one-row column; see `Column.cast`).
    public func cast(to target: DataType, isTry: Bool = false) throws(SQLError) -> Value {
        if case .null = self { return .null }
        let source = inferredType
        var b = ColumnBuilder(type: source, capacity: 1)
        b.append(self)
        return try b.finish().cast(to: target, isTry: isTry).value(at: 0)
    }

    /// The natural type of a boxed value (integers as BIGINT, decimals as DECIMAL(38, s)).
    public var inferredType: DataType {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .int: return .int64
        case .double: return .float64
        case let .decimal(_, s): return .decimal(precision: 38, scale: s)
        case .string: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        case .interval: return .interval
        case let .struct(fields):
            return .struct(fields.enumerated().map { StructField(name: "f\($0.offset + 1)", type: $0.element.inferredType) })
        case let .array(elements):
            let element = elements.first { !$0.isNull }?.inferredType ?? .null
            return .array(element)
        }
    }
}
