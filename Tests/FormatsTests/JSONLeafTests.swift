import Columnar
import Formats
import Testing

/// Fields of STRUCT columns read directly (`fieldPaths`): the same values and the same bad
/// records as building the whole STRUCT and taking the fields out of it.
@Suite struct JSONLeafTests {
    typealias S = JSONTestSupport
    static let engine = DataType.struct([StructField(name: "kw", type: .int32), StructField(name: "fuel", type: .string)])
    static let car = DataType.struct([
        StructField(name: "make", type: .string), StructField(name: "year", type: .int32),
        StructField(name: "engine", type: engine), StructField(name: "price", type: .decimal(precision: 6, scale: 2)),
    ])
    static let schema = Schema([Field(name: "id", type: .int32), Field(name: "car", type: car), Field(name: "raw", type: .string)])

    func reader(_ projection: [Int], _ paths: [[Int]] = [], mode: JSONReadMode = .permissive, corrupt: String? = nil) throws -> JSONReader {
        try JSONReader(schema: Self.schema, projection: projection, fieldPaths: paths,
                       options: JSONReadOptions(mode: mode, corruptRecordColumn: corrupt, batchSize: 3))
    }

    /// Rows read by field paths, and rows read whole with the fields taken out of the STRUCT.
    func both(_ text: String, _ paths: [[Int]], mode: JSONReadMode = .permissive) throws -> (leaves: JSONReadResult, whole: JSONReadResult, expected: [[Value]]) {
        let leaves = try S.read(reader([0] + paths.map { _ in 1 }, [[]] + paths, mode: mode), text)
        let whole = try S.read(reader([0, 1], mode: mode), text)
        let expected = S.rows(whole).map { row in [row[0]] + paths.map { Self.field(row[1], $0) } }
        return (leaves, whole, expected)
    }

    static func field(_ v: Value, _ path: [Int]) -> Value {
        var v = v
        for i in path {
            guard case let .struct(values) = v else { return .null }
            v = values[i]
        }
        return v
    }

    static let records = """
    {"id":1,"car":{"make":"Audi","year":2019,"engine":{"kw":110,"fuel":"petrol"},"price":"12.5"}}
    {"id":2,"car":{"MAKE":"Ford","extra":[1,{"a":"}"}]}}
    {"id":3,"car":null}
    {"id":4}
    {"id":5,"car":{"make":"BMW","year":"old"}}
    {"id":6,"car":[1,2]}
    {"id":7,"car":{"make":"Kia","engine":null}}
    {"id":8,"car":{"make":"Kia","engine":"V8"}}
    {"id":9,"car":{"make":"Fiat","engine":{"kw":"lots"}}}
    {"id":10,"car":{"make":"Seat","price":12345.678}}
    {"id":11,"car":{"make":"Opel","make":"Mini","engine":{"kw":1},"engine":{"fuel":"ev"}}}
    {"id":12,"car":{"m\\u0061ke":"Tesla \\"S\\"","year":null}}
    {"id":13,"car":{"make":12,"year":2000}}
    {"id":14,"car":{"make":"VW",}}
    """

    @Test(arguments: [
        [[0]], [[0], [1]], [[2, 0]], [[2, 0], [0], [3]], [[2]], [[2], [2, 1]], [[3], [2, 1], [1]], [[0], [0]],
    ])
    func leavesMatchTheWholeStruct(_ paths: [[Int]]) throws {
        for mode in [JSONReadMode.permissive, .dropMalformed] {
            let (leaves, whole, expected) = try both(Self.records, paths, mode: mode)
            #expect(S.rows(leaves) == expected)
            #expect(leaves.badRecords.map(\.message) == whole.badRecords.map(\.message))
            #expect(leaves.badRecords.map(\.line) == whole.badRecords.map(\.line))
        }
    }

    @Test func unreadFieldsStillJudgeTheRecord() throws {
        let result = try S.read(reader([0, 1], [[], [0]]), Self.records)
        #expect(result.badRecords.map(\.line) == [5, 6, 8, 9, 10, 14])
        #expect(result.badRecords.map(\.message) == [
            "car.year: expected INTEGER, found \"old\"", "car: expected STRUCT, found [1,2]",
            "car.engine: expected STRUCT, found \"V8\"", "car.engine.kw: expected INTEGER, found \"lots\"",
            "car.price: value 12345.678 out of range for DECIMAL(6,2)", "car: malformed JSON: expected a key",
        ])
        let rows = S.rows(result)
        #expect(rows.count == 14)
        #expect(rows[1] == [.int(2), .string("Ford")])
        #expect(rows[2] == [.int(3), .null])
        #expect(rows[3] == [.int(4), .null])
        #expect(rows[4] == [.null, .null])
        #expect(rows[10] == [.int(11), .string("Mini")])
        #expect(rows[11] == [.int(12), .string("Tesla \"S\"")])
        #expect(rows[12] == [.int(13), .string("12")])
    }

    @Test func leavesAreFlatTypedColumns() throws {
        let result = try S.read(reader([1, 1, 1], [[0], [2, 0], [3]]), Self.records)
        let batch = try #require(result.batches.first)
        #expect(batch.columns.map(\.type) == [.string, .int32, .decimal(precision: 6, scale: 2)])
        guard case .string = batch.columns[0].storage else { Issue.record("make is not string storage"); return }
        guard case .int = batch.columns[1].storage else { Issue.record("kw is not integer storage"); return }
        #expect(batch.row(0) == [.string("Audi"), .int(110), .decimal(1250, scale: 2)])
    }

    @Test func failFastStopsAtAnUnreadBadField() throws {
        #expect(throws: (any Error).self) { try S.read(reader([0, 1], [[], [0]], mode: .failFast), Self.records) }
        let clean = try S.read(reader([1], [[0]], mode: .failFast), "{\"car\":{\"make\":\"A\",\"year\":1}}\n{\"id\":2}\n")
        #expect(S.rows(clean) == [[.string("A")], [.null]])
    }

    @Test func corruptRecordColumnGetsTheRawText() throws {
        let result = try S.read(reader([1, 2], [[0], []], corrupt: "raw"), "{\"car\":{\"make\":\"A\",\"year\":\"x\"}}\n")
        #expect(S.rows(result) == [[.null, .string("{\"car\":{\"make\":\"A\",\"year\":\"x\"}}")]])
    }

    @Test func pathsOutsideStructsAreRejected() throws {
        #expect(throws: (any Error).self) { try reader([0], [[0]]) }
        #expect(throws: (any Error).self) { try reader([1], [[7]]) }
        #expect(throws: (any Error).self) { try reader([1], [[0, 1]]) }
    }
}

extension JSONLeafTests {
    /// Records cut short or odd inside the STRUCT: the same outcome either way.
    @Test(arguments: [
        "{\"id\":1,\"car\":{\"make\":\"A\"", "{\"id\":1,\"car\":{", "{\"id\":1,\"car\":", "{\"id\":1,\"car\":{\"make\":\"A\"}",
        "{\"id\":1,\"car\":{\"make\":\"A\"},\"car\":{\"year\":\"x\"}}", "{\"id\":1,\"car\":{\"year\":\"x\"},\"car\":{\"make\":\"B\"}}",
        "{\"id\":1,\"car\":{\"make\":\"A\" \"year\":1}}", "{\"id\":1,\"car\":{\"make\":\"A\\u00e9\\\"\",\"engine\":{\"fuel\":\"\\t\"}}}",
        "{\"id\":1,\"car\":{\"make\":\"A\\x\"}}", "{\"id\":1,\"car\":{\"engine\":{\"kw\":1}}} x", "{\"id\":1,\"car\":nul}",
    ])
    func cutAndOddRecords(_ record: String) throws {
        for text in [record, record + "\n", record + "\n{\"id\":2}\n"] {
            let (leaves, whole, expected) = try both(text, [[0], [2, 1]])
            #expect(S.rows(leaves) == expected)
            #expect(leaves.badRecords.map(\.message) == whole.badRecords.map(\.message))
            #expect(leaves.truncatedTailBytes == whole.truncatedTailBytes)
        }
    }
}

extension JSONLeafTests {
    /// Repeated STRUCT texts (staged once, then restored from the cache) read as the first copy.
    @Test func repeatedStructsReadTheSame() throws {
        let cars = [
            "{\"make\":\"Audi\",\"year\":2019,\"engine\":{\"kw\":110,\"fuel\":\"petrol\"},\"price\":12.5}",
            "{\"make\":\"Kia\",\"year\":null}", "{\"make\":\"A\\\"B\",\"year\":1}", "{\"make\":\"BMW\",\"year\":\"old\"}",
            "{\"MAKE\":\"Ford\",\"engine\":null}", "{}", "{\"make\":\"VW\",\"year\":2020,\"price\":\"9.99\"}",
        ]
        var lines: [String] = []
        for n in 0..<6000 { lines.append("{\"id\":\(n),\"pad\":\"\(String(repeating: "x", count: n % 7))\",\"car\":\(cars[(n * 7 + n / 3) % cars.count])}") }
        let text = lines.joined(separator: "\n")
        for paths in [[[0]], [[0], [1], [3]], [[2, 1], [0]]] {
            let (leaves, whole, expected) = try both(text, paths)
            #expect(S.rows(leaves) == expected)
            #expect(leaves.badRecords.map(\.line) == whole.badRecords.map(\.line))
        }
    }
}
