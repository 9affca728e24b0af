import Columnar
import Diagnostics
import Formats
import Foundation
import Testing
@testable import Lake

/// Key indexes of bronze files: a key-filtered scan that reads a file whole keeps an index
/// of where each key's record starts; later scans read only the indexed lines. An index that
/// no longer matches its file, or is damaged, is ignored.
@Suite struct KeyIndexTests {
    let schema = Schema([Field(name: "id", type: .int64), Field(name: "v", type: .string)])

    func rows(_ table: JSONTable, projection: [Int] = [0, 1]) throws -> [String] {
        let source = try table.scan(projection: projection)
        var out: [String] = []
        while let b = try source.next() {
            for i in 0..<b.count {
                out.append(b.row(i).map { v -> String in
                    switch v {
                    case let .int(x): return String(x)
                    case let .string(x): return x
                    default: return "\(v)"
                    }
                }.joined(separator: " "))
            }
        }
        return out.sorted()
    }

    func makeLake() throws -> String {
        let lake = NSTemporaryDirectory() + "lakesql-keyindex-\(UInt64.random(in: 0...UInt64.max))"
        try FileSystem.makeDirectory(lake + "/bronze/t")
        // Keys out of order, a repeated key, a NULL key, a bad record and a blank line.
        let text = "{\"id\": 5, \"v\": \"e\"}\n{\"id\": 1, \"v\": \"a\"}\n\n{\"id\": 5, \"v\": \"e2\"}\n{\"id\": null, \"v\": \"n\"}\n{\"id\": 3, \"v\": \"c\"\n{\"id\": 2, \"v\": \"b\"}\n"
        try FileSystem.writeDurably(Array(text.utf8), to: lake + "/bronze/t/a.json")
        return lake
    }

    @Test func aWholeReadLeavesAnIndexAndLaterReadsUseIt() throws {
        let lake = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        let file = lake + "/bronze/t/a.json"
        // Noting only (no keys): every record is read, and the index kept.
        #expect(try rows(table.keeping(nil, of: 0)).count == 6)
        let info = try #require(FileSystem.info(file))
        let index = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime))
        defer { index.release() }
        #expect(index.range == 1...5)
        #expect(index.lines(for: JSONKeyLookup([5])).map(\.line) == [1, 4])
        #expect(index.lines(for: JSONKeyLookup([2, 1, 9])).map(\.line) == [2, 7])
        #expect(index.lines(for: JSONKeyLookup([4])).isEmpty)
        #expect(index.lines(for: JSONKeyLookup([100, 200])).isEmpty)
        // Asked for keys outside its range, an index answers from its header: the range,
        // no lines; asked for keys inside it, the lines.
        let outside = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime, for: JSONKeyLookup([100])))
        #expect(outside.range == 1...5 && outside.count == 0)
        outside.release()
        let inside = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime, for: JSONKeyLookup([2])))
        #expect(inside.lines(for: JSONKeyLookup([2])).map(\.line) == [7])
        inside.release()

        // A scan for keys reads only their lines, with their line numbers.
        let keyed = table.keeping([5, 2], of: 0)
        let got = try rows(keyed)
        #expect(got == ["2 b", "5 e", "5 e2"], "\(got)")
        #expect(try rows(keyed, projection: [0, 3]) == ["2 7", "5 1", "5 4"])
        // The index is used: with the data file's lines swapped behind its back (same size
        // and time), the lines it names are read.
        let swapped = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\"b\"", with: "\"B\"")
        try FileSystem.writeDurably(Array(swapped.utf8), to: file)
        var times = [timespec(tv_sec: info.mtime / 1_000_000_000, tv_nsec: info.mtime % 1_000_000_000),
                     timespec(tv_sec: info.mtime / 1_000_000_000, tv_nsec: info.mtime % 1_000_000_000)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        #expect(try rows(table.keeping([2], of: 0)) == ["2 B"])
    }

    @Test func aMovedLakeKeepsItsIndexes() throws {
        let lake = try makeLake()
        let moved = lake + "-moved"
        defer {
            try? FileManager.default.removeItem(atPath: lake)
            try? FileManager.default.removeItem(atPath: moved)
        }
        _ = try rows(JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions()).keeping(nil, of: 0))
        #expect(rename(lake, moved) == 0)
        let file = moved + "/bronze/t/a.json"
        let info = try #require(FileSystem.info(file))
        let index = try #require(JSONKeyIndex.load(lake: moved, file: file, column: "id", size: info.size, mtime: info.mtime))
        #expect(index.lines(for: JSONKeyLookup([2])).map(\.line) == [7])
        index.release()
        // Another column of the same name once folded for the folder has its own index.
        #expect(JSONKeyIndex.path(lake: moved, file: file, column: "id") != JSONKeyIndex.path(lake: moved, file: file, column: "i d"))
        let table = JSONTable(schema: schema, lake: moved, location: "bronze/t", options: JSONReadOptions())
        #expect(try rows(table.keeping([2], of: 0)) == ["2 b"])
    }

    @Test func aStaleOrDamagedIndexIsIgnored() throws {
        let lake = try makeLake()
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let table = JSONTable(schema: schema, lake: lake, location: "bronze/t", options: JSONReadOptions())
        let file = lake + "/bronze/t/a.json"
        _ = try rows(table.keeping(nil, of: 0))
        let info = try #require(FileSystem.info(file))
        #expect(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size + 1, mtime: info.mtime) == nil)
        #expect(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime + 1) == nil)
        #expect(JSONKeyIndex.load(lake: lake, file: file + "x", column: "id", size: info.size, mtime: info.mtime) == nil)

        // One flipped byte in the index: rejected, and the file is read whole again.
        let at = JSONKeyIndex.path(lake: lake, file: file, column: "id")
        var bytes = try FileSystem.read(at)
        bytes[bytes.count - 3] ^= 0x40
        try FileSystem.writeDurably(bytes, to: at)
        #expect(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime) == nil)
        // (read whole, the bad record comes as a row of NULLs, as the filter leaves records
        // whose key cannot be read to the bad-record mode)
        #expect(try rows(table.keeping([1, 5], of: 0)) == ["1 a", "5 e", "5 e2", "null null"])
        // ... which wrote a good index again.
        let again = JSONKeyIndex.load(lake: lake, file: file, column: "id", size: info.size, mtime: info.mtime)
        #expect(again?.range == 1...5)
        again?.release()

        // A file that grew: its old index does not match; the new record is found.
        try FileSystem.writeDurably(Array((try String(contentsOfFile: file, encoding: .utf8) + "{\"id\": 9, \"v\": \"i\"}\n").utf8), to: file)
        #expect(try rows(table.keeping([9], of: 0)) == ["9 i", "null null"])
    }

    /// Offsets saved and loaded back: the lines each key names.
    func roundTrip(_ offsets: JSONKeyOffsets, _ keys: Set<Int64>) throws -> [JSONLineRef] {
        let lake = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: lake) }
        let file = lake + "/bronze/t/a.json"
        JSONKeyIndex.save(offsets, lake: lake, file: file, column: "id", size: 1 << 40, mtime: 7)
        let index = try #require(JSONKeyIndex.load(lake: lake, file: file, column: "id", size: 1 << 40, mtime: 7))
        defer { index.release() }
        return index.lines(for: JSONKeyLookup(keys))
    }

    @Test func keysAndStartsTooWideForFourBytesAreKeptWhole() throws {
        var offsets = JSONKeyOffsets()
        // Keys 2^40 apart and starts past 4 GiB; lines 1, 2, then 10 (blank lines between).
        let keys: [Int64] = [-(1 << 40), 5, 1 << 40]
        let starts = [0, 5_000_000_000, 6_000_000_000]
        offsets.keys = keys
        offsets.starts = starts
        offsets.lines = [1, 2, 10]
        let refs = try roundTrip(offsets, [5, 1 << 40, -(1 << 40)])
        #expect(refs.map(\.start) == starts)
        #expect(refs.map(\.line) == [1, 2, 10])
        #expect(refs.map(\.end) == [5_000_000_000, 6_000_000_000, nil])
    }

    @Test func lineNumbersFollowBlankLinesAndBadRecords() throws {
        var offsets = JSONKeyOffsets()
        // Records on lines 1-3, 5-6 (a blank line before), 9 (two bad records before), 10.
        let lines = [1, 2, 3, 5, 6, 9, 10]
        offsets.keys = (100..<107).map { Int64($0) }
        offsets.starts = (0..<7).map { $0 * 50 }
        offsets.lines = lines
        #expect(try roundTrip(offsets, Set((100..<107).map { Int64($0) })).map(\.line) == lines)
        #expect(try roundTrip(offsets, [104, 106]).map(\.line) == [6, 10])
        #expect(try roundTrip(offsets, [100]).map(\.line) == [1])
    }

    @Test func aFewKeysOfAscendingRecordsAreFoundByBinarySearch() throws {
        // 3,000 records with ascending keys, each key on three records in a row.
        var offsets = JSONKeyOffsets()
        offsets.keys = (0..<3000).map { Int64($0 / 3) * 10 }
        offsets.starts = (0..<3000).map { $0 * 40 }
        offsets.lines = (0..<3000).map { $0 + 1 }
        // Few wanted keys (one absent, one below and one above the range): every record of each.
        let refs = try roundTrip(offsets, [-5, 10, 5000, 5001, 9990, 20_000])
        #expect(refs.map(\.line) == [4, 5, 6, 1501, 1502, 1503, 2998, 2999, 3000])
        #expect(refs.map(\.start) == [120, 160, 200, 60_000, 60_040, 60_080, 119_880, 119_920, 119_960])
        // Many wanted keys: the keys are scanned instead, with the same answer.
        let many = Set((0..<1000).map { Int64($0) * 10 })
        #expect(try roundTrip(offsets, many).map(\.line) == (1...3000).map { $0 })
    }
}
