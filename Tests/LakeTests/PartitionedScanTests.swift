import Columnar
import Formats
import Planner
import Testing
@testable import Lake

@Suite struct PartitionedScanTests {
    let schema = Schema([Field(name: "x", type: .int64)])

    func drain(_ source: any BatchSource) throws -> [Int64] {
        var out: [Int64] = []
        while let b = try source.next() {
            if case let .int(a) = b.columns[0].storage { out.append(contentsOf: a[0..<b.count]) }
        }
        return out
    }

    @Test(arguments: [2, 3])
    func partitionsReadEveryRowOnceFromLargeAndSmallFiles(_ parts: Int) throws {
        let root = temporaryFolder() + "/t"
        let format = ParquetDataFormat(options: ParquetWriterOptions(rowGroupSize: 50_000))
        let t = ManagedTable(root: root, schema: schema, format: format)
        let large = FileScan.splitRows + 7
        try t.append([ints((0..<large).map { Int64($0) })], operation: "INSERT")
        for k in 0..<3 { try t.append([ints([Int64(-1 - k)])], operation: "INSERT") }
        var all: [Int64] = []
        var perPartition: [Int] = []
        for p in 0..<parts {
            let rows = try drain(try t.scan(projection: [0], partition: p, of: parts))
            perPartition.append(rows.count)
            all += rows
        }
        #expect(all.sorted() == [-3, -2, -1] + (0..<large).map { Int64($0) })
        // The large file's row groups are shared out: no partition is left without rows.
        #expect(perPartition.allSatisfy { $0 >= 50_000 })
    }

    /// A newline-delimited file of `count` records `{"x": k, "pad": ...}` (k = 0..<count),
    /// with a blank line after record 10 and a bad record after record 1000.
    static func bigFile(count: Int) -> String {
        var text = ""
        for k in 0..<count {
            text += "{\"x\": \(k), \"pad\": \"\(String(repeating: "p", count: 40 + k % 7))\"}\n"
            if k == 10 { text += "\n" }
            if k == 1000 { text += "{\"x\": oops}\n" }
        }
        return text
    }

    /// (x, _line) of every row a scan of `table` gives, partition by partition.
    func xAndLines(_ table: JSONTable, parts: Int) throws -> [[[Int64]]] {
        try (0..<parts).map { p in
            let source = try table.scan(projection: [0, 2], partition: p, of: parts)
            var out: [[Int64]] = []
            while let b = try source.next() {
                guard case let .int(x) = b.columns[0].storage, case let .int(l) = b.columns[1].storage else { continue }
                for i in 0..<b.count { out.append([x[i], l[i]]) }
            }
            return out
        }
    }

    @Test(arguments: [2, 3])
    func aLargeNewlineDelimitedFileIsSplitBetweenPartitions(_ parts: Int) throws {
        let lake = temporaryFolder()
        try FileSystem.makeDirectory(lake + "/bronze/t")
        let count = 20_000
        let text = Self.bigFile(count: count)
        #expect(text.utf8.count > JSONTable.splitMinimum)
        try FileSystem.writeDurably(Array(text.utf8), to: lake + "/bronze/t/big.json")
        try FileSystem.writeDurably(Array("{\"x\": -1}\n".utf8), to: lake + "/bronze/t/small.json")
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        let whole = try xAndLines(table, parts: 1)[0]
        #expect(table.takeBadRecordCount() == 1)
        let split = try xAndLines(table, parts: parts)
        // Every partition read part of the big file; together they read every row once,
        // with the same line numbers as a whole read.
        #expect(split.allSatisfy { $0.count > count / (parts * 2) })
        let together = split.flatMap { $0 }
        // (the bad record is a row of NULLs)
        #expect(whole.count == count + 2 && together.count == whole.count)
        #expect(together.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) } == whole.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        // Record k is on line k + 1, one line later after the blank line and two after the bad record.
        #expect(whole.contains([5, 6]) && whole.contains([11, 13]) && whole.contains([1001, 1004]))
        #expect(table.takeBadRecordCount() == 1)
    }

    @Test func anArrayOfObjectsIsReadWhole() throws {
        let lake = temporaryFolder()
        try FileSystem.makeDirectory(lake + "/bronze/t")
        let records = (0..<20_000).map { "{\"x\": \($0), \"pad\": \"\(String(repeating: "q", count: 40))\"}" }
        try FileSystem.writeDurably(Array(("[\n" + records.joined(separator: ",\n") + "\n]\n").utf8), to: lake + "/bronze/t/array.json")
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        let split = try xAndLines(table, parts: 2)
        #expect(split.flatMap { $0 }.map { $0[0] }.sorted() == (0..<20_000).map { Int64($0) })
        #expect(split.filter { !$0.isEmpty }.count == 1)
        #expect(table.takeBadRecordCount() == 0)
    }

    @Test func aSplitReadKeepsTheIndexAWholeReadWould() throws {
        let lake = temporaryFolder()
        try FileSystem.makeDirectory(lake + "/bronze/t")
        let text = Self.bigFile(count: 20_000)
        let file = lake + "/bronze/t/big.json"
        try FileSystem.writeDurably(Array(text.utf8), to: file)
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        let noting = table.keeping(nil, of: 0)
        #expect(try xAndLines(noting, parts: 2).flatMap { $0 }.count == 20_001)
        // Both ranges were read: the file's key range is noted and its index kept.
        #expect(table.noted().range("x", "bronze/t/big.json", size: text.utf8.count) == 0...19_999)
        let info = try #require(FileSystem.info(file))
        let index = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "x", size: info.size, mtime: info.mtime))
        defer { index.release() }
        #expect(index.count == 20_000)
        // Each record's line and start, as a whole read would note them.
        let bytes = Array(text.utf8)
        for (key, line) in [(Int64(0), 1), (5, 6), (11, 13), (1001, 1004), (19_999, 20_002)] {
            let refs = index.lines(for: JSONKeyLookup([key]))
            #expect(refs.map(\.line) == [line])
            let start = try #require(refs.first?.start)
            #expect(bytes[start...].starts(with: Array("{\"x\": \(key),".utf8)))
        }
        // Later scans for a few keys read them through the index.
        let found = try xAndLines(table.keeping([7, 15_000], of: 0), parts: 2).flatMap { $0 }
        #expect(found.sorted { $0[0] < $1[0] } == [[7, 8], [15_000, 15_003]])
    }

    @Test func aScanGivenUpHalfwayDoesNotMixIntoALaterIndex() throws {
        let lake = temporaryFolder()
        try FileSystem.makeDirectory(lake + "/bronze/t")
        let file = lake + "/bronze/t/big.json"
        try FileSystem.writeDurably(Array(Self.bigFile(count: 20_000).utf8), to: file)
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        // Only the second range is read: the scan stops there.
        let second = try table.keeping(nil, of: 0).scan(projection: [0, 2], partition: 1, of: 2)
        while try second.next() != nil {}
        // The file grows (a new statement lists it afresh), then is read whole by two threads.
        var grown = Self.bigFile(count: 30_000)
        grown += "{\"x\": 77777}\n"
        try FileSystem.writeDurably(Array(grown.utf8), to: file)
        table.forgetListing()
        #expect(try xAndLines(table.keeping(nil, of: 0), parts: 2).flatMap { $0 }.count == 30_002)
        let info = try #require(FileSystem.info(file))
        let index = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "x", size: info.size, mtime: info.mtime))
        defer { index.release() }
        #expect(index.count == 30_001)
        #expect(index.lines(for: JSONKeyLookup([77777, 25_000])).map(\.line) == [25_003, 30_003])
    }
}
