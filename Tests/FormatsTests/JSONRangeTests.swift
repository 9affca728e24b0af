import Columnar
import Formats
import Foundation
import Testing

@Suite struct JSONRangeTests {
    typealias S = JSONTestSupport

    static let text = "{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":\"x\"}\n{\"a\":4}\n{\"a\":5}"

    /// Rows and bad-record lines of the given ranges of `text`, in order.
    static func read(_ ranges: [Range<Int>]) throws -> (rows: [[Value]], bad: [Int], tail: Int) {
        let reader = try S.reader([("a", .int32)], line: true)
        let bytes = Array(text.utf8)
        var rows: [[Value]] = [], bad: [Int] = [], tail = 0
        for r in ranges {
            let result = try bytes.withUnsafeBytes { try reader.read(bytes: $0, displayPath: "r.json", range: r) }
            rows += S.rows(result)
            bad += result.badRecords.map(\.line)
            tail += result.truncatedTailBytes
        }
        return (rows, bad, tail)
    }

    static let expectedRows: [[Value]] = [[.int(1), .int(1)], [.int(2), .int(3)], [.null, .int(4)], [.int(4), .int(5)], [.int(5), .int(6)]]

    @Test func everyTwoWaySplitReadsEachRecordOnce() throws {
        let n = Self.text.utf8.count
        for k in 0...n {
            let got = try Self.read([0..<k, k..<n])
            #expect(got.rows == Self.expectedRows, "split at \(k)")
            #expect(got.bad == [4], "split at \(k)")
        }
    }

    @Test func threeWaySplitsAndHelper() throws {
        let n = Self.text.utf8.count
        for parts in 1...6 {
            let ranges = JSONReader.byteRanges(size: n, parts: parts)
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == n)
            #expect(try Self.read(ranges).rows == Self.expectedRows)
        }
        for a in stride(from: 0, through: n, by: 3) {
            for b in stride(from: a, through: n, by: 5) {
                #expect(try Self.read([0..<a, a..<b, b..<n]).rows == Self.expectedRows, "splits \(a) \(b)")
            }
        }
    }

    @Test func badRecordLinesAreAbsoluteWithoutLineColumn() throws {
        let reader = try S.reader([("a", .int32)])
        let bytes = Array(Self.text.utf8)
        let start = 18 // the start of line 4
        let result = try bytes.withUnsafeBytes { try reader.read(bytes: $0, displayPath: "r.json", range: start..<bytes.count) }
        #expect(result.badRecords.map(\.line) == [4])
        #expect(result.rowCount == 3)
    }

    @Test func truncatedTailOnlyInTheLastRange() throws {
        let text = "{\"a\":1}\n{\"a\":2}\n{\"a\":"
        let reader = try S.reader([("a", .int32)])
        let bytes = Array(text.utf8)
        let first = try bytes.withUnsafeBytes { try reader.read(bytes: $0, displayPath: "t", range: 0..<9) }
        let second = try bytes.withUnsafeBytes { try reader.read(bytes: $0, displayPath: "t", range: 9..<bytes.count) }
        #expect(first.rowCount == 2)
        #expect(first.truncatedTailBytes == 0)
        #expect(second.rowCount == 0)
        #expect(second.truncatedTailBytes == 5)
    }

    @Test func fileRangesFromDisk() throws {
        let reader = try S.reader(JSONTestSupport.listingFields, line: true)
        let path = S.path("clean.ndjson")
        var lines: [Value] = []
        for r in JSONReader.byteRanges(size: 914, parts: 3) {
            let result = try reader.read(path: path, displayPath: "clean", range: r)
            lines += S.rows(result).map { $0[8] }
        }
        #expect(lines == (1...5).map { Value.int(Int64($0)) })
    }

    /// Whether a file of `text` may be split into byte ranges.
    static func lineDelimited(_ text: String) throws -> Bool {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lakesql-shape-\(UInt64.random(in: 0...UInt64.max)).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return JSONReader.isLineDelimited(path: path)
    }

    @Test func onlyFilesOfOneObjectALineAreSplit() throws {
        #expect(try Self.lineDelimited("{\"a\": 1}\n{\"a\": 2}\n"))
        #expect(try Self.lineDelimited("\u{FEFF}  {\"a\": {\"b\": [1, 2]}} \r\n{\"a\": 2}\r\n"))
        #expect(try Self.lineDelimited("{\"a\": 1}\n"))
        // Arrays, objects over several lines, a first record without its line end, blank
        // or empty files, a first line longer than what is looked at: read whole.
        #expect(try !Self.lineDelimited("[{\"a\": 1},\n{\"a\": 2}]\n"))
        #expect(try !Self.lineDelimited("{\n  \"a\": 1\n}\n"))
        #expect(try !Self.lineDelimited("{\"a\": 1}"))
        #expect(try !Self.lineDelimited("\n\n"))
        #expect(try !Self.lineDelimited(""))
        #expect(try !Self.lineDelimited("{\"a\": \"" + String(repeating: "x", count: 70_000) + "\"}\n{\"a\": 2}\n"))
        #expect(try !Self.lineDelimited("{\"a\": 1} {\"a\": 2}\n"))
    }
}
