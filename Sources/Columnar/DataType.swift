/// A named field of a STRUCT type or of a schema.
public struct StructField: Sendable, Hashable {
    /// Field name as declared (matching is case-insensitive elsewhere).
    public var name: String
    /// Field type.
    public var type: DataType

    /// Creates a field.
    public init(name: String, type: DataType) {
        self.name = name
        self.type = type
    }
}

/// A logical SQL type. Several logical types share one physical storage
/// (see `PhysicalKind`): all integers, DATE and TIMESTAMP are `Int64` buffers.
public indirect enum DataType: Sendable, Hashable, CustomStringConvertible {
    /// The type of an untyped NULL literal; coerces to anything.
    case null
    case boolean
    case int8, int16, int32, int64
    case float32, float64
    /// Exact decimal: `precision` digits, `scale` after the point (max precision 38).
    case decimal(precision: Int, scale: Int)
    case string
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    case timestamp
    /// Months, days and microseconds (PostgreSQL's model).
    case interval
    case `struct`([StructField])
    case array(DataType)

    /// The widest supported decimal precision.
    public static let maxDecimalPrecision = 38

    /// Physical storage of values of this type.
    public var physical: PhysicalKind {
        switch self {
        case .boolean: return .bool
        case .int8, .int16, .int32, .int64, .date, .timestamp: return .int
        case .float32, .float64: return .double
        case .decimal: return .decimal
        case .string: return .string
        case .interval: return .interval
        case .null, .struct, .array: return .value
        }
    }

    /// True for the integer types.
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: return true
        default: return false
        }
    }

    /// True for integer, floating and decimal types.
    public var isNumeric: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .float32, .float64, .decimal: return true
        default: return false
        }
    }

    /// True for FLOAT/REAL/DOUBLE.
    public var isFloating: Bool { self == .float32 || self == .float64 }

    /// True for DATE and TIMESTAMP.
    public var isTemporal: Bool { self == .date || self == .timestamp }

    /// Inclusive range of an integer type.
    public var integerRange: ClosedRange<Int64>? {
        switch self {
        case .int8: return Int64(Int8.min)...Int64(Int8.max)
        case .int16: return Int64(Int16.min)...Int64(Int16.max)
        case .int32: return Int64(Int32.min)...Int64(Int32.max)
        case .int64: return Int64.min...Int64.max
        default: return nil
        }
    }

    /// SQL spelling, as DESCRIBE and EXPLAIN print it.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .boolean: return "BOOLEAN"
        case .int8: return "TINYINT"
        case .int16: return "SMALLINT"
        case .int32: return "INTEGER"
        case .int64: return "BIGINT"
        case .float32: return "REAL"
        case .float64: return "DOUBLE"
        case let .decimal(p, s): return "DECIMAL(\(p),\(s))"
        case .string: return "VARCHAR"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        case .interval: return "INTERVAL"
        case let .struct(fields):
            return "STRUCT<" + fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ">"
        case let .array(element): return "ARRAY<\(element)>"
        }
    }
}

/// How a column's values are laid out in memory.
public enum PhysicalKind: Sendable, Hashable {
    case bool, int, double, decimal, string, interval
    /// Boxed `Value`s: nested types and the NULL type.
    case value
}
