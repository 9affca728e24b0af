import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("SQLPrinter")
struct SQLPrinterTests {
    private func printed(_ sql: String) throws -> String {
        SQLPrinter.statement(try SQLParser.parseOne(sql).statement)
    }

    @Test(arguments: [
        ("select a+b*c from t", "SELECT a + b * c FROM t"),
        ("select (a+b)*c", "SELECT (a + b) * c"),
        ("select a-(b-c), (a-b)-c", "SELECT a - (b - c), a - b - c"),
        ("select not (a and b), (not a) = b", "SELECT NOT (a AND b), (NOT a) = b"),
        ("select - - a, -(-a), -a::int, (-a)::int", "SELECT -(-a), -(-a), -CAST(a AS INT), CAST(-a AS INT)"),
        ("select (a or b) and c", "SELECT (a OR b) AND c"),
        ("select (a = b) is null, a = (b is null)", "SELECT a = b IS NULL, a = (b IS NULL)"),
        ("select x from \"My T\" m where \"Col\" = 'it''s'", "SELECT x FROM \"My T\" AS m WHERE \"Col\" = 'it''s'"),
        ("select (c).f, c[1].g, c['k']", "SELECT (c).f, c[1].g, c['k']"),
        ("select 1 union (select 2 union select 3)", "SELECT 1 UNION (SELECT 2 UNION SELECT 3)"),
        ("(select 1 union select 2) intersect select 3", "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"),
        ("select * from a join (b join c on x) on y", "SELECT * FROM a JOIN (b JOIN c ON x) ON y"),
        ("select interval 3 days, date '2024-01-01', current_date", "SELECT INTERVAL '3' DAY, DATE '2024-01-01', current_date"),
        ("create table t (a int not null default 1, b struct<x: int, \"Y\" string>[]) using json options (Mode 'p', a.b = 1) location 'l'",
         "CREATE TABLE t (a INT NOT NULL DEFAULT 1, b ARRAY<STRUCT<x: INT, \"Y\": STRING>>) USING JSON OPTIONS (mode 'p', 'a.b' '1') LOCATION 'l'"),
        ("select t.order, (c).select, filter(a) filter (where b) from t",
         "SELECT t.order, (c).select, filter(a) FILTER (WHERE b) FROM t"),
        ("select extract('day of week' from d), extract(epoch from d)", "SELECT EXTRACT('DAY OF WEEK' FROM d), EXTRACT(EPOCH FROM d)"),
        ("replace into t values (1)", "INSERT OR REPLACE INTO t VALUES (1)"),
        ("copy t to 'f' (header true, format csv)", "COPY t TO 'f' (format 'csv', header 'true')"),
        ("select sum(x) over (partition by a order by b rows 2 preceding) from t",
         "SELECT sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t"),
    ])
    func normalizedText(sql: String, expected: String) throws {
        #expect(try printed(sql) == expected)
    }

    @Test func identifiersQuoteOnlyWhenNeeded() {
        #expect(SQLPrinter.identifier(Identifier("price")) == "price")
        #expect(SQLPrinter.identifier(Identifier("order")) == "\"order\"")
        #expect(SQLPrinter.identifier(Identifier("two words")) == "\"two words\"")
        #expect(SQLPrinter.identifier(Identifier("Mixed", quoted: true)) == "\"Mixed\"")
        #expect(SQLPrinter.identifier(Identifier("a\"b", quoted: true)) == "\"a\"\"b\"")
    }

    /// Trees built by hand (not by the parser) print with the parentheses their shape needs.
    @Test func synthesizedTreesRoundTrip() throws {
        func col(_ n: String) -> Expr { Expr(.column(QualifiedName([Identifier(n)])), span: .none) }
        func bin(_ op: BinaryOperator, _ a: Expr, _ b: Expr) -> Expr { Expr(.binary(op, a, b), span: .none) }
        let trees: [Expr] = [
            bin(.multiply, bin(.plus, col("a"), col("b")), col("c")),
            bin(.minus, col("a"), bin(.minus, col("b"), col("c"))),
            bin(.and, Expr(.unary(.not, bin(.or, col("a"), col("b"))), span: .none), col("c")),
            Expr(.between(bin(.and, col("a"), col("b")), low: bin(.eq, col("c"), col("d")), high: col("e"), negated: true), span: .none),
            Expr(.like(bin(.concat, col("a"), col("b")), pattern: bin(.or, col("p"), col("q")), escape: nil, caseInsensitive: true, negated: false), span: .none),
            Expr(.isNull(bin(.or, col("a"), col("b")), negated: true), span: .none),
            Expr(.field(col("s"), Identifier("f")), span: .none),
            Expr(.index(bin(.plus, col("a"), col("b")), col("i")), span: .none),
            Expr(.unary(.minus, Expr(.unary(.minus, col("a")), span: .none)), span: .none),
            bin(.eq, Expr(.exists(Query(body: .values([[col("a")]], span: .none), span: .none), negated: true), span: .none), col("b")),
        ]
        for tree in trees {
            let text = SQLPrinter.expression(tree)
            let reparsed = try SQLParser.parseExpression(text)
            #expect(TestSupport.shape(reparsed) == TestSupport.shape(tree), "printed as \(text)")
        }
    }

    @Test func shapeIgnoresSpansOnly() throws {
        #expect(TestSupport.shape(try TestSupport.expr("a + b")) == TestSupport.shape(try TestSupport.expr("  a+b")))
        #expect(TestSupport.shape(try TestSupport.expr("a + b")) != TestSupport.shape(try TestSupport.expr("a - b")))
        #expect(TestSupport.shape(try TestSupport.expr("a")) != TestSupport.shape(try TestSupport.expr("\"a\"")))
    }

    /// Statements that survive random edits still print to SQL that parses back to the same tree.
    @Test func mutatedStatementsRoundTrip() {
        let statements = GrammarExamplesTests.allStatements()
        var random = SplitMix(seed: 9)
        let alphabet = Array("();,.'-+*/ \nNOTANDOR0123456789xy".utf8)
        for i in 0..<1_000 {
            var bytes = Array(statements[i % statements.count].utf8)
            guard !bytes.isEmpty else { continue }
            let at = Int(random.next() % UInt64(bytes.count))
            if random.next() % 2 == 0 { bytes.remove(at: at) } else { bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at) }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let parsed = try? SQLParser.parse(text) else { continue }
            for statement in parsed {
                let printedText = SQLPrinter.statement(statement.statement)
                guard let again = try? SQLParser.parseOne(printedText) else {
                    Issue.record("does not reparse: \(printedText)\nfrom: \(text)")
                    continue
                }
                #expect(TestSupport.shape(again.statement) == TestSupport.shape(statement.statement), "\(text)\n→ \(printedText)")
            }
        }
    }
}
