// Random and mutated statements through Session.execute: every one must end in a result
// or an SQLError (a crash or hang fails the run): 12,000 statements over two seeds of each kind.
// Fixed seeds, so runs repeat exactly.

import Columnar
import Diagnostics
import Engine
import Testing

@Suite("Fuzzing Session.execute")
struct FuzzTests {
    /// Generated statements per seed.
    static let generatedCount = 3_000
    /// Mutated statements per seed.
    static let mutatedCount = 3_000
    /// Statements run on one session before starting a fresh one (keeps tables small).
    static let sessionLifetime = 400

    /// Checks one outcome; a description of what is wrong, or nil.
    private static func problem(_ sql: String, _ outcome: Result<StatementResult, SQLError>) -> String? {
        switch outcome {
        case let .success(.rows(result)):
            let width = result.schema.count
            if let row = result.rows.first(where: { $0.count != width }) {
                return "row of \(row.count) values under \(width) columns: \(sql)"
            }
            return nil
        case .success(.status):
            return nil
        case let .failure(error):
            if error.message.isEmpty { return "error without a message: \(sql)" }
            if let span = error.span, span.start < 0 || span.end > sql.utf8.count {
                return "error span \(span) outside the \(sql.utf8.count)-byte statement: \(sql)"
            }
            return nil
        }
    }

    /// Runs `statements` on sessions renewed every `sessionLifetime` statements.
    private static func run(_ statements: [String]) throws -> (ran: Int, problems: [String]) {
        var problems: [String] = []
        var session = try Session(lake: nil)
        for (i, sql) in statements.enumerated() {
            if i % sessionLifetime == 0 {
                session = try Session(lake: nil)
                for setup in FuzzSQLGenerator.setup { _ = try? session.execute(setup) }
            }
            let outcome: Result<StatementResult, SQLError>
            do {
                outcome = .success(try session.execute(sql))
            } catch {
                outcome = .failure(error)
            }
            if let p = problem(sql, outcome) { problems.append(p) }
        }
        return (statements.count, problems)
    }

    @Test("generated statements end in a result or an SQLError", arguments: [UInt64(0x5eed_0001), 0x5eed_0002])
    func generated(seed: UInt64) throws {
        var generator = FuzzSQLGenerator(seed: seed)
        let statements = (0..<FuzzTests.generatedCount).map { _ in generator.statement() }
        let (ran, problems) = try FuzzTests.run(statements)
        #expect(ran == FuzzTests.generatedCount)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test("mutated statements end in a result or an SQLError", arguments: [UInt64(0xbad_5eed_01), 0xbad_5eed_02])
    func mutated(seed: UInt64) throws {
        var generator = FuzzSQLGenerator(seed: seed)
        var mutator = FuzzMutator(seed: seed ^ 0xffff)
        let seeds = FuzzTests.handWritten + (0..<200).map { _ in generator.statement() }
        // range()/generate_series bounds could be mutated into huge numbers: keep them out.
        let safe = seeds.filter { !$0.contains("range") && !$0.contains("generate_series") }
        var statements: [String] = []
        for i in 0..<FuzzTests.mutatedCount { statements.append(mutator.mutate(safe[i % safe.count])) }
        let (ran, problems) = try FuzzTests.run(statements)
        #expect(ran == FuzzTests.mutatedCount)
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10).joined(separator: "\n"))")
    }

    @Test("the generator is deterministic")
    func deterministic() {
        var a = FuzzSQLGenerator(seed: 7)
        var b = FuzzSQLGenerator(seed: 7)
        let first = (0..<50).map { _ in a.statement() }
        #expect(first == (0..<50).map { _ in b.statement() })
        #expect(Set(first).count > 40)
    }

    /// Valid statements covering the grammar's corners, as mutation seeds.
    static let handWritten = [
        "SELECT a, b FROM t1 WHERE a > 1 ORDER BY a DESC NULLS LAST LIMIT 2 OFFSET 1",
        "SELECT b, count(*), sum(c) FROM t1 GROUP BY b HAVING count(*) > 0",
        "SELECT x.a, y.d FROM t1 AS x LEFT JOIN t2 AS y ON x.a = y.a AND y.e > 1",
        "WITH w AS (SELECT a FROM t1) SELECT * FROM w JOIN w AS w2 USING (a)",
        "SELECT a, row_number() OVER (PARTITION BY b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t1",
        "SELECT CASE WHEN a IS NULL THEN 'n' WHEN a BETWEEN 1 AND 2 THEN 'low' ELSE 'high' END FROM t1",
        "SELECT CAST('12' AS INTEGER) + '3'::INTEGER, 7 / 2, 7 % 0, -(-9223372036854775807 - 1)",
        "SELECT d - DATE '2024-01-01', d + INTERVAL '1 month', date_trunc('month', d), extract(year FROM d) FROM t2",
        "SELECT b LIKE 'x%' ESCAPE '\\\\', b ILIKE '_', upper(b) || lower(b), substr(b, 1, 2) FROM t1",
        "SELECT * FROM t1 WHERE a IN (SELECT a FROM t2) OR NOT EXISTS (SELECT 1 FROM t2 WHERE t2.a = t1.a)",
        "SELECT a FROM t1 UNION SELECT a FROM t2 EXCEPT SELECT 3 INTERSECT SELECT 1",
        "INSERT INTO s1 (k, v) SELECT a, b FROM t1 WHERE a IS NOT NULL",
        "UPDATE s1 SET v = v || '!' WHERE k IN (1, 2)",
        "CREATE VIEW vv AS SELECT a * 2 AS doubled FROM t1",
        "SELECT [1, 2, 3][2], [a, a + 1] FROM t1",
        "SELECT string_agg(b, ',' ORDER BY b DESC), median(c), stddev(c), bool_and(a > 0) FROM t1",
        "SELECT lag(a, 1, -1) OVER (ORDER BY a), lead(a) OVER w FROM t1 WINDOW w AS (ORDER BY b)",
        "DESCRIBE t1",
        "EXPLAIN SELECT a FROM t1 WHERE a = 1",
        "SHOW TABLES",
        "SELECT 1.50 + 0.1, 0.1 + 0.2 = 0.3, 1e308 * 10, 'a' IS DISTINCT FROM NULL",
    ]
}
