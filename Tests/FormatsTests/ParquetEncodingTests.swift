import Columnar
import Diagnostics
import Testing
@testable import Formats

/// How the writer encodes: the same bytes on any number of threads, and dictionaries only
/// where they make a column chunk smaller.
@Suite struct ParquetEncodingTests {
    static func file(threads: Int, rowGroupSize: Int) throws -> [UInt8] {
        var options = ParquetWriterOptions(codec: .snappy, rowGroupSize: rowGroupSize)
        options.threads = threads
        options.pageRowCount = 17
        var writer = try ParquetWriter(schema: ParquetTestData.schema, options: options)
        try writer.write(ParquetTestData.batch(0..<120))
        try writer.write(ParquetTestData.batch(120..<200))
        return try writer.finish()
    }

    @Test(arguments: [1, 7, 70, 1000])
    func bytesDoNotDependOnThreads(_ rowGroupSize: Int) throws {
        let one = try Self.file(threads: 1, rowGroupSize: rowGroupSize)
        #expect(try Self.file(threads: 2, rowGroupSize: rowGroupSize) == one)
        #expect(try Self.file(threads: 4, rowGroupSize: rowGroupSize) == one)
        let rows = ParquetTestData.rows(try ParquetReader(bytes: one).readAll())
        #expect(rows == ParquetTestData.rows([ParquetTestData.batch(0..<200)]))
    }

    @Test func repeatedValuesGetADictionary() throws {
        let ints = ParquetLeafValues.int64((0..<20_000).map { Int64($0 % 37) })
        let built = try #require(ParquetDictionaryBuilder.build(ints, limit: 1 << 20))
        guard case let .int64(dict) = built.dictionary else { Issue.record("wrong dictionary type"); return }
        #expect(dict == (0..<37).map { Int64($0) })
        #expect(built.indices.prefix(40).map { Int($0) } == (0..<40).map { $0 % 37 })

        let words = ["petrol", "diesel", "", "hybrid", "electric, long range"]
        let strings = ParquetLeafValues.bytes(StringStorage((0..<10_000).map { words[($0 * 7) % words.count] }))
        let s = try #require(ParquetDictionaryBuilder.build(strings, limit: 1 << 20))
        guard case let .bytes(sd) = s.dictionary else { Issue.record("wrong dictionary type"); return }
        #expect((0..<sd.count).map { sd[$0] } == (0..<5).map { words[($0 * 7) % words.count] })
        #expect(s.indices.count == 10_000)
        #expect(s.indices[5] == 0)
    }

    @Test func distinctValuesStayPlain() throws {
        #expect(ParquetDictionaryBuilder.build(.int64((0..<20_000).map { Int64($0) * 1_000_003 }), limit: 1 << 20) == nil)
        #expect(ParquetDictionaryBuilder.build(.double((0..<100).map { Double($0) / 3 }), limit: 1 << 20) == nil)
        let ids = StringStorage((0..<9_000).map { "WVW\($0 * 7919)XYZ" })
        #expect(ParquetDictionaryBuilder.build(.bytes(ids), limit: 1 << 20) == nil)
    }
}
