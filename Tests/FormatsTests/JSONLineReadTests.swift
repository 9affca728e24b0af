import Columnar
import Diagnostics
import Foundation
import Testing
@testable import Formats

/// Reading chosen lines of a newline-delimited file (what a key index hands the reader):
/// each line is fetched with positioned reads, nearby lines together, long lines read on
/// until their line feed; references that are not at a line's start are passed over.
@Suite struct JSONLineReadTests {
    typealias S = JSONTestSupport
    let schema = Schema([Field(name: "id", type: .int64), Field(name: "s", type: .string)])

    /// A file of `lines` lines (the last without a line feed when `open`), and where each
    /// starts.
    func write(_ lines: [String], open: Bool = false) throws -> (path: String, starts: [Int]) {
        let path = NSTemporaryDirectory() + "lakesql-lines-\(UInt64.random(in: 0...UInt64.max)).json"
        var text = ""
        var starts: [Int] = []
        for (i, l) in lines.enumerated() {
            starts.append(text.utf8.count)
            text += l + (open && i == lines.count - 1 ? "" : "\n")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, starts)
    }

    func rows(_ path: String, _ refs: [JSONLineRef]) throws -> [[Value]] {
        let reader = try JSONReader(schema: schema, projection: [0, 1], includeLine: true)
        return S.rows(try reader.read(path: path, displayPath: "t.json", lines: refs))
    }

    @Test func chosenLinesComeBackWithTheirNumbers() throws {
        // Short lines, one far longer than a guessed read, blank lines and a bad record.
        let long = String(repeating: "x", count: 9000)
        let lines = ["{\"id\": 1, \"s\": \"a\"}", "", "{\"id\": 2, \"s\": \"\(long)\"}", "{\"id\": 3, \"s\": \"c\"}",
                     "{\"id\": 4, \"s\": ", "{\"id\": 5, \"s\": \"e\"}"]
        let (path, starts) = try write(lines, open: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        func ref(_ i: Int, end: Bool = false) -> JSONLineRef {
            JSONLineRef(start: starts[i], line: i + 1, end: end && i + 1 < starts.count ? starts[i + 1] : nil)
        }
        let all: [[Value]] = [[.int(1), .string("a"), .int(1)], [.int(2), .string(long), .int(3)], [.int(3), .string("c"), .int(4)],
                              [.null, .null, .int(5)], [.int(5), .string("e"), .int(6)]]
        // Without end hints (guessed lengths, the long line read on), and with them.
        #expect(try rows(path, [0, 2, 3, 4, 5].map { ref($0) }) == all)
        #expect(try rows(path, [0, 2, 3, 4, 5].map { ref($0, end: true) }) == all)
        // Out of order and repeated references: file order, once each.
        #expect(try rows(path, [ref(5), ref(0), ref(5), ref(3)]) == [all[0], all[2], all[4]])
        // The last line has no line feed: read to the end of the file.
        #expect(try rows(path, [ref(5)]) == [all[4]])
        // An offset inside a line, or past the end, reads nothing.
        #expect(try rows(path, [JSONLineRef(start: starts[3] + 2, line: 4), JSONLineRef(start: 1 << 20, line: 99)]).isEmpty)
        // A hint shorter than the line is only a hint.
        #expect(try rows(path, [JSONLineRef(start: starts[2], line: 3, end: starts[2] + 10)]) == [all[1]])
    }

    @Test func manyLinesFarApartAndClose() throws {
        // Every line, every third, and lines farther apart than one read joins.
        let lines = (0..<3000).map { "{\"id\": \($0), \"s\": \"\(String(repeating: "v", count: $0 % 50))\"}" }
        let (path, starts) = try write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for step in [1, 3, 700] {
            let picked = Array(stride(from: 0, to: lines.count, by: step))
            let got = try rows(path, picked.map { JSONLineRef(start: starts[$0], line: $0 + 1, end: $0 + 1 < starts.count ? starts[$0 + 1] : nil) })
            #expect(got == picked.map { [.int(Int64($0)), .string(String(repeating: "v", count: $0 % 50)), .int(Int64($0 + 1))] })
        }
    }

    @Test func compressedFilesCannotBeReadByLine() throws {
        let reader = try JSONReader(schema: schema, projection: [0])
        #expect(throws: SQLError.self) { try reader.read(path: "/nonexistent.json.gz", displayPath: "x", lines: [JSONLineRef(start: 0, line: 1)]) }
    }
}
