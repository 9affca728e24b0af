import Columnar
import Diagnostics
import SQLSyntax
import Testing
@testable import Planner

/// A table with a fixed schema and no rows: plans only.
final class SchemaOnlyTable: TableProvider, @unchecked Sendable {
    let schema: Schema
    let estimatedRowCount: Int? = nil
    /// Whether scans say they read STRUCT fields themselves.
    let readsFields: Bool
    init(_ fields: [(String, DataType)], readsFields: Bool = false) {
        schema = Schema(fields.map { Field(name: $0.0, type: $0.1) })
        self.readsFields = readsFields
    }
    var supportsFieldPaths: Bool { readsFields }
    func scan(projection: [Int]) throws(SQLError) -> any BatchSource { Empty() }
    final class Empty: BatchSource { func next() throws(SQLError) -> Batch? { nil } }
}

struct TestCatalog: CatalogProvider {
    var tables: [String: SchemaOnlyTable] = [
        "a": SchemaOnlyTable([("x", .int64), ("z", .int32), ("s", .string)]),
        "b": SchemaOnlyTable([("y", .int64), ("w", .float64)]),
    ]
    func lookup(_ name: [String]) throws(SQLError) -> CatalogEntry? {
        guard let t = tables[name.last ?? ""] else { return nil }
        return .table(TableHandle(name: name.joined(separator: "."), provider: t))
    }
    func allRelationNames() -> [String] { tables.keys.sorted() }
}

/// Plans a query over `catalog`'s tables and returns the optimized plan text.
func explain(_ sql: String, catalog: TestCatalog = TestCatalog()) throws -> String {
    let stmt = try SQLParser.parseOne(sql)
    guard case let .query(q) = stmt.statement else { return "" }
    let fc = FunctionContext(statementTime: 0)
    let plan = try Binder(catalog: catalog, sql: sql, context: fc).bindQuery(q)
    return PlanPrinter.text(try Optimizer.default.optimize(plan, context: fc))
}

@Suite struct OptimizerTests {
    @Test func commaJoinBecomesHashJoinWithPushedFilters() throws {
        let text = try explain("SELECT s FROM a, b WHERE a.x = b.y AND a.z > 1 AND b.w < 2.5")
        #expect(text == """
        Project: s
          INNER Join: x = y
            Scan: a filters=[(z > 1)]
            Scan: b filters=[(w < 2.5)]
        """)
    }

    @Test func constantConditionsFold() throws {
        let text = try explain("SELECT x FROM a WHERE 1 + 1 = 2")
        #expect(text == "Project: x\n  Scan: a projection=[x]")
    }

    @Test func limitOverSortIsTopN() throws {
        let text = try explain("SELECT x FROM a ORDER BY z DESC LIMIT 3 OFFSET 2")
        #expect(text.contains("TopN: __order1 DESC NULLS FIRST limit=5"))
    }

    @Test func filterOnOuterSideOfLeftJoinStaysAbove() throws {
        let text = try explain("SELECT x FROM a LEFT JOIN b ON a.x = b.y WHERE b.w IS NULL AND a.z = 3")
        #expect(text == """
        Project: x
          Filter: w IS NULL
            LEFT Join: x = y
              Scan: a projection=[x, z] filters=[(z = 3)]
              Scan: b
        """)
    }

    @Test func nullRejectingFilterMakesLeftJoinInner() throws {
        let text = try explain("SELECT x FROM a LEFT JOIN b ON a.x = b.y WHERE b.w > 1")
        #expect(text == """
        Project: x
          INNER Join: x = y
            Scan: a projection=[x]
            Scan: b filters=[(w > 1)]
        """)
        // IS NULL keeps the unmatched rows: the join stays LEFT.
        #expect(try explain("SELECT x FROM a LEFT JOIN b ON a.x = b.y WHERE b.w IS NULL").contains("LEFT Join"))
    }

    @Test func filterPassesThroughAggregateOnGroupKeys() throws {
        let text = try explain("SELECT z, count(*) FROM a GROUP BY z HAVING z > 5 AND count(*) > 1")
        #expect(text.contains("Scan: a projection=[z] filters=[(z > 5)]"))
        #expect(text.contains("Filter: (count(*) > 1)"))
    }

    @Test func smallerInputBecomesBuildSide() throws {
        let text = try explain("SELECT r.range FROM range(1000000) r JOIN range(10) s ON r.range = s.range")
        #expect(text.contains("INNER Join: range = range\n    TableFunction: range(0, 1000000, 1)\n    TableFunction: range(0, 10, 1)"))
        let swapped = try explain("SELECT r.range FROM range(10) s JOIN range(1000000) r ON r.range = s.range")
        #expect(swapped.contains("Project: range, range\n    INNER Join: range = range\n      TableFunction: range(0, 1000000, 1)\n      TableFunction: range(0, 10, 1)"))
    }

    @Test func unknownColumnSuggestsName() throws {
        #expect(throws: SQLError.self) { try explain("SELECT zz FROM a") }
        do {
            _ = try explain("SELECT ss FROM a")
        } catch let e as SQLError {
            #expect(e.kind == .name)
            #expect(e.notes == ["did you mean \"s\"?"])
            #expect(e.span == SourceSpan(start: 7, end: 9))
        }
    }

    @Test func ambiguousColumnIsAnError() throws {
        let sql = "SELECT x FROM a JOIN a AS a2 ON true"
        do {
            _ = try explain(sql)
            Issue.record("expected an ambiguity error")
        } catch let e as SQLError {
            #expect(e.message.contains("ambiguous"))
        }
    }
}
