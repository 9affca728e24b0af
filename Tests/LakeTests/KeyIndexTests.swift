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
}
