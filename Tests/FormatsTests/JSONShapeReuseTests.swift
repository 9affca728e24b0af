import Columnar
import Formats
import Testing

/// A scan reuses what earlier records taught it (key order, STRUCT shapes, column buffers).
/// Each file here is read whole and, as the oracle, one record at a time (a fresh read
/// of one line has nothing to reuse): rows, NULLs and bad records must be the same.
@Suite struct JSONShapeReuseTests {
    typealias S = JSONTestSupport
    static let car = DataType.struct([
        StructField(name: "make", type: .string), StructField(name: "model", type: .string),
        StructField(name: "year", type: .int32), StructField(name: "body", type: .string),
    ])
    static let schema = Schema([
        Field(name: "id", type: .int64), Field(name: "vin", type: .string), Field(name: "car", type: car),
        Field(name: "fuel", type: .string), Field(name: "price", type: .decimal(precision: 8, scale: 2)),
        Field(name: "at", type: .timestamp), Field(name: "notes", type: .string), Field(name: "_corrupt_record", type: .string),
    ])

    /// Reads id, car.make, car.model, fuel, price, at and the corrupt-record column.
    static func reader(batchSize: Int) throws -> JSONReader {
        try JSONReader(schema: schema, projection: [0, 2, 2, 3, 4, 5, 7], fieldPaths: [[], [0], [1], [], [], [], []],
                       options: JSONReadOptions(mode: .permissive, corruptRecordColumn: "_corrupt_record", batchSize: batchSize))
    }

    static let lines: [String] = [
        #"{"id":1,"vin":"V1","car":{"make":"Audi","model":"A1","year":2019,"body":"hatch"},"fuel":"petrol","price":100.50,"at":"2024-01-01T08:00:00Z"}"#,
        #"{"id":2,"vin":"V2","car":{"make":"Kia","model":"Rio","year":2020,"body":"hatch"},"fuel":"diesel","price":99,"at":"2024-01-01T09:00:00Z"}"#,
        // Escapes in skipped and read strings, backslash runs before quotes.
        #"{"id":3,"vin":"V\\\"3\\\\","car":{"make":"B\u00e9\"M\\W","model":"X\\","year":2021,"body":"s\"u\\v"},"fuel":"ev\\","price":1.5,"at":"2024-01-02T00:00:00Z"}"#,
        // Keys in another order, a key with an escape, blanks around colons.
        #"{"fuel" : "lpg", "car":{"model":"Up","make":"VW","body":"city","year":2015},"i\u0064":4,"price": 5.25 ,"at":"2024-01-02T01:00:00Z"}"#,
        // Upper-case keys, an unknown key inside the STRUCT, nulls.
        #"{"ID":5,"VIN":null,"CAR":{"MAKE":"Seat","colour":{"a":[1,"}"]},"model":null,"year":null},"fuel":null,"price":null,"at":null}"#,
        // A bad checked field of the STRUCT makes the record bad.
        #"{"id":6,"vin":"V6","car":{"make":"Fiat","model":"500","year":"old","body":"hatch"},"fuel":"petrol","price":1,"at":"2024-01-03T00:00:00Z"}"#,
        // Duplicate keys: the last one wins, at top level and in the STRUCT.
        #"{"id":7,"vin":"V7","car":{"make":"Opel","model":"Corsa","year":2018,"body":"hatch","make":"Mini"},"fuel":"petrol","price":2,"price":3,"at":"2024-01-03T00:00:01Z"}"#,
        // Same shape as the first records again, a bad decimal, then a malformed record.
        #"{"id":8,"vin":"V8","car":{"make":"Audi","model":"A3","year":2017,"body":"saloon"},"fuel":"petrol","price":"12,5","at":"2024-01-04T00:00:00Z"}"#,
        #"{"id":9,"vin":"V9","car":{"make":"Audi","model":"A3","year":2017,"body":"saloon"},"fuel":"petrol","price":7.00,"at":"2024-01-04T00:00:00Z""#,
        #"{"id":10,"vin":"V10","car":{"make":"Audi","model":"A4","year":2016,"body":"estate"},"fuel":"diesel","price":123456.78,"at":"2024-01-05T00:00:00Z","notes":"x"}"#,
        // Numbers with exponents and signs, a car that is not an object, an empty car.
        #"{"id":11,"vin":"V11","car":[1,2],"fuel":"petrol","price":1e2,"at":1704067200}"#,
        #"{"id":12,"vin":"V12","car":{},"fuel":"petrol","price":-0.5,"at":"2024-01-06T00:00:00Z"}"#,
        #"{"id":13,"vin":"V13","car":{"make":"Audi","model":"A4","year":2016,"body":"estate"},"fuel":"diesel","price":123456789.00,"at":"2024-01-05T00:00:00Z"}"#,
        #"{"id":14,"vin":"V14","car":{"make":"Audi","model":"A4","year":99999999999,"body":"estate"},"fuel":"diesel","price":1,"at":"2024-01-05T00:00:00Z"}"#,
        #"{"id":15,"vin":"V15","car":{"make":"Audi","model":"A4","year":2016,"body":"estate"},"fuel":"diesel","price":1,"at":"2024-01-05T00:00:00Z"}"#,
    ]

    /// Each line read alone by a new reader (whose caches are empty too).
    static func oracle(_ lines: [String]) throws -> (rows: [[Value]], bad: [String]) {
        var rows: [[Value]] = []
        var bad: [String] = []
        for line in lines {
            let r = try S.read(reader(batchSize: 8192), line + "\n")
            rows += S.rows(r)
            bad += r.badRecords.map(\.message)
        }
        return (rows, bad)
    }

    @Test(arguments: [1, 2, 3, 8192])
    func wholeFileMatchesRecordByRecord(batchSize: Int) throws {
        let reader = try Self.reader(batchSize: batchSize)
        // Twice over, so every record also follows records of its own shape.
        let lines = Self.lines + Self.lines
        let whole = try S.read(reader, lines.joined(separator: "\n") + "\n")
        let expected = try Self.oracle(lines)
        #expect(S.rows(whole) == expected.rows)
        #expect(whole.badRecords.map(\.message) == expected.bad)
        #expect(S.rows(whole).count == lines.count)
    }

    @Test func spotValues() throws {
        let rows = S.rows(try S.read(Self.reader(batchSize: 4), Self.lines.joined(separator: "\n")))
        #expect(rows[2][1] == .string("Bé\"M\\W"))
        #expect(rows[2][2] == .string("X\\"))
        #expect(rows[2][3] == .string("ev\\"))
        #expect(rows[3][0] == .int(4))
        #expect(rows[3][1] == .string("VW"))
        #expect(rows[4][0] == .int(5))
        #expect(rows[4][2] == .null)
        #expect(rows[5][0] == .null) // "year":"old": a bad record
        #expect(rows[6][1] == .string("Mini"))
        #expect(rows[6][4] == .decimal(300, scale: 2))
        #expect(rows[9][4] == .decimal(12_345_678, scale: 2))
    }

    /// Unread values that only a careful skip gets right: quotes after backslash runs,
    /// brackets inside strings, long digit runs next to every kind of byte.
    @Test(arguments: [#"\\"#, #"\""#, #"\\\\"#, #"\\\""#, #"a\\\"b\\"#, "}]{[", "\u{00FA}\u{00FF}"])
    func skippedStrings(_ inner: String) throws {
        let reader = try S.reader([("a", .string), ("b", .int64)])
        let text = #"{"skip":"\#(inner)","n":[{"x":"\#(inner)"},1234567890123,-1.5e+10],"b":7}"# + "\n" + #"{"b":8,"skip":"\#(inner)"}"#
        let result = try S.read(reader, text)
        #expect(result.badRecords.isEmpty)
        #expect(S.rows(result) == [[.null, .int(7)], [.null, .int(8)]])
    }
}
