import Columnar
import Formats
import Testing

/// Repeated nested values are built once per scan (see `JSONNestedCache`); the rows must
/// be exactly what parsing every record gives, whether the cache stays on or gives up.
@Suite struct JSONNestedCacheTests {
    typealias S = JSONTestSupport
    static let fields: [(String, DataType)] = [
        ("id", .int32),
        ("car", .struct([StructField(name: "make", type: .string), StructField(name: "year", type: .int32)])),
    ]
    static let makes = ["Audi", "Fiat", "Ford", "Kia"]

    static func car(_ i: Int, distinct: Bool) -> (text: String, value: Value) {
        let make = makes[i % makes.count]
        let year = distinct ? 1000 + i : 2000 + i % 3
        return ("{\"make\":\"\(make)\",\"year\":\(year)}", .struct([.string(make), .int(Int64(year))]))
    }

    /// Rows `0..<count`: repeated cars, or distinct ones for `distinctBelow` first rows.
    static func check(count: Int, distinctBelow: Int) throws {
        var text = ""
        var expected: [[Value]] = []
        for i in 0..<count {
            let c = car(i, distinct: i < distinctBelow)
            text += "{\"id\":\(i),\"car\":\(c.text)}\n"
            expected.append([.int(Int64(i)), c.value])
        }
        let result = try S.read(try S.reader(fields), text)
        #expect(S.rows(result) == expected)
        #expect(result.badRecords.isEmpty)
    }

    @Test(arguments: [(5_000, 0), (5_000, 3_000), (5_000, 5_000), (20_000, 100)])
    func rowsEqualParsedValues(_ count: Int, _ distinctBelow: Int) throws {
        try Self.check(count: count, distinctBelow: distinctBelow)
    }

    @Test func repeatedBadValuesAreReportedEachTime() throws {
        var text = ""
        for i in 0..<10 { text += i % 2 == 0 ? "{\"id\":\(i),\"car\":{\"make\":\"Kia\",\"year\":\"old\"}}\n" : "{\"id\":\(i),\"car\":{\"make\":\"Kia\",\"year\":1}}\n" }
        let result = try S.read(try S.reader(Self.fields), text)
        #expect(result.badRecords.count == 5)
        #expect(S.rows(result).filter { $0[1] == .struct([.string("Kia"), .int(1)]) }.count == 5)
    }
}
