import Columnar
import Diagnostics
import Formats
import Foundation
import Testing
@testable import Lake

/// A bronze scan told a few keys reads only matching records, notes each file's key range,
/// and skips files whose noted range holds none of the keys.
@Suite struct KeyRangeTests {
    func ids(_ table: JSONTable) throws -> [Int64] {
        let source = try table.scan(projection: [0])
        var out: [Int64] = []
        while let b = try source.next() {
            for i in 0..<b.count { if case let .int(v) = b.columns[0].value(at: i) { out.append(v) } }
        }
        return out.sorted()
    }

    @Test func filesOutsideANotedRangeAreSkipped() throws {
        let lake = NSTemporaryDirectory() + "lakesql-keyranges-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: lake) }
        try FileSystem.makeDirectory(lake + "/bronze/t")
        try FileSystem.writeDurably(Array("{\"id\": 1}\n{\"id\": 2}\n".utf8), to: lake + "/bronze/t/a.json")
        try FileSystem.writeDurably(Array("{\"id\": 10}\n{\"id\": 12}\n".utf8), to: lake + "/bronze/t/b.json")
        let table = JSONTable(schema: Schema([Field(name: "id", type: .int64)]), lake: lake, location: "bronze/t", options: JSONReadOptions())

        // Only the matching records; both files read, their ranges noted.
        #expect(try ids(table.keeping([2, 12], of: 0)) == [2, 12])
        let noted = table.noted()
        #expect(noted.range("id", "bronze/t/a.json", size: 20) == 1...2)
        #expect(noted.range("id", "bronze/t/b.json", size: 22) == 10...12)
        // A range for another size (the file changed) is not trusted.
        #expect(noted.range("id", "bronze/t/a.json", size: 21) == nil)

        // With ranges that say b.json holds only 20...30, its 12 is not read.
        var ranges = FileKeyRanges()
        ranges.note("id", "bronze/t/a.json", size: 20, 1...2)
        ranges.note("id", "bronze/t/b.json", size: 22, 20...30)
        #expect(try ids(table.keeping([2, 12], of: 0, ranges: ranges)) == [2])
        // Without keys (only noting), every record is kept and no file skipped.
        #expect(try ids(table.keeping(nil, of: 0, ranges: ranges)) == [1, 2, 10, 12])
    }
}
