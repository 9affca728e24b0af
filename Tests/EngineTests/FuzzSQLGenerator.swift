// Random SQL over a fixed small schema: nested expressions, joins, subqueries, aggregates,
// windows, set operations and DDL/DML on scratch tables. Statements stay small so that
// every one runs quickly on tables of a few rows.

/// Generates random statements for `FuzzTests`.
struct FuzzSQLGenerator {
    /// The random source.
    var random: FuzzRandom

    /// Statements creating and filling the tables queries read.
    static let setup = [
        "CREATE TABLE t1 (a INTEGER, b VARCHAR, c DOUBLE)",
        "INSERT INTO t1 VALUES (1, 'x', 1.5), (2, 'y', NULL), (NULL, 'z', -2.0), (3, NULL, 0.0), (2, 'x', 4.25)",
        "CREATE TABLE t2 (a INTEGER, d DATE, e DECIMAL(10,2))",
        "INSERT INTO t2 VALUES (1, DATE '2024-01-31', 1.50), (2, NULL, 2.25), (4, DATE '2023-12-01', NULL)",
        "CREATE TABLE s1 (k INTEGER, v VARCHAR)",
    ]

    private static let tables = [("t1", ["a", "b", "c"]), ("t2", ["a", "d", "e"])]
    private static let binaryOperators = ["+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "IS DISTINCT FROM"]
    private static let functions = [
        ("abs", 1), ("upper", 1), ("lower", 1), ("length", 1), ("coalesce", 2), ("nullif", 2),
        ("substr", 3), ("round", 2), ("concat", 2), ("greatest", 2), ("least", 2), ("trim", 1), ("sign", 1),
    ]
    private static let aggregates = ["count", "sum", "avg", "min", "max", "count(DISTINCT", "bool_or", "string_agg"]
    private static let types = ["INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DECIMAL(10,2)", "DATE", "BOOLEAN"]

    /// Columns visible to the expression being generated.
    private var scope: [String] = ["a"]

    /// A generator seeded with `seed`.
    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    /// One random statement.
    mutating func statement() -> String {
        switch random.below(20) {
        case 0: return "INSERT INTO s1 VALUES (\(random.below(10)), '\(random.pick(["p", "q", ""]))')"
        case 1: return "UPDATE s1 SET v = \(literal()) WHERE k \(random.pick(["<", "=", ">"])) \(random.below(10))"
        case 2: return "DELETE FROM s1 WHERE k = \(random.below(10))"
        case 3: return "CREATE TABLE IF NOT EXISTS s\(random.below(4) + 2) AS \(select(depth: 1))"
        case 4: return "DROP TABLE IF EXISTS s\(random.below(4) + 2)"
        case 5: return "CREATE OR REPLACE VIEW v\(random.below(3)) AS \(select(depth: 1))"
        case 6: return "SELECT * FROM \(random.pick(["range(\(random.below(6)))", "generate_series(1, \(random.below(6)))"]))"
        case 7: return "\(select(depth: 1)) \(random.pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT"])) \(select(depth: 1))"
        default: return select(depth: 2)
        }
    }

    /// A SELECT with a random shape.
    mutating func select(depth: Int) -> String {
        let saved = scope
        defer { scope = saved }
        let from = fromClause(depth: depth)
        let grouped = from != nil && random.chance(25)
        let keys = Array(scope.prefix(random.below(2) + 1))
        var items: [String] = []
        for _ in 0..<(random.below(3) + 1) {
            if grouped {
                items.append(random.chance(50) ? aggregate() : random.pick(keys))
            } else if from != nil, random.chance(15) {
                items.append(window())
            } else {
                items.append(expression(depth: depth))
            }
        }
        var sql = "SELECT " + (random.chance(10) ? "DISTINCT " : "")
            + items.enumerated().map { i, e in random.chance(30) ? "\(e) AS c\(i)" : e }.joined(separator: ", ")
        if let from { sql += " FROM " + from }
        if from != nil, random.chance(50) { sql += " WHERE " + expression(depth: depth) }
        if grouped {
            sql += " GROUP BY " + keys.joined(separator: ", ")
            if random.chance(30) { sql += " HAVING count(*) > \(random.below(3))" }
        }
        if random.chance(30) { sql += " ORDER BY \(random.below(items.count) + 1)\(random.pick(["", " DESC", " NULLS FIRST"]))" }
        if random.chance(20) { sql += " LIMIT \(random.below(5))" + (random.chance(30) ? " OFFSET \(random.below(3))" : "") }
        return sql
    }

    /// A FROM clause (nil: none); sets `scope` to the columns it exposes.
    private mutating func fromClause(depth: Int) -> String? {
        switch random.below(8) {
        case 0: return nil
        case 1, 2:
            let (name, columns) = random.pick(FuzzSQLGenerator.tables)
            scope = columns
            return name
        case 3:
            scope = ["x.a", "b", "d", "y.e"]
            let kind = random.pick(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN"])
            return "t1 x \(kind) t2 y ON x.a \(random.pick(["=", "<", "<>"])) y.a"
        case 4:
            scope = ["a", "b", "c", "d"]
            return "t1 JOIN t2 USING (a)"
        case 5:
            scope = ["b", "d", "t1.a", "t2.a"]
            return "t1, t2"
        case 6 where depth > 0:
            let inner = select(depth: depth - 1)
            scope = ["a"]
            return "(\(inner)) AS sub(a)"
        default:
            scope = ["a", "b", "c"]
            return "t1"
        }
    }

    /// An aggregate call over a column of the scope.
    private mutating func aggregate() -> String {
        let column = random.pick(scope)
        switch random.pick(FuzzSQLGenerator.aggregates) {
        case "count": return random.chance(50) ? "count(*)" : "count(\(column))"
        case "count(DISTINCT": return "count(DISTINCT \(column))"
        case "string_agg": return "string_agg(CAST(\(column) AS VARCHAR), ',' ORDER BY \(column))"
        case "bool_or": return "bool_or(\(column) IS NULL)"
        case let name: return "\(name)(\(column))"
        }
    }

    /// A window function call.
    private mutating func window() -> String {
        let column = random.pick(scope)
        let call = random.pick(["row_number()", "rank()", "dense_rank()", "lag(\(column))", "lead(\(column), 2, 0)",
                                "first_value(\(column))", "sum(\(column))", "count(*)"])
        var over = random.chance(50) ? "PARTITION BY \(random.pick(scope)) " : ""
        over += "ORDER BY \(random.pick(scope))"
        if random.chance(25) { over += " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW" }
        return "\(call) OVER (\(over))"
    }

    /// A random expression at most `depth` levels deep.
    mutating func expression(depth: Int) -> String {
        if depth <= 0 || random.chance(25) {
            return random.chance(50) ? random.pick(scope) : literal()
        }
        let d = depth - 1
        switch random.below(14) {
        case 0, 1, 2: return "(\(expression(depth: d)) \(random.pick(FuzzSQLGenerator.binaryOperators)) \(expression(depth: d)))"
        case 3: return random.pick(["NOT ", "-"]) + "(\(expression(depth: d)))"
        case 4:
            let (name, arity) = random.pick(FuzzSQLGenerator.functions)
            return "\(name)(" + (0..<arity).map { _ in expression(depth: d) }.joined(separator: ", ") + ")"
        case 5: return "CASE WHEN \(expression(depth: d)) THEN \(expression(depth: d)) ELSE \(expression(depth: d)) END"
        case 6: return "CASE \(expression(depth: d)) WHEN \(literal()) THEN \(literal()) END"
        case 7: return "CAST(\(expression(depth: d)) AS \(random.pick(FuzzSQLGenerator.types)))"
        case 8: return "\(expression(depth: d)) \(random.pick(["", "NOT "]))BETWEEN \(literal()) AND \(literal())"
        case 9: return "\(expression(depth: d)) \(random.pick(["IN", "NOT IN"])) (\(literal()), \(literal()), NULL)"
        case 10: return "\(expression(depth: d)) IS \(random.pick(["", "NOT "]))NULL"
        case 11: return "\(expression(depth: d)) \(random.pick(["LIKE", "ILIKE", "NOT LIKE"])) '\(random.pick(["%x%", "_", "x\\_%", ""]))'"
        case 12 where d > 0:
            let saved = scope
            defer { scope = saved }
            switch random.below(3) {
            case 0: return "(SELECT max(a) FROM t2 WHERE t2.a >= \(random.pick(saved)))"
            case 1: return "EXISTS (SELECT 1 FROM t2 WHERE t2.a = \(random.pick(saved)))"
            default: return "\(random.pick(saved)) IN (SELECT a FROM t2)"
            }
        default: return "\(literal())::\(random.pick(FuzzSQLGenerator.types))"
        }
    }

    /// A random literal.
    mutating func literal() -> String {
        random.pick([
            "\(random.below(100) - 20)", "NULL", "'x'", "''", "'2024-01-31'", "2.5", "0", "true", "false",
            "9223372036854775807", "-9223372036854775808", "1e308", "0.1", "DATE '2024-02-29'",
            "TIMESTAMP '2024-01-31 10:00:00'", "INTERVAL '1 day'", "[1, 2, 3]", "'it''s'",
        ])
    }
}
