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
}
