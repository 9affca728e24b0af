import Columnar
import Diagnostics

/// The aggregate functions, as one table: names (with the aliases of Spark and DuckDB),
/// and how the result type follows from the argument type.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case countStar, count, sum, avg, min, max
    case stddevSamp, stddevPop, varSamp, varPop
    case median, anyValue, stringAgg, boolAnd, boolOr, list, first, last

    /// Lower-case names that call each function.
    public static let names: [(String, AggregateFunction)] = [
        ("count", .count), ("sum", .sum), ("avg", .avg), ("mean", .avg), ("min", .min), ("max", .max),
        ("stddev", .stddevSamp), ("stddev_samp", .stddevSamp), ("stddev_pop", .stddevPop),
        ("variance", .varSamp), ("var_samp", .varSamp), ("var_pop", .varPop),
        ("median", .median), ("any_value", .anyValue), ("arbitrary", .anyValue),
        ("string_agg", .stringAgg), ("group_concat", .stringAgg), ("listagg", .stringAgg),
        ("bool_and", .boolAnd), ("every", .boolAnd), ("bool_or", .boolOr),
        ("list", .list), ("array_agg", .list), ("collect_list", .list),
        ("first", .first), ("last", .last), ("total", .sum),
    ]

    static let byName: [String: AggregateFunction] = Dictionary(names, uniquingKeysWith: { a, _ in a })

    /// The aggregate called `name`, if any.
    public static func lookup(_ name: String) -> AggregateFunction? { byName[name.lowercased()] }

    /// Name shown in EXPLAIN and in default column names.
    public var displayName: String {
        switch self {
        case .countStar, .count: return "count"
        case .stddevSamp: return "stddev"
        case .stddevPop: return "stddev_pop"
        case .varSamp: return "variance"
        case .varPop: return "var_pop"
        case .anyValue: return "any_value"
        case .stringAgg: return "string_agg"
        case .boolAnd: return "bool_and"
        case .boolOr: return "bool_or"
        default: return rawValue
        }
    }

    /// Checks arguments and gives (argument types to cast to, result type).
    public func resolve(_ args: [DataType]) throws(SQLError) -> ResolvedSignature {
        func fail() -> SQLError {
            SQLError(.type, "function \(displayName)(\(args.map(\.description).joined(separator: ", "))) does not exist")
        }
        switch self {
        case .countStar: return ResolvedSignature(argumentTypes: [], returnType: .int64)
        case .count:
            guard args.count == 1 else { throw fail() }
            return ResolvedSignature(argumentTypes: args, returnType: .int64)
        case .sum:
            guard args.count == 1 else { throw fail() }
            switch args[0] {
            case .int8, .int16, .int32, .int64, .boolean, .null: return ResolvedSignature(argumentTypes: [.int64], returnType: .int64)
            case .float32, .float64: return ResolvedSignature(argumentTypes: [.float64], returnType: .float64)
            case let .decimal(_, s): return ResolvedSignature(argumentTypes: [args[0]], returnType: .decimal(precision: 38, scale: s))
            case .interval: return ResolvedSignature(argumentTypes: args, returnType: .interval)
            default: throw fail()
            }
        case .avg:
            guard args.count == 1 else { throw fail() }
            switch args[0] {
            case .int8, .int16, .int32, .int64, .float32, .float64, .null: return ResolvedSignature(argumentTypes: [.float64], returnType: .float64)
            case let .decimal(p, s):
                let scale = Swift.max(s, 6)
                return ResolvedSignature(argumentTypes: [args[0]], returnType: .decimal(precision: Swift.min(38, Swift.max(p, 18) + scale - s), scale: scale))
            case .interval: return ResolvedSignature(argumentTypes: args, returnType: .interval)
            default: throw fail()
            }
        case .min, .max, .anyValue, .first, .last:
            guard args.count == 1 else { throw fail() }
            return ResolvedSignature(argumentTypes: args, returnType: args[0])
        case .median:
            guard args.count == 1 else { throw fail() }
            switch args[0] {
            case .int8, .int16, .int32, .int64, .float32, .float64, .decimal, .null:
                return ResolvedSignature(argumentTypes: [.float64], returnType: .float64)
            case .date, .timestamp, .interval, .string:
                return ResolvedSignature(argumentTypes: args, returnType: args[0])
            default: throw fail()
            }
        case .stddevSamp, .stddevPop, .varSamp, .varPop:
            guard args.count == 1, args[0].isNumeric || args[0] == .null else { throw fail() }
            return ResolvedSignature(argumentTypes: [.float64], returnType: .float64)
        case .stringAgg:
            guard args.count == 1 || args.count == 2 else { throw fail() }
            return ResolvedSignature(argumentTypes: Array(repeating: .string, count: args.count), returnType: .string)
        case .boolAnd, .boolOr:
            guard args.count == 1, args[0] == .boolean || args[0] == .null else { throw fail() }
            return ResolvedSignature(argumentTypes: [.boolean], returnType: .boolean)
        case .list:
            guard args.count == 1 else { throw fail() }
            return ResolvedSignature(argumentTypes: args, returnType: .array(args[0] == .null ? .int32 : args[0]))
        }
    }
}
