import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("Parser expressions")
struct ParserExpressionTests {
    private func s(_ sql: String) throws -> String { TestSupport.sexpr(try TestSupport.expr(sql)) }

    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("a OR b AND c", "(OR a (AND b c))"),
        ("a AND b OR c", "(OR (AND a b) c)"),
        ("NOT a = b", "(NOT (= a b))"),
        ("NOT a AND b", "(AND (NOT a) b)"),
        ("a || b = c", "(= (|| a b) c)"),
        ("a + b || c", "(|| (+ a b) c)"),
        ("- - a", "(- (- a))"),
        ("-a * b", "(* (- a) b)"),
        ("-a::INT", "(- (CAST a INT))"),
        ("a = b IS NULL", "(ISNULL (= a b))"),
        ("a IS NULL = FALSE", "(= (ISNULL a) FALSE)"),
        ("a == b", "(= a b)"),
        ("a != b", "(<> a b)"),
        ("a BETWEEN 1 AND 2 AND c", "(AND (BETWEEN a 1 2) c)"),
        ("a NOT BETWEEN b + 1 AND c * 2", "(NOT BETWEEN a (+ b 1) (* c 2))"),
        ("a NOT IN (1, 2)", "(NOT IN a [1 2])"),
        ("a IN ()", "(IN a [])"),
        ("a NOT LIKE 'x%' OR b ILIKE 'y'", "(OR (NOT LIKE a 'x%') (ILIKE b 'y'))"),
        ("NOT a LIKE b", "(NOT (LIKE a b))"),
        ("a < b = TRUE", "(= (< a b) TRUE)"),
        ("x % 2 = 0", "(= (% x 2) 0)"),
        ("a ISNULL", "(ISNULL a)"),
        ("a NOTNULL", "(NOTNULL a)"),
        ("'1'::INT + 1", "(+ (CAST '1' INT) 1)"),
    ])
    func precedence(sql: String, tree: String) throws {
        #expect(try s(sql) == tree)
    }

    @Test func literals() throws {
        #expect(try TestSupport.expr("NULL").kind == .literal(.null))
        #expect(try TestSupport.expr("TRUE").kind == .literal(.boolean(true)))
        #expect(try TestSupport.expr("12345678901234567890").kind == .literal(.integer("12345678901234567890")))
        #expect(try TestSupport.expr("2.5E-3").kind == .literal(.number("2.5E-3")))
        #expect(try TestSupport.expr("'it''s'").kind == .literal(.string("it's")))
        #expect(try TestSupport.expr("DATE '2024-01-01'").kind == .literal(.typed(.named("DATE", []), "2024-01-01")))
        #expect(try TestSupport.expr("timestamp '2024-01-01 10:00'").kind == .literal(.typed(.named("TIMESTAMP", []), "2024-01-01 10:00")))
        #expect(try TestSupport.expr("TIME '10:00'").kind == .literal(.typed(.named("TIME", []), "10:00")))
    }

    @Test(arguments: [
        ("INTERVAL '3 days'", "3 days", nil),
        ("INTERVAL '3' DAY", "3", "DAY"),
        ("INTERVAL 3 DAYS", "3", "DAY"),
        ("interval 2 hours", "2", "HOUR"),
        ("INTERVAL '1.5' SECOND", "1.5", "SECOND"),
    ] as [(String, String, String?)])
    func intervals(sql: String, text: String, unit: String?) throws {
        #expect(try TestSupport.expr(sql).kind == .literal(.interval(text, unit: unit)))
    }

    @Test func namesAndPaths() throws {
        #expect(try s("s.t.a") == "s.t.a")
        #expect(try s("a['b']") == "(INDEX a 'b')")
        #expect(try s("a[1].b") == "(FIELD (INDEX a 1) b)")
        #expect(try s("(a).b") == "(FIELD a b)")
        #expect(try s("f(x).y") == "(FIELD f(x) y)")
        #expect(try s("t.*") == "t.*")
        if case .column(let name) = try TestSupport.expr("\"Mixed\".col").kind {
            #expect(name.parts[0].quoted && name.parts[0].value == "Mixed" && name.parts[1].normalized == "col")
        } else {
            Issue.record("expected a column")
        }
    }

    @Test func keywordsAsNames() throws {
        #expect(try s("year + month + day") == "(+ (+ year month) day)")
        #expect(try s("date") == "date")
        #expect(try s("timestamp") == "timestamp")
        #expect(try s("left(s, 3)") == "left(s 3)")
        #expect(try s("RIGHT(s, 2)") == "RIGHT(s 2)")
        #expect(try s("replace(a, 'x', 'y')") == "replace(a 'x' 'y')")
        #expect(try s("filter(xs, 1) + filter") == "(+ filter(xs 1) filter)")
        #expect(try s("t.order.by") == "t.order.by")
    }

    @Test func functionCalls() throws {
        guard case .function(let count) = try TestSupport.expr("count(*)").kind else { Issue.record("not a call"); return }
        #expect(count.args.map(\.kind) == [.star(nil)])
        guard case .function(let agg) = try TestSupport.expr("string_agg(DISTINCT x, ',' ORDER BY y DESC) FILTER (WHERE z > 0)").kind
        else { Issue.record("not a call"); return }
        #expect(agg.distinct && agg.args.count == 2 && agg.orderBy.count == 1 && agg.orderBy[0].ascending == false)
        #expect(agg.filter.map(TestSupport.sexpr) == "(> z 0)")
        guard case .function(let now) = try TestSupport.expr("current_date").kind else { Issue.record("not a call"); return }
        #expect(now.name.description == "current_date" && now.args.isEmpty)
        guard case .function(let now2) = try TestSupport.expr("now()").kind else { Issue.record("not a call"); return }
        #expect(now2.args.isEmpty)
    }

    @Test func windows() throws {
        let sql = "sum(x) OVER (PARTITION BY a, b ORDER BY c ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING)"
        guard case .function(let call) = try TestSupport.expr(sql).kind, let over = call.over else { Issue.record("no window"); return }
        #expect(over.partitionBy.count == 2 && over.orderBy.count == 1)
        #expect(over.frame?.units == .rows)
        if case .preceding(let n)? = over.frame?.start { #expect(n.kind == .literal(.integer("2"))) } else { Issue.record("bad start") }
        #expect(over.frame?.end == .unboundedFollowing)
        guard case .function(let named) = try TestSupport.expr("rank() OVER w").kind else { Issue.record("not a call"); return }
        #expect(named.over?.baseName?.value == "w")
        guard case .function(let short) = try TestSupport.expr("sum(x) OVER (w RANGE UNBOUNDED PRECEDING)").kind else { return }
        #expect(short.over?.baseName?.value == "w")
        #expect(short.over?.frame == WindowFrame(units: .range, start: .unboundedPreceding, end: .currentRow))
    }

    @Test func specialForms() throws {
        #expect(try s("SUBSTRING(x FROM 2 FOR 3)") == "substring(x 2 3)")
        #expect(try s("substring(x FROM 2)") == "substring(x 2)")
        #expect(try s("TRIM(x)") == "TRIM(x)")
        #expect(try s("TRIM(BOTH 'a' FROM x)") == "trim(x 'a')")
        #expect(try s("TRIM(LEADING FROM x)") == "ltrim(x)")
        #expect(try s("TRIM(TRAILING 'z' FROM x)") == "rtrim(x 'z')")
        #expect(try s("TRIM('a' FROM x)") == "trim(x 'a')")
        #expect(try s("POSITION('a' IN s)") == "strpos(s 'a')")
        #expect(TestSupport.shape(try TestSupport.expr("EXTRACT(year FROM d)").kind) == TestSupport.shape(ExprKind.extract("YEAR", Expr(.column(QualifiedName([Identifier("d")])), span: .none))))
        #expect(try s("CAST(x AS DECIMAL(10, 2))") == "(CAST x DECIMAL(10, 2))")
        if case .cast(_, _, let isTry) = try TestSupport.expr("TRY_CAST(x AS INT)").kind { #expect(isTry) }
    }

    @Test func caseArraysRowsSubqueries() throws {
        guard case .caseWhen(let operand, let branches, let elseResult) = try TestSupport.expr("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END").kind
        else { Issue.record("not CASE"); return }
        #expect(operand != nil && branches.count == 2 && elseResult != nil)
        if case .array(let items) = try TestSupport.expr("ARRAY[1, 2]").kind { #expect(items.count == 2) } else { Issue.record("not array") }
        if case .array(let items) = try TestSupport.expr("[]").kind { #expect(items.isEmpty) } else { Issue.record("not array") }
        if case .row(let items) = try TestSupport.expr("(1, 2, 3)").kind { #expect(items.count == 3) } else { Issue.record("not row") }
        if case .subquery = try TestSupport.expr("(SELECT 1)").kind {} else { Issue.record("not subquery") }
        if case .exists(_, let negated) = try TestSupport.expr("NOT EXISTS (SELECT 1)").kind { #expect(negated) } else { Issue.record("not exists") }
        if case .inSubquery(_, _, let negated) = try TestSupport.expr("a NOT IN (SELECT b FROM t)").kind { #expect(negated) } else { Issue.record("not IN subquery") }
        if case .isDistinctFrom(_, _, let negated) = try TestSupport.expr("a IS NOT DISTINCT FROM b").kind { #expect(negated) } else { Issue.record("not distinct") }
        if case .isBool(_, let value, let negated) = try TestSupport.expr("a IS NOT UNKNOWN").kind { #expect(value == nil && negated) } else { Issue.record("not IS UNKNOWN") }
        if case .like(_, _, let escape, _, _) = try TestSupport.expr("a LIKE 'x!%' ESCAPE '!'").kind { #expect(escape != nil) } else { Issue.record("not LIKE") }
    }

    @Test(arguments: [
        ("INT", TypeName.named("INT", [])), ("double precision", .named("DOUBLE PRECISION", [])),
        ("DECIMAL(10,2)", .named("DECIMAL", [10, 2])), ("varchar(8)", .named("VARCHAR", [8])),
        ("CHARACTER VARYING(3)", .named("CHARACTER VARYING", [3])),
        ("TIMESTAMP WITH TIME ZONE", .named("TIMESTAMP WITH TIME ZONE", [])),
        ("timestamp without time zone", .named("TIMESTAMP WITHOUT TIME ZONE", [])),
        ("INT[]", .array(.named("INT", []))), ("ARRAY<STRING>", .array(.named("STRING", []))),
        ("ARRAY<ARRAY<INT>>", .array(.array(.named("INT", [])))),
        ("STRUCT<a: INT, b STRING>", .struct([(Identifier("a"), .named("INT", [])), (Identifier("b"), .named("STRING", []))])),
    ])
    func types(text: String, type: TypeName) throws {
        guard case .cast(_, let parsed, _) = try TestSupport.expr("CAST(x AS \(text))").kind else { Issue.record("no cast"); return }
        #expect(TestSupport.shape(parsed) == TestSupport.shape(type))
    }
}
