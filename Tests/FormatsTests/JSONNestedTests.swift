import Columnar
import Formats
import Testing

@Suite struct JSONNestedTests {
    typealias S = JSONTestSupport
    static let fields: [(String, DataType)] = [
        ("id", .int32),
        ("car", .struct([StructField(name: "make", type: .string), StructField(name: "year", type: .int32)])),
        ("owners", .array(.struct([StructField(name: "name", type: .string), StructField(name: "since", type: .date)]))),
        ("tags", .array(.string)),
    ]

    @Test func structsAndArraysOfStructs() throws {
        let reader = try S.reader(Self.fields)
        let result = try reader.read(path: S.path("nested.json"), displayPath: "nested.json")
        let rows = S.rows(result)
        #expect(rows.count == 5)
        #expect(rows[0] == [.int(1), .struct([.string("Toyota"), .int(2018)]),
                            .array([.struct([.string("Ann"), S.date("2019-01-02")]), .struct([.string("Bob"), .null])]),
                            .array([.string("a"), .string("b")])])
        #expect(rows[1] == [.int(2), .struct([.string("Ford"), .null]), .array([]), .null])
        #expect(rows[2] == [.int(3), .null, .array([.struct([.string("Cy"), S.date("2020-05-06")])]), .array([.string("x"), .null])])
        #expect(rows[3] == [.null, .null, .null, .null])
        let messages = result.badRecords.map(\.message)
        #expect(messages == ["car.year: expected INTEGER, found \"old\"", "car: expected STRUCT, found [1,2]"])
    }

    @Test func nestedErrorPathsNameArrayElements() throws {
        let reader = try S.reader(Self.fields)
        let result = try S.read(reader, "{\"owners\":[{\"name\":\"A\",\"since\":\"someday\"}]}\n")
        #expect(result.badRecords.first?.message == "owners[].since: expected DATE, found \"someday\"")
    }

    @Test func unneededNestedValuesAreSkipped() throws {
        let reader = try S.reader([("id", .int32)])
        let result = try S.read(reader, "{\"x\":{\"a\":[1,{\"b\":\"}]\"}],\"c\":{}},\"id\":3,\"y\":[[[]]]}\n")
        #expect(S.rows(result) == [[.int(3)]])
    }
}
