import Columnar
import Diagnostics
import SQLSyntax
import Testing
@testable import Planner

/// STRUCT field reads fold into scans whose provider reads fields (`FoldFieldReadsIntoScans`), on plan text.
@Suite struct FieldReadFoldTests {
    static let engine = DataType.struct([StructField(name: "kw", type: .int32), StructField(name: "fuel", type: .string)])
    static let car = DataType.struct([
        StructField(name: "make", type: .string), StructField(name: "year", type: .int32), StructField(name: "engine", type: engine),
    ])
    static let catalog = TestCatalog(tables: [
        "l": SchemaOnlyTable([("id", .int64), ("car", car), ("d", .int32)], readsFields: true),
        "p": SchemaOnlyTable([("id", .int64), ("car", car)]),
        "r": SchemaOnlyTable([("id", .int64), ("at", .int64)]),
        "k": SchemaOnlyTable([("d", .int32), ("region", .string)]),
    ])

    func explain(_ sql: String) throws -> String {
        try PlannerTests.explain(sql, catalog: Self.catalog)
    }

    /// Expects the plan text of `sql`, showing the actual text when it differs.
    func check(_ sql: String, _ expected: String) throws {
        let text = try explain(sql)
        #expect(text == expected, "\n\(text)")
    }

    @Test func fieldsBecomeScanColumns() throws {
        try check("SELECT car.make, id FROM l", """
        Project: car.make AS make, id
          Scan: l projection=[id, car.make]
        """)
    }

    @Test func filtersAndAggregatesReadTheLeaves() throws {
        try check("SELECT count(car.make) FROM l WHERE car.year > 2000 AND id > 1", """
        Project: count(car.make)
          Aggregate: groups=[] aggregates=[count(car.make)]
            Scan: l projection=[id, car.make, car.year] filters=[(car.year > 2000), (id > 1)]
        """)
    }

    @Test func anyDepth() throws {
        try check("SELECT car.engine.kw, car.engine, car.make FROM l", """
        Project: car.engine.kw AS kw, car.engine AS engine, car.make AS make
          Scan: l projection=[car.engine.kw, car.engine, car.make]
        """)
    }

    @Test func structReadWholeIsNotFolded() throws {
        try check("SELECT car, car.make FROM l", """
        Project: car, car.make AS make
          Scan: l projection=[car]
        """)
        try check("SELECT car.make FROM l WHERE car IS NOT NULL", """
        Project: car.make AS make
          Scan: l projection=[car] filters=[car IS NOT NULL]
        """)
    }

    @Test func providersWithoutFieldReadsKeepTheStruct() throws {
        try check("SELECT car.make FROM p", """
        Project: car.make AS make
          Scan: p projection=[car]
        """)
    }

    @Test func fieldsPushedBelowJoinsReachTheScan() throws {
        try check("""
            SELECT l.car.make AS make, k.region, r.at FROM l JOIN r ON r.id = l.id AND r.at > l.car.year LEFT JOIN k ON k.d = l.d
            """, """
        Project: car.make AS make, region, at
          LEFT Join: d = d
            Project: d, at, car.make
              INNER Join: id = id AND (at > CAST(car.year AS BIGINT))
                Project: id, d, car.make, car.year
                  Scan: l projection=[id, d, car.make, car.year]
                Scan: r
            Scan: k
        """)
    }
}
