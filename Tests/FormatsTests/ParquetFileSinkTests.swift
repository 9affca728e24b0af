import Foundation
import Testing
@testable import Formats

/// The background file writer: bytes land in order, with the disk asked to start writing
/// every few megabytes along the way.
@Suite struct ParquetFileSinkTests {
    @Test func largeWritesLandWholeAndInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lakesql-sink-\(UInt64.random(in: 0...UInt64.max)).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ParquetFileSink(path: path)
        // Pieces of 3 MiB and a few bytes: several write-behind requests, one partial tail.
        var expected: [UInt8] = []
        for k in 0..<7 {
            let piece = [UInt8](repeating: UInt8(k + 1), count: k == 6 ? 5 : 3 << 20)
            sink.write(piece)
            expected += piece
        }
        try sink.close()
        let got = try #require(FileManager.default.contents(atPath: path))
        #expect(got.count == expected.count && got.count > 2 * ParquetFileSink.writeBehind)
        #expect(Array(got) == expected)
    }
}
