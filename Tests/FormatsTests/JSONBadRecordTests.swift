import Columnar
import Diagnostics
import Formats
import Testing

@Suite struct JSONBadRecordTests {
    typealias S = JSONTestSupport
    static let fields: [(String, DataType)] = [("listing_id", .int64), ("price", .decimal(precision: 10, scale: 2)), ("mileage", .int32), ("_corrupt_record", .string)]
    static let badLines = [3, 4, 5, 6, 9, 10]

    @Test func permissiveNullsTheRowAndKeepsTheRawLine() throws {
        let reader = try S.reader(Self.fields, corrupt: "_corrupt_record", line: true)
        let result = try reader.read(path: S.path("dirty.json"), displayPath: "dirty.json")
        let rows = S.rows(result)
        #expect(result.rowsRead == 10)
        #expect(rows.count == 10)
        #expect(rows[0] == [.int(10), .decimal(10025, scale: 2), .null, .null, .int(1)])
        #expect(rows[1] == [.int(11), .decimal(20050, scale: 2), .int(1234), .null, .int(2)])
        #expect(rows[2] == [.null, .null, .null, .string("{\"listing_id\":12,\"price\":\"12,5\"}"), .int(3)])
        #expect(rows[6] == [.int(16), .null, .null, .null, .int(8)])
        #expect(rows[9] == [.int(19), .decimal(101, scale: 2), .null, .null, .int(11)])
        #expect(result.badRecords.map(\.line) == Self.badLines)
        let messages = Dictionary(uniqueKeysWithValues: result.badRecords.map { ($0.line, $0.message) })
        #expect(messages[3] == "price: expected DECIMAL(10,2), found \"12,5\"")
        #expect(messages[4]?.hasPrefix("malformed JSON") == true)
        #expect(messages[5] == "mileage: expected INTEGER, found {\"km\":5}")
        #expect(messages[6] == "mileage: value 3000000000 out of range for INTEGER")
        #expect(messages[10] == "price: value 123456789.99 out of range for DECIMAL(10,2)")
        #expect(result.badRecords.allSatisfy { $0.file == "dirty.json" })
        #expect(result.badRecords.first { $0.line == 9 }?.raw == "not json at all")
    }

    @Test func permissiveWithoutCorruptColumn() throws {
        let reader = try S.reader(Array(Self.fields.prefix(2)))
        let result = try reader.read(path: S.path("dirty.json"), displayPath: "dirty.json")
        #expect(result.rowCount == 10)
        #expect(S.rows(result)[3] == [.null, .null])
        // Only needed columns are parsed: the unprojected mileage's bad values (lines 5, 6) are not seen.
        #expect(result.badRecords.map(\.line) == [3, 4, 9, 10])
    }

    @Test func dropMalformedLeavesBadRowsOutButListsThem() throws {
        let reader = try S.reader(Self.fields, mode: .dropMalformed, corrupt: "_corrupt_record", line: true)
        let result = try reader.read(path: S.path("dirty.json"), displayPath: "dirty.json")
        #expect(S.rows(result).map { $0[4] } == [1, 2, 8, 11].map { Value.int($0) })
        #expect(result.badRecords.map(\.line) == Self.badLines)
    }

    @Test func failFastThrowsAtTheFirstBadRecord() throws {
        let reader = try S.reader(Self.fields, mode: .failFast)
        #expect {
            _ = try reader.read(path: S.path("dirty.json"), displayPath: "bronze/dirty.json")
        } throws: { error in
            guard let e = error as? SQLError else { return false }
            return e.kind == .data && e.message == "price: expected DECIMAL(10,2), found \"12,5\""
                && e.location == FileLocation(path: "bronze/dirty.json", line: 3)
        }
    }

    @Test(arguments: JSONReadMode.allCases)
    func truncatedLastLineIsLeftForTheNextRead(mode: JSONReadMode) throws {
        let reader = try S.reader([("a", .int32), ("s", .string)], mode: mode)
        let result = try reader.read(path: S.path("truncated.json"), displayPath: "t.json")
        #expect(S.rows(result) == [[.int(1), .string("x")], [.int(2), .string("y")]])
        #expect(result.badRecords.isEmpty)
        #expect(result.truncatedTailBytes == "{\"a\":3,\"s\":\"partial".utf8.count)
        #expect(result.bytesRead == 32)
    }

    @Test func completeLastLineWithoutNewlineIsARow() throws {
        let reader = try S.reader([("a", .int32)])
        let result = try S.read(reader, "{\"a\":1}\n{\"a\":2}")
        #expect(S.rows(result) == [[.int(1)], [.int(2)]])
        #expect(result.truncatedTailBytes == 0)
        let bad = try S.read(reader, "{\"a\":1}\n{\"a\":\"x\"}")
        #expect(bad.badRecords.count == 1)
    }

    @Test func nonObjectRecordsAreBad() throws {
        let reader = try S.reader([("a", .int32)])
        let result = try S.read(reader, "{\"a\":0}\n[1,2]\n5\n\"text\"\n{\"a\":1} trailing\n{\"a\":2}\n")
        #expect(result.badRecords.map(\.line) == [2, 3, 4, 5])
        #expect(S.rows(result).last == [.int(2)])
    }
}
