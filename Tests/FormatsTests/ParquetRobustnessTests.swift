import Columnar
import Diagnostics
import Foundation
import Testing
@testable import Formats

/// Damaged files end in a `.data` (or `.unsupported`) error naming the file, never a
/// crash, a hang or a huge allocation.
@Suite struct ParquetRobustnessTests {
    static func smallFile(codec: ParquetWriterOptions.Codec, version: ParquetWriterOptions.PageVersion) throws -> [UInt8] {
        var writer = try ParquetWriter(schema: ParquetTestData.schema,
                                       options: ParquetWriterOptions(codec: codec, rowGroupSize: 6, dictionary: true, pageVersion: version))
        try writer.write(ParquetTestData.batch(0..<12))
        return try writer.finish()
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    @Test(arguments: [(ParquetWriterOptions.Codec.snappy, 1), (.uncompressed, 2)])
    func byteMutationsNeverCrash(_ codec: ParquetWriterOptions.Codec, _ seed: Int) throws {
        let version: ParquetWriterOptions.PageVersion = seed == 1 ? .v1 : .v2
        let original = try ParquetRobustnessTests.smallFile(codec: codec, version: version)
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15 &* UInt64(seed))
        var failures = 0
        for trial in 0..<1000 {
            var bytes = original
            let mutations = 1 + Int(rng.next() % 3)
            for _ in 0..<mutations {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes[at] ^= 1 << UInt8(rng.next() % 8)
                default: bytes[at] = [0, 0xFF, 0x7F, 0x80][Int(rng.next() % 4)]
                }
            }
            do {
                let reader = try ParquetReader(bytes: bytes, name: "fuzz\(trial).parquet")
                _ = try reader.readAll()
                for g in 0..<reader.rowGroupCount { for c in 0..<reader.schema.count { _ = reader.statistics(rowGroup: g, column: c) } }
            } catch {
                failures += 1
                #expect(error.kind == .data || error.kind == .unsupported, "\(error)")
                #expect(error.message.hasPrefix("fuzz\(trial).parquet: "), "\(error)")
            }
        }
        #expect(failures > 0)
    }

    @Test func truncatedFilesAreBadParquetErrors() throws {
        let original = try ParquetRobustnessTests.smallFile(codec: .snappy, version: .v1)
        for length in stride(from: 0, to: original.count, by: 7) {
            let bytes = Array(original[0..<length])
            do {
                _ = try ParquetReader(bytes: bytes, name: "t.parquet").readAll()
                Issue.record("truncated file of \(length) bytes read without an error")
            } catch {
                #expect(error.kind == .data)
                #expect(error.message.hasPrefix("t.parquet: bad parquet file: "), "\(error.message)")
            }
        }
    }

    @Test func truncatedFilesOnDiskAreBadParquetErrors() throws {
        let original = try ParquetRobustnessTests.smallFile(codec: .snappy, version: .v2)
        let path = "/tmp/lakesql-parquet-cut-\(UInt64.random(in: 0...UInt64.max)).parquet"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Cut files, and files missing a middle part but keeping the footer (chunks are read
        // on demand, after the footer was accepted).
        for length in stride(from: 0, to: original.count, by: 5) {
            let footer = Array(original[max(length, original.count - 400)...])
            try ParquetFileIO.writeFile(Array(original[0..<length]) + (length >= original.count - 400 ? [] : footer), to: path)
            do {
                let reader = try ParquetReader(path: path)
                for g in 0..<reader.rowGroupCount { _ = try reader.read(rowGroup: g, columns: [0, 2]) }
                _ = try reader.readAll()
            } catch {
                #expect(error.kind == .data, "\(error)")
                #expect(error.message.hasPrefix(path + ": "), "\(error.message)")
            }
        }
    }

    @Test func zstdIsAClearUnsupportedError() throws {
        var bytes = try ParquetRobustnessTests.smallFile(codec: .uncompressed, version: .v1)
        // Rewrite the footer with every chunk claiming ZSTD.
        let footerLength = Int(ByteCursor.loadUInt32LE(bytes, bytes.count - 8))
        var meta = try ParquetFileMetaData.decode(Array(bytes[(bytes.count - 8 - footerLength)..<(bytes.count - 8)]))
        for g in meta.rowGroups.indices { for c in meta.rowGroups[g].columns.indices { meta.rowGroups[g].columns[c].metaData?.codec = 6 } }
        bytes.removeLast(footerLength + 8)
        let footer = ThriftCompact.encode(meta.thrift)
        bytes += footer
        bytes.appendUInt32LE(UInt32(footer.count))
        bytes += Array("PAR1".utf8)
        #expect(throws: SQLError.self) { _ = try ParquetReader(bytes: bytes).readAll() }
        do {
            _ = try ParquetReader(bytes: bytes, name: "z.parquet").readAll()
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message.contains("zstd"))
            #expect(error.message.contains("id"))
        }
    }

    @Test func unsupportedTypeNamesTheColumn() throws {
        let elements = [
            ParquetSchemaElement(name: "schema", numChildren: 1),
            ParquetSchemaElement(name: "clock", type: .int64, repetition: .optional, logicalType: .time(utc: true, unit: .micros)),
        ]
        #expect(throws: SQLError.self) { _ = try ParquetReadSchema(elements) }
        do { _ = try ParquetReadSchema(elements) } catch {
            #expect(error.kind == .unsupported)
            #expect(error.message.contains("clock"))
            #expect(error.message.contains("TIME"))
        }
    }
}

@Suite struct ParquetCodecTests {
    @Test(arguments: [0, 1, 7, 8, 100, 5000, 70000])
    func snappyRoundTrips(_ n: Int) throws {
        var rng = ParquetRobustnessTests.Rng(state: UInt64(n + 1) &* 0x2545_F491_4F6C_DD1D)
        let text = Array("the quick brown fox jumps over the lazy dog ".utf8)
        // Text with a random byte in every eight: runs of seven text bytes repeat.
        let input = (0..<n).map { i in i % 8 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : text[i % text.count] }
        let compressed = Snappy.compress(input)
        if n > 1000 { #expect(compressed.count < input.count) }
        #expect(try Snappy.decompress(compressed, 0..<compressed.count, expected: n) == input)
        let noise = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let c1 = Snappy.compress(noise)
        #expect(c1.count <= Snappy.maxCompressedLength(n))
        #expect(try Snappy.decompress(c1, 0..<c1.count, expected: n) == noise)
        let runs = [UInt8](repeating: 42, count: n)
        let c2 = Snappy.compress(runs)
        #expect(try Snappy.decompress(c2, 0..<c2.count, expected: n) == runs)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 64, 65])
    func snappyRoundTripsPeriodicData(_ period: Int) throws {
        // Repeats of every period, broken by short random literals, near both ends of the output.
        var rng = ParquetRobustnessTests.Rng(state: UInt64(period) &* 0x9E37_79B9_7F4A_7C15 | 1)
        let unit = (0..<period).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var input: [UInt8] = []
        for k in 0..<200 {
            for _ in 0..<(k % 11 + 1) { input += unit }
            for _ in 0..<(k % 5) { input.append(UInt8(truncatingIfNeeded: rng.next())) }
        }
        for n in [input.count, input.count - 3, 17, 9] where n > 0 {
            let slice = Array(input[0..<n])
            let c = Snappy.compress(slice)
            #expect(try Snappy.decompress(c, 0..<c.count, expected: n) == slice)
        }
    }

    @Test func snappyRejectsBadOffsets() {
        // Length 4, then a copy with offset 5 before any output.
        let bad: [UInt8] = [4, 0x01 | (0 << 2), 5]
        #expect(throws: SQLError.self) { _ = try Snappy.decompress(bad, 0..<bad.count, expected: 4) }
    }

    @Test(arguments: [1, 2, 3, 7, 13, 32])
    func rleHybridRoundTrips(_ width: Int) throws {
        let maxValue = width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) - 1
        var values: [UInt32] = []
        for i in 0..<1000 { values.append(i % 100 < 40 ? maxValue : UInt32(i * 7919) & maxValue) }
        let encoded = RLEHybrid.encode(values, width: width)
        var decoded: [UInt32] = []
        try RLEHybrid.decode(encoded, 0..<encoded.count, width: width, count: values.count, into: &decoded)
        #expect(decoded == values)
    }

    @Test func thriftSkipsUnknownFieldsAndKeepsKnownOnes() throws {
        let inner = ThriftStruct([(1, .i32(7)), (40, .list(.binary, [.string("x"), .string("y")])), (41, .double(2.5)),
                                  (300, .map(.i32, .struct, [.i32(1)], [.struct(ThriftStruct([(1, .bool(true))]))]))])
        let s = ThriftStruct([(1, .i32(3)), (2, .i64(-5)), (9, .struct(inner)), (10, .bool(false)), (17, .string("ok"))])
        let bytes = ThriftCompact.encode(s)
        var c = ByteCursor(bytes)
        let back = try ThriftCompact.decodeStruct(&c)
        #expect(back == s)
        #expect(c.isAtEnd)
        #expect(back.struct(9)?.int32(1) == 7)
        #expect(back.string(17) == "ok")
    }

    @Test func thriftRejectsHugeLengths() {
        let bytes: [UInt8] = [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]
        var c = ByteCursor(bytes)
        #expect(throws: SQLError.self) { _ = try ThriftCompact.decodeStruct(&c) }
    }
}
