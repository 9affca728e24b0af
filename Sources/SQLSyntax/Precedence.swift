/// Binding strength of operators, lowest first (PostgreSQL's order).
/// The parser climbs this table; the printer uses it to decide where parentheses are needed.
package enum Precedence: Int, Sendable, Comparable {
    case lowest = 0
    case or
    case and
    /// Prefix `NOT`.
    case not
    /// `IS ...`, `ISNULL`, `NOTNULL`.
    case isTest
    /// `= == <> != < <= > >=`.
    case comparison
    /// `BETWEEN`, `IN`, `LIKE`, `ILIKE` (optionally after `NOT`).
    case pattern
    /// `||` and other operators.
    case other
    /// `+ -`.
    case additive
    /// `* / %`.
    case multiplicative
    /// Prefix `-` and `+`.
    case unary
    /// `::`.
    case cast
    /// `[i]` and `.field`.
    case postfix
    /// Literals, names, calls, parenthesised forms.
    case atom

    /// Orders by binding strength.
    package static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// The binary operators written with symbols or words, and their binding strength.
    package static let binaryOperators: [String: (BinaryOperator, Precedence)] = [
        "OR": (.or, .or), "AND": (.and, .and),
        "=": (.eq, .comparison), "==": (.eq, .comparison), "<>": (.neq, .comparison), "!=": (.neq, .comparison),
        "<": (.lt, .comparison), "<=": (.lte, .comparison), ">": (.gt, .comparison), ">=": (.gte, .comparison),
        "||": (.concat, .other),
        "+": (.plus, .additive), "-": (.minus, .additive),
        "*": (.multiply, .multiplicative), "/": (.divide, .multiplicative), "%": (.modulo, .multiplicative),
    ]

    /// Binding strength of a binary operator (used by the printer).
    package static func of(_ op: BinaryOperator) -> Precedence {
        switch op {
        case .or: return .or
        case .and: return .and
        case .eq, .neq, .lt, .lte, .gt, .gte: return .comparison
        case .concat: return .other
        case .plus, .minus: return .additive
        case .multiply, .divide, .modulo: return .multiplicative
        }
    }
}
