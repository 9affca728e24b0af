import Columnar
import Diagnostics
import Foundation
import Testing
@testable import Formats

/// The writer's fast paths give the same results as the plain definitions they replace.
@Suite struct ParquetWriterFastPathTests {
    @Test func streamedFileEqualsTheInMemoryOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lakesql-stream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for threads in [1, 2] {
            var options = ParquetWriterOptions(codec: .snappy, rowGroupSize: 33)
            options.threads = threads
            var memory = try ParquetWriter(schema: ParquetTestData.schema, options: options)
            let path = dir + "/t\(threads).parquet"
            var streamed = try ParquetWriter(schema: ParquetTestData.schema, options: options, streamingTo: path)
            for range in [0..<50, 50..<51, 51..<200] {
                try memory.write(ParquetTestData.batch(range))
                try streamed.write(ParquetTestData.batch(range))
            }
            let bytes = try memory.finish()
            #expect(try streamed.close() == bytes.count)
            #expect(try ParquetFileIO.readFile(path) == bytes)
            #expect(throws: SQLError.self) { _ = try streamed.finish() }
        }
    }

    @Test(arguments: [1, 2, 4])
    func anErrorInABackgroundRowGroupIsReported(_ threads: Int) throws {
        // A NULL in a NOT NULL column, in the third of four row groups.
        let schema = Schema([Field(name: "id", type: .int64, nullable: false)])
        var options = ParquetWriterOptions(rowGroupSize: 50)
        options.threads = threads
        var writer = try ParquetWriter(schema: schema, options: options)
        let valid = Bitmap((0..<200).map { $0 != 120 })
        let column = Column(type: .int64, storage: .int((0..<200).map { Int64($0) }), validity: valid)
        var failure: SQLError? = nil
        do throws(SQLError) {
            try writer.write(Batch(columns: [column], count: 200))
            _ = try writer.finish()
        } catch {
            failure = error
        }
        #expect(failure?.kind == .data)
        #expect(failure?.message.contains("NOT NULL") == true)
    }

    @Test(arguments: [0, 1, 5, 63, 64, 65, 130, 1000])
    func validityRunsCoverEveryRow(_ n: Int) {
        var rng = ParquetRobustnessTests.Rng(state: UInt64(n) &* 0x9E37_79B9_7F4A_7C15 | 1)
        for density in [0, 1, 8, 64] {  // a NULL about every `density` rows (0: none, 1: all)
            let bits = (0..<n).map { _ in density == 0 ? true : (density == 1 ? false : rng.next() % UInt64(density) != 0) }
            let bitmap = Bitmap(bits)
            var seen: [Bool] = []
            var last: Bool? = nil
            ParquetShredder.forEachRun(bitmap, count: n) { range, present in
                #expect(!range.isEmpty)
                #expect(last != present)
                last = present
                seen += repeatElement(present, count: range.count)
            }
            #expect(seen == bits)
        }
    }

    @Test func shortKeysAreTheBytesZeroPadded() {
        let bytes = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            for start in [0, 3, 20, 30, 39] {  // the last ones near the end take the byte-wise path
                for len in 0...min(16, 40 - start) {
                    var k0: UInt64 = 0, k1: UInt64 = 0
                    for k in 0..<len {
                        if k < 8 { k0 |= UInt64(bytes[start + k]) << UInt64(8 * k) } else { k1 |= UInt64(bytes[start + k]) << UInt64(8 * (k - 8)) }
                    }
                    let key = ParquetDictionaryBuilder.shortKey(base, start, len, total: raw.count)
                    #expect(key.0 == k0 && key.1 == k1)
                }
            }
        }
    }

    @Test func byteMasksKeepTheLowBytes() {
        for bytes in 0...8 {
            let expected: UInt64 = bytes == 8 ? .max : (UInt64(1) << UInt64(8 * bytes)) - 1
            #expect(ParquetDictionaryBuilder.byteMask(bytes) == expected)
        }
    }

    @Test func stringDictionariesFindEqualValuesAtAnyLength() throws {
        // Values of 0 to 40 bytes that differ only in their last byte, the longest at the buffer's end.
        let words = (0...40).flatMap { len in ["a", "b"].map { String(repeating: "x", count: max(len - 1, 0)) + (len > 0 ? $0 : "") } }
        let values = (0..<3000).map { words[($0 * 7) % words.count] } + words.reversed()
        let built = try #require(ParquetDictionaryBuilder.build(.bytes(StringStorage(values)), limit: 1 << 20))
        guard case let .bytes(dict) = built.dictionary else { Issue.record("wrong dictionary type"); return }
        let distinct = Set(words)
        #expect(dict.count == distinct.count)
        #expect(zip(built.indices, values).allSatisfy { dict[Int($0)] == $1 })
    }

    @Test func statisticsOfStringsAndFloats() throws {
        let s = StringStorage(["pear", "apple", "", "zebra", "apples", "zeb"])
        let range = try #require(ParquetStatisticsCodec.stringRange(s))
        #expect(range.0 == 2 && range.1 == 3)
        let f = try #require(ParquetStatisticsCodec.floatingRange([Double.nan, 3, -1.5, .nan, 7]))
        #expect(f.0 == -1.5 && f.1 == 7)
        #expect(ParquetStatisticsCodec.floatingRange([Float.nan]) == nil)
    }

    @Test func nullsAndConversionsGoThroughTheTypedPath() throws {
        let schema = Schema([Field(name: "d", type: .decimal(precision: 9, scale: 2), nullable: true), Field(name: "s", type: .string, nullable: true)])
        let n = 300
        let valid = Bitmap((0..<n).map { $0 % 7 != 3 && ($0 < 64 || $0 >= 128) })
        let decimals = Column(type: .decimal(precision: 9, scale: 2), storage: .decimal((0..<n).map { Int128($0) * 101 }), validity: valid)
        let strings = Column(type: .string, storage: .string(StringStorage((0..<n).map { "v\($0 % 11)" })), validity: valid)
        var writer = try ParquetWriter(schema: schema, options: ParquetWriterOptions(rowGroupSize: 100))
        try writer.write(Batch(columns: [decimals, strings], count: n))
        let back = try ParquetReader(bytes: try writer.finish()).readAll()
        let rows = ParquetTestData.rows(back)
        #expect(rows.count == n)
        for i in 0..<n {
            let present = valid[i]
            #expect(rows[i][0] == (present ? Value.decimal(Int128(i) * 101, scale: 2) : .null))
            #expect(rows[i][1] == (present ? Value.string("v\(i % 11)") : .null))
        }
    }
}
