import Columnar
import Formats
import Testing

@Suite struct JSONShapeTests {
    typealias S = JSONTestSupport
    static let fields: [(String, DataType)] = [("a", .int32), ("s", .string)]

    @Test func crlfLines() throws {
        let reader = try S.reader(Self.fields, line: true)
        let rows = S.rows(try reader.read(path: S.path("crlf.json"), displayPath: "crlf.json"))
        #expect(rows == [[.int(1), .string("x"), .int(1)], [.int(2), .string("y"), .int(3)], [.int(3), .string("z"), .int(4)]])
    }

    @Test func byteOrderMark() throws {
        let reader = try S.reader(Self.fields)
        let rows = S.rows(try reader.read(path: S.path("bom.json"), displayPath: "bom.json"))
        #expect(rows == [[.int(1), .string("bom")], [.int(2), .string("ok")]])
    }

    @Test func oneObjectFile() throws {
        let reader = try S.reader(Self.fields, line: true)
        let result = try reader.read(path: S.path("one_object.json"), displayPath: "one.json")
        #expect(S.rows(result) == [[.int(42), .string("single"), .int(1)]])
        #expect(result.badRecords.isEmpty)
    }

    @Test func arrayOfObjectsFile() throws {
        let reader = try S.reader(Self.fields, line: true)
        let result = try reader.read(path: S.path("array.json"), displayPath: "array.json")
        #expect(S.rows(result) == [
            [.int(1), .string("first"), .int(2)],
            [.int(2), .string("second"), .int(3)],
            [.null, .null, .int(7)],
            [.int(4), .string("fourth"), .int(8)],
        ])
        #expect(result.badRecords.map(\.line) == [7])
        #expect(result.badRecords.first?.raw == "{\"a\": \"bad\", \"s\": \"third\"}")
    }

    @Test func brokenArrayFiles() throws {
        let reader = try S.reader(Self.fields)
        let unterminated = try S.read(reader, "[{\"a\":1},{\"a\":2}")
        #expect(unterminated.rowCount == 3)
        #expect(unterminated.badRecords.count == 1)
        let cut = try S.read(reader, "[{\"a\":1},{\"a\":")
        #expect(S.rows(cut).first == [.int(1), .null])
        #expect(cut.badRecords.count == 1)
        #expect(try S.read(reader, "[]").rowCount == 0)
        #expect(try S.read(reader, " [ ] ").badRecords.isEmpty)
    }
}
