import Diagnostics
@testable import SQLSyntax

/// Helpers shared by the syntax test suites.
enum TestSupport {
    /// Parses exactly one statement, failing the test with the error text otherwise.
    static func statement(_ sql: String) throws -> Statement {
        try SQLParser.parseOne(sql).statement
    }

    /// Parses one query statement.
    static func query(_ sql: String) throws -> Query {
        guard case .query(let q) = try statement(sql) else { throw SQLError(.internal, "not a query: \(sql)") }
        return q
    }

    /// The single SELECT of a query.
    static func select(_ sql: String) throws -> Select {
        guard case .select(let s) = try query(sql).body else { throw SQLError(.internal, "not a SELECT: \(sql)") }
        return s
    }

    /// Parses an expression.
    static func expr(_ sql: String) throws -> Expr { try SQLParser.parseExpression(sql) }

    /// The error thrown by parsing `sql`, or nil when it parses.
    static func error(_ sql: String) -> SQLError? {
        do {
            _ = try SQLParser.parse(sql)
            return nil
        } catch {
            return error
        }
    }

    /// A structural dump of a value with every span and view text removed,
    /// so two trees compare equal when they differ only in where they came from.
    static func shape<T>(_ value: T) -> String {
        var out = ""
        if let statement = value as? Statement, case .copy(var copy) = statement {
            // Dictionary order is not stable in a dump: list options sorted instead.
            out += copy.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "\n"
            copy.options = [:]
            dump(Statement.copy(copy), to: &out)
        } else {
            dump(value, to: &out)
        }
        var lines: [Substring] = []
        for line in out.split(separator: "\n") {
            if line.contains("queryText:") { continue }
            let trimmed = line.drop { $0 == " " || $0 == "-" || $0 == "▿" || $0 == "▹" }
            if trimmed.hasPrefix("start: ") || trimmed.hasPrefix("end: ") {
                if trimmed.drop(while: { $0 != " " }).dropFirst().allSatisfy(\.isNumber) { continue }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n").replacing(/\d+\.\.<\d+/, with: "_")
    }

    /// Compact rendering of an expression tree: `(+ 1 (* 2 3))`.
    static func sexpr(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let l):
            switch l {
            case .integer(let s), .number(let s): return s
            case .string(let s): return "'\(s)'"
            case .null: return "NULL"
            case .boolean(let b): return b ? "TRUE" : "FALSE"
            default: return "\(l)"
            }
        case .column(let n): return n.description
        case .unary(let op, let x): return "(\(op.rawValue) \(sexpr(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(sexpr(a)) \(sexpr(b)))"
        case .isNull(let x, let n): return "(\(n ? "NOTNULL" : "ISNULL") \(sexpr(x)))"
        case .between(let x, let lo, let hi, let n): return "(\(n ? "NOT " : "")BETWEEN \(sexpr(x)) \(sexpr(lo)) \(sexpr(hi)))"
        case .like(let x, let p, _, let ci, let n): return "(\(n ? "NOT " : "")\(ci ? "ILIKE" : "LIKE") \(sexpr(x)) \(sexpr(p)))"
        case .inList(let x, let items, let n): return "(\(n ? "NOT " : "")IN \(sexpr(x)) [\(items.map(sexpr).joined(separator: " "))])"
        case .cast(let x, let t, _): return "(CAST \(sexpr(x)) \(SQLPrinter.typeName(t)))"
        case .function(let f): return "\(f.name)(\(f.args.map(sexpr).joined(separator: " ")))"
        case .index(let b, let i): return "(INDEX \(sexpr(b)) \(sexpr(i)))"
        case .field(let b, let f): return "(FIELD \(sexpr(b)) \(f.value))"
        case .star(let q): return q.map { "\($0).*" } ?? "*"
        default: return SQLPrinter.expression(e)
        }
    }
}
