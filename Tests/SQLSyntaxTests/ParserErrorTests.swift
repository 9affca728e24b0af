import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("Parser errors")
struct ParserErrorTests {
    @Test(arguments: [
        ("SELECT * FROM", "unexpected end of input, expected a table name", 13, 13),
        ("SELECT a FROM t WHERE", "unexpected end of input, expected an expression", 21, 21),
        ("SELECT count(a FROM t", "expected \")\" after function arguments, found \"FROM\"", 15, 19),
        ("SELECT a FROM t WHERE FROM", "syntax error at or near \"FROM\"", 22, 26),
        ("SELECT a b c FROM t", "syntax error at or near \"c\"", 11, 12),
        ("SELEC 1", "syntax error at or near \"SELEC\"", 0, 5),
        ("SELECT (1 + 2", "unexpected end of input, expected \")\" after expression", 13, 13),
        ("SELECT CASE END", "syntax error at or near \"END\"", 12, 15),
        ("SELECT * FROM a JOIN b", "unexpected end of input, expected ON or USING after JOIN", 22, 22),
        ("CREATE TABLE t (a INT", "unexpected end of input, expected \")\" after column definitions", 21, 21),
        ("SELECT a IS 3", "expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS, found \"3\"", 12, 13),
        ("SELECT CAST(a AS 5)", "expected a type name, found \"5\"", 17, 18),
        ("DROP FUNCTION f", "expected TABLE, VIEW, MATERIALIZED VIEW, SCHEMA or INDEX after DROP, found \"FUNCTION\"", 5, 13),
        ("SELECT 'abc", "unterminated string literal", 7, 11),
    ])
    func messagesAndSpans(sql: String, message: String, start: Int, end: Int) {
        let error = TestSupport.error(sql)
        #expect(error?.kind == .syntax)
        #expect(error?.message == message)
        #expect(error?.span == SourceSpan(start: start, end: end))
    }

    @Test func rendersWithCaretUnderTheToken() throws {
        let sql = "SELECT price\nFROM listings\nWHERE price > FROM"
        let error = try #require(TestSupport.error(sql))
        #expect(ErrorRenderer.render(error, sql: sql) == """
            Error: syntax error at or near "FROM"
            LINE 3: WHERE price > FROM
                                  ^~~~
            """)
    }

    @Test func reservedWordsAreNotNames() {
        #expect(TestSupport.error("SELECT select FROM t") != nil)
        #expect(TestSupport.error("SELECT a FROM order") != nil)
        #expect(TestSupport.error("SELECT \"select\" FROM \"order\"") == nil)
    }

    @Test func deepNestingIsAnError() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let error = TestSupport.error("SELECT " + deep)
        #expect(error?.message == "expression too deeply nested")
        let minus = "SELECT " + String(repeating: "- ", count: 5000) + "1"
        #expect(TestSupport.error(minus)?.message == "expression too deeply nested")
        let subqueries = "SELECT * FROM " + String(repeating: "(SELECT * FROM ", count: 2000) + "t" + String(repeating: ")", count: 2000)
        #expect(TestSupport.error(subqueries)?.message == "expression too deeply nested")
        let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(TestSupport.error("SELECT " + fine) == nil)
    }

    /// Just under the limit every recursive shape still parses (and fits the stack).
    @Test func nestingUnderTheLimitParses() {
        let n = 240
        let shapes = [
            "SELECT " + String(repeating: "(", count: 2 * n) + "1" + String(repeating: ")", count: 2 * n),
            "SELECT " + String(repeating: "- ", count: 2 * n) + "1",
            "SELECT " + String(repeating: "f(", count: n) + "1" + String(repeating: ")", count: n),
            "SELECT * FROM " + String(repeating: "(SELECT * FROM ", count: n / 2) + "t" + String(repeating: ") AS x", count: n / 2),
            "SELECT " + String(repeating: "(SELECT ", count: n) + "1" + String(repeating: ")", count: n),
            "SELECT CAST(x AS " + String(repeating: "ARRAY<", count: n) + "INT" + String(repeating: ">", count: n) + ")",
            "SELECT " + String(repeating: "CASE WHEN a THEN ", count: n) + "1" + String(repeating: " END", count: n),
            "SELECT * FROM " + String(repeating: "(", count: n) + "t" + String(repeating: ")", count: n),
        ]
        for sql in shapes {
            let error = TestSupport.error(sql)
            #expect(error == nil, "\(sql.prefix(40))...: \(String(describing: error))")
                    }
    }

    @Test func randomMutationsNeverCrash() {
        let statements = GrammarExamplesTests.allStatements()
        #expect(!statements.isEmpty)
        var random = SplitMix(seed: 42)
        let alphabet = Array("();,.'\"`-/*+[]:<>=|! \nSELECTFROMWHERE0123456789aeNOT".utf8)
        var parsed = 0, failed = 0
        for i in 0..<2_000 {
            var bytes = Array(statements[i % statements.count].utf8)
            let edits = 1 + Int(random.next() % 4)
            for _ in 0..<edits where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                case 2: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                default: bytes = Array(bytes[..<at])
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let result = try SQLParser.parse(text)
                for statement in result { _ = SQLPrinter.statement(statement.statement) }
                parsed += 1
            } catch {
                #expect(error.kind == .syntax)
                if let span = error.span { #expect(span.start >= 0 && span.end <= text.utf8.count) }
                failed += 1
            }
        }
        #expect(parsed + failed == 2_000)
        #expect(failed > 0)
    }
}
