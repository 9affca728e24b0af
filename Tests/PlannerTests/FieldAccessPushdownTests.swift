import Columnar
import Diagnostics
import SQLSyntax
import Testing
@testable import Planner

/// STRUCT field reads move below joins (`PushDownFieldAccess`), on plan text.
@Suite struct FieldAccessPushdownTests {
    static let car = DataType.struct([StructField(name: "make", type: .string), StructField(name: "year", type: .int32)])
    static let catalog = TestCatalog(tables: [
        "l": SchemaOnlyTable([("id", .int64), ("car", car), ("d", .int32)]),
        "r": SchemaOnlyTable([("id", .int64), ("at", .int64)]),
        "k": SchemaOnlyTable([("d", .int32), ("region", .string)]),
    ])

    func explain(_ sql: String) throws -> String {
        try PlannerTests.explain(sql, catalog: Self.catalog)
    }

    @Test func fieldsAreReadBelowTwoJoinsAndTheStructIsNotCarried() throws {
        let text = try explain("""
            SELECT l.car.make AS make, k.region, r.at FROM l JOIN r ON r.id = l.id AND r.at > l.car.year LEFT JOIN k ON k.d = l.d
            """)
        #expect(text == """
        Project: car.make AS make, region, at
          LEFT Join: d = d
            Project: d, at, car.make
              INNER Join: id = id AND (at > CAST(car.year AS BIGINT))
                Project: id, d, car.make, car.year
                  Scan: l
                Scan: r
            Scan: k
        """)
    }

    @Test func structsReadWholeStayAndRightSidesAreUntouched() throws {
        #expect(try explain("SELECT l.car, r.at FROM l JOIN r ON r.id = l.id") == """
        Project: car, at
          INNER Join: id = id
            Scan: l projection=[id, car]
            Scan: r
        """)
    }
}
