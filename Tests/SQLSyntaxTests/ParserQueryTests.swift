import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("Parser queries")
struct ParserQueryTests {
    @Test func selectClauses() throws {
        let select = try TestSupport.select("""
            SELECT DISTINCT a, b AS x, c y, * FROM t WHERE a > 1 GROUP BY a, 2 HAVING count(*) > 1
            WINDOW w AS (PARTITION BY a) QUALIFY rank() OVER w = 1
            """)
        #expect(select.distinct)
        #expect(select.items.count == 4)
        if case .expr(_, let alias) = select.items[1] { #expect(alias?.value == "x") }
        if case .expr(_, let alias) = select.items[2] { #expect(alias?.value == "y") }
        if case .wildcard(let q, let ex, _) = select.items[3] { #expect(q == nil && ex.isEmpty) } else { Issue.record("not *") }
        #expect(select.from.count == 1 && select.whereClause != nil && select.groupBy.count == 2)
        #expect(select.having != nil && select.windows.count == 1 && select.qualify != nil)
    }

    @Test func wildcardsWithExclude() throws {
        let select = try TestSupport.select("SELECT t.* EXCLUDE (a, b), * EXCLUDE c FROM t")
        guard case .wildcard(let q, let ex, _) = select.items[0], case .wildcard(nil, let ex2, _) = select.items[1] else {
            Issue.record("not wildcards"); return
        }
        #expect(q?.description == "t" && ex.map(\.value) == ["a", "b"] && ex2.map(\.value) == ["c"])
    }

    @Test func orderLimitOffset() throws {
        let q = try TestSupport.query("SELECT a FROM t ORDER BY a DESC NULLS FIRST, b LIMIT 10 OFFSET 5")
        #expect(q.orderBy.count == 2 && q.orderBy[0].ascending == false && q.orderBy[0].nullsFirst == true)
        #expect(q.orderBy[1].ascending == nil && q.orderBy[1].nullsFirst == nil)
        #expect(q.limit?.kind == .literal(.integer("10")) && q.offset?.kind == .literal(.integer("5")))
        #expect(try TestSupport.query("SELECT a FROM t LIMIT ALL").limit == nil)
        #expect(try TestSupport.query("SELECT a FROM t FETCH FIRST 3 ROWS ONLY").limit?.kind == .literal(.integer("3")))
        let q2 = try TestSupport.query("SELECT a FROM t OFFSET 2 LIMIT 1")
        #expect(q2.limit != nil && q2.offset != nil)
    }

    @Test func aliasesWithoutAsStopAtKeywords() throws {
        let select = try TestSupport.select("SELECT a b FROM t x WHERE b = 1")
        if case .expr(_, let alias) = select.items[0] { #expect(alias?.value == "b") }
        if case .table(_, let alias, _) = select.from[0] { #expect(alias?.name.value == "x") }
        let noAlias = try TestSupport.select("SELECT a FROM t LEFT JOIN u ON TRUE")
        guard case .join(let j) = noAlias.from[0] else { Issue.record("not a join"); return }
        #expect(j.kind == .left)
        if case .table(_, let alias, _) = j.left { #expect(alias == nil) }
    }

    @Test(arguments: [
        ("a JOIN b ON TRUE", JoinKind.inner), ("a INNER JOIN b ON TRUE", .inner), ("a LEFT JOIN b ON TRUE", .left),
        ("a LEFT OUTER JOIN b ON TRUE", .left), ("a RIGHT OUTER JOIN b ON TRUE", .right), ("a FULL JOIN b ON TRUE", .full),
        ("a CROSS JOIN b", .cross), ("a SEMI JOIN b ON TRUE", .semi), ("a ANTI JOIN b ON TRUE", .anti),
        ("a LEFT ANTI JOIN b ON TRUE", .anti),
    ])
    func joinKinds(from: String, kind: JoinKind) throws {
        guard case .join(let j) = try TestSupport.select("SELECT * FROM \(from)").from[0] else { Issue.record("no join"); return }
        #expect(j.kind == kind)
    }

    @Test func joinConstraintsAndNesting() throws {
        guard case .join(let j) = try TestSupport.select("SELECT * FROM a JOIN b USING (x, y) NATURAL LEFT JOIN c").from[0]
        else { Issue.record("no join"); return }
        #expect(j.constraint == .natural && j.kind == .left)
        guard case .join(let inner) = j.left else { Issue.record("not left-deep"); return }
        #expect(inner.constraint == .using([Identifier("x", span: inner.constraint.usingSpan(0)), Identifier("y", span: inner.constraint.usingSpan(1))]))
        guard case .join(let nested) = try TestSupport.select("SELECT * FROM a JOIN (b JOIN c ON TRUE) ON TRUE").from[0],
              case .join = nested.right else { Issue.record("right side not a join"); return }
        #expect(try TestSupport.select("SELECT * FROM a, b, c").from.count == 3)
    }

    @Test func fromItems() throws {
        let select = try TestSupport.select("SELECT * FROM (SELECT 1) AS s, range(10) r, (VALUES (1, 2)) AS v(a, b), s.t AS x(c)")
        guard select.from.count == 4 else { Issue.record("expected 4 items"); return }
        if case .subquery(_, let alias, _) = select.from[0] { #expect(alias?.name.value == "s") } else { Issue.record("not subquery") }
        if case .function(let name, let args, let alias, _) = select.from[1] {
            #expect(name.description == "range" && args.count == 1 && alias?.name.value == "r")
        } else { Issue.record("not a table function") }
        if case .subquery(let q, let alias, _) = select.from[2], case .values(let rows, _) = q.body {
            #expect(rows == [[Expr(.literal(.integer("1")), span: rows[0][0].span), Expr(.literal(.integer("2")), span: rows[0][1].span)]])
            #expect(alias?.columns.map(\.value) == ["a", "b"])
        } else { Issue.record("not VALUES") }
        if case .table(let name, let alias, _) = select.from[3] {
            #expect(name.parts.count == 2 && alias?.columns.count == 1)
        } else { Issue.record("not a table") }
    }

    @Test func setOperationPrecedence() throws {
        let q = try TestSupport.query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1 LIMIT 2")
        guard case .setOperation(.except, let all, let left, _) = q.body else { Issue.record("top is not EXCEPT"); return }
        #expect(all)
        guard case .setOperation(.union, false, _, let right) = left, case .setOperation(.intersect, false, _, _) = right else {
            Issue.record("INTERSECT does not bind tighter"); return
        }
        #expect(q.orderBy.count == 1 && q.limit != nil)
        let parens = try TestSupport.query("(SELECT 1 LIMIT 1) UNION ALL (SELECT 2)")
        guard case .setOperation(.union, true, .query(let first), .select) = parens.body else { Issue.record("bad parens"); return }
        #expect(first.limit != nil)
    }

    @Test func withClauses() throws {
        let q = try TestSupport.query("WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r), s AS (SELECT 2) SELECT * FROM r, s")
        #expect(q.recursive && q.with.count == 2 && q.with[0].columns.map(\.value) == ["n"] && q.with[1].name.value == "s")
    }

    @Test func valuesQuery() throws {
        guard case .values(let rows, _) = try TestSupport.query("VALUES (1, 'a'), (2, 'b')").body else { Issue.record("not VALUES"); return }
        #expect(rows.count == 2 && rows.allSatisfy { $0.count == 2 })
    }
}

extension JoinConstraint {
    /// Span of the i-th USING column (lets tests build equal identifiers).
    func usingSpan(_ i: Int) -> SourceSpan {
        if case .using(let ids) = self, i < ids.count { return ids[i].span }
        return .none
    }
}
