import Columnar
import Diagnostics
import Formats
import Testing

@Suite struct JSONReaderTests {
    typealias S = JSONTestSupport

    static let expectedClean: [[Value]] = [
        [.int(1), .string("VIN0001"), .struct([.string("Toyota"), .string("Corolla"), .int(2018)]), .int(52000), .string("petrol"), .decimal(1_250_050, scale: 2), .int(7), S.ts("2024-03-01 10:00:00")],
        [.int(2), .string("VIN0002"), .struct([.string("Ford"), .string("Focus"), .int(2015)]), .int(98000), .string("diesel"), .decimal(799_900, scale: 2), .int(7), S.ts("2024-03-01 11:30:15.25")],
        [.int(3), .string("VIN0003"), .struct([.string("BMW"), .string("X3"), .int(2021)]), .int(15000), .string("hybrid"), .decimal(3_890_099, scale: 2), .int(12), S.ts("2024-03-02 06:00:00")],
        [.int(4), .string("VIN0004"), .struct([.string("Renault"), .string("Zoe"), .int(2020)]), .int(30000), .string("electric"), .decimal(1_500_000, scale: 2), .int(3), S.ts("2024-03-03")],
        [.int(5), .string("VIN0005"), .struct([.string("Honda"), .string("Civic"), .int(2012)]), .int(150_000), .string("lpg"), .decimal(420_050, scale: 2), .int(12), .timestamp(1_709_460_000_000_000)],
    ]

    @Test(arguments: ["clean.ndjson", "clean.json.gz"])
    func cleanFileReadsEveryColumn(name: String) throws {
        let reader = try S.reader(S.listingFields)
        let result = try reader.read(path: S.path(name), displayPath: name)
        #expect(S.rows(result) == Self.expectedClean)
        #expect(result.badRecords.isEmpty)
        #expect(result.rowsRead == 5)
        #expect(result.truncatedTailBytes == 0)
        #expect(result.bytesRead == 914)
    }

    @Test func projectionAndMetadataColumns() throws {
        let schema = Schema(S.listingFields.map { Field(name: $0.0, type: $0.1) })
        let reader = try JSONReader(schema: schema, projection: [5, 1], includeFile: true, includeLine: true)
        #expect(reader.outputTypes == [.decimal(precision: 10, scale: 2), .string, .string, .int64])
        let result = try reader.read(path: S.path("clean.ndjson"), displayPath: "bronze/clean.ndjson")
        let rows = S.rows(result)
        #expect(rows.count == 5)
        #expect(rows[0] == [.decimal(1_250_050, scale: 2), .string("VIN0001"), .string("bronze/clean.ndjson"), .int(1)])
        #expect(rows[4] == [.decimal(420_050, scale: 2), .string("VIN0005"), .string("bronze/clean.ndjson"), .int(5)])
        let lineOnly = try JSONReader(schema: schema, projection: [], includeLine: true)
        let counted = try lineOnly.read(path: S.path("clean.ndjson"), displayPath: "x")
        #expect(S.rows(counted).map { $0 } == (1...5).map { [.int(Int64($0))] })
    }

    @Test func keyFilterKeepsOnlyMatchingRecords() throws {
        let schema = Schema([Field(name: "id", type: .int64), Field(name: "s", type: .string)])
        var options = JSONReadOptions()
        options.keyFilter = JSONKeyFilter(column: "id", keys: [2, 4])
        let reader = try JSONReader(schema: schema, projection: [1, 0], includeLine: true, options: options)
        let text = """
        {"id": 1, "s": "a"}
        {"s": "b", "id": 2}
        {"id": null, "s": "c"}
        {"id": "4", "s": "d"}
        {"id": "x", "s": "e"}
        {"id": 5, "s": {"deep": [1]}}
        """
        let result = try S.read(reader, text)
        // A key that cannot be read is read as usual: a bad record, here a row of NULLs.
        #expect(S.rows(result) == [[.string("b"), .int(2), .int(2)], [.string("d"), .int(4), .int(4)], [.null, .null, .int(5)]])
        #expect(result.badRecords.map(\.line) == [5])
        #expect(result.rowsRead == 6)
        #expect(result.keyRange == 1...5)
        // Without keys every record is kept, and the key range is still noted.
        options.keyFilter = JSONKeyFilter(column: "id", keys: nil)
        let all = try S.read(try JSONReader(schema: schema, projection: [0], options: options), text)
        #expect(all.rowCount == 6)
        #expect(all.keyRange == 1...5)
        // Keys far apart (no bitmap).
        options.keyFilter = JSONKeyFilter(column: "id", keys: [Int64.min, 4, Int64.max])
        let far = try S.read(try JSONReader(schema: schema, projection: [0], options: options), text)
        #expect(S.rows(far) == [[.int(4)], [.null]])
    }

    @Test func smallBatches() throws {
        let reader = try S.reader(S.listingFields, batchSize: 2)
        let result = try reader.read(path: S.path("clean.ndjson"), displayPath: "c")
        #expect(result.batches.map(\.count) == [2, 2, 1])
        #expect(S.rows(result) == Self.expectedClean)
    }

    @Test func caseInsensitiveKeysLastWins() throws {
        let reader = try S.reader([("a", .int32), ("s", .string)])
        let rows = S.rows(try reader.read(path: S.path("case.json"), displayPath: "case.json"))
        #expect(rows == [[.int(1), .string("upper")], [.int(2), .string("lower")], [.int(4), .string("dup")]])
    }

    @Test func escapesAndUnicode() throws {
        let reader = try S.reader([("s", .string), ("a", .int32), ("sa", .string)], line: true)
        let result = try reader.read(path: S.path("escapes.json"), displayPath: "escapes.json")
        let rows = S.rows(result)
        #expect(rows.count == 6)
        #expect(rows[0][0] == .string("quote \" backslash \\ slash / tab \t nl \n"))
        #expect(rows[1][0] == .string("café 😀 €"))
        #expect(rows[2][0] == .string("raw ütf-8 ✓"))
        #expect(rows[3] == [.null, .null, .null, .int(4)])
        #expect(rows[4] == [.null, .int(7), .string("escaped key"), .int(5)])
        #expect(rows[5][0] == .string("lone \u{FFFD} surrogate"))
        #expect(result.badRecords.map(\.line) == [4])
        #expect(result.badRecords.first?.message.hasPrefix("s: invalid escape") == true)
    }

    @Test func missingFileIsAnIOError() throws {
        let reader = try S.reader([("a", .int32)])
        #expect {
            _ = try reader.read(path: S.path("no-such-file.json"), displayPath: "no-such-file.json")
        } throws: { ($0 as? SQLError)?.kind == .io }
    }

    @Test func corruptColumnMustBeADeclaredString() {
        #expect(throws: SQLError.self) { _ = try S.reader([("a", .int32)], corrupt: "_corrupt_record") }
        #expect(throws: SQLError.self) { _ = try S.reader([("a", .int32)], corrupt: "a") }
    }

    @Test func emptyInputGivesNoRows() throws {
        let reader = try S.reader([("a", .int32)])
        let result = try S.read(reader, "")
        #expect(result.rowCount == 0)
        #expect(try S.read(reader, "\n\n  \n").rowCount == 0)
    }
}
