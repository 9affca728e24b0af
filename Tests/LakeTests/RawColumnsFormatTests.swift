import Columnar
import Diagnostics
import Foundation
import Testing
@testable import Lake

/// The plain-array state files: integers and doubles, with and without NULLs, over several
/// batches, read back as written, or mapped as typed columns; a damaged file is an error naming it.
@Suite struct RawColumnsFormatTests {
    @Test func roundTripsIntegersDoublesAndNulls() throws {
        let path = NSTemporaryDirectory() + "lakesql-raw-\(UInt64.random(in: 0...UInt64.max)).lkrc"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = Schema([Field(name: "g", type: .int64), Field(name: "v", type: .float64)])
        var b1 = ColumnBuilder(type: .float64)
        b1.append(double: 1.5); b1.appendNull(); b1.append(double: -0.0)
        let first = Batch(columns: [Column(type: .int64, storage: .int([7, 8, 9])), b1.finish()], count: 3)
        let second = Batch(columns: [Column(type: .int64, storage: .int(Array(0..<100))), Column(type: .float64, storage: .double((0..<100).map(Double.init)))], count: 100)
        let format = RawColumnsFormat()
        _ = try format.write([first, second], schema: schema, to: path)
        let back = try format.read(path, schema: schema, projection: [0, 1])
        #expect(back.count == 1)
        let b = try #require(back.first)
        #expect(b.count == 103)
        #expect(b.columns[0].value(at: 0) == .int(7))
        #expect(b.columns[0].value(at: 102) == .int(99))
        #expect(b.columns[1].value(at: 0) == .double(1.5))
        #expect(b.columns[1].isNull(1))
        #expect(!b.columns[1].isNull(2) && !b.columns[1].isNull(102))
        #expect(b.columns[1].value(at: 102) == .double(99))
        // One batch: its validity words are written as they are.
        _ = try format.write([first], schema: schema, to: path)
        let one = try #require(try format.read(path, schema: schema, projection: [1]).first)
        #expect(one.count == 3 && !one.columns[0].isNull(0) && one.columns[0].isNull(1) && !one.columns[0].isNull(2))
        _ = try format.write([first, second], schema: schema, to: path)
        // Only the projected column, in the asked order.
        #expect(try format.read(path, schema: schema, projection: [1]).first?.columns.count == 1)

        var bytes = try FileSystem.read(path)
        bytes.removeLast(9)
        try FileSystem.writeDurably(bytes, to: path)
        #expect(throws: SQLError.self) { try format.read(path, schema: schema, projection: [0, 1]) }
    }

    @Test func mappedFilesGiveTypedColumnsAndRefuseDamage() throws {
        let path = NSTemporaryDirectory() + "lakesql-raw-\(UInt64.random(in: 0...UInt64.max)).lkrc"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = Schema([Field(name: "k", type: .int64), Field(name: "v", type: .float64)])
        let keys: [Int64] = Array(0..<1000).map { $0 / 3 }
        let values = keys.map { Double($0) * 0.5 - 7 }
        let format = RawColumnsFormat()
        _ = try format.write([Batch(columns: [Column(type: .int64, storage: .int(keys)), Column(type: .float64, storage: .double(values))], count: 1000)],
                             schema: schema, to: path)
        let mapped = try MappedRawColumns(path, columns: 2)
        #expect(mapped.rows == 1000)
        #expect(Array(try mapped.int64s(0)) == keys)
        #expect(Array(try mapped.doubles(1)) == values)
        // The wrong type, a missing column, the wrong column count: errors.
        #expect(throws: SQLError.self) { try mapped.doubles(0) }
        #expect(throws: SQLError.self) { try mapped.int64s(2) }
        #expect(throws: SQLError.self) { try MappedRawColumns(path, columns: 3) }

        // A column with NULLs cannot be handed out as plain values.
        var b = ColumnBuilder(type: .float64)
        b.append(double: 1); b.appendNull()
        _ = try format.write([Batch(columns: [Column(type: .int64, storage: .int([1, 2])), b.finish()], count: 2)], schema: schema, to: path)
        #expect(throws: SQLError.self) { try MappedRawColumns(path, columns: 2).doubles(1) }

        // Truncated, empty, not a state file: errors, not crashes.
        var bytes = try FileSystem.read(path)
        bytes.removeLast(9)
        try FileSystem.writeDurably(bytes, to: path)
        #expect(throws: SQLError.self) { try MappedRawColumns(path, columns: 2) }
        try FileSystem.writeDurably([], to: path)
        #expect(throws: SQLError.self) { try MappedRawColumns(path, columns: 2) }
        try FileSystem.writeDurably(Array(repeating: 0x41, count: 200), to: path)
        #expect(throws: SQLError.self) { try MappedRawColumns(path, columns: 2) }
        #expect(throws: SQLError.self) { try MappedRawColumns(path + ".missing", columns: 2) }
    }

    @Test func roundTripsStringsWithNullsAndSlices() throws {
        let path = NSTemporaryDirectory() + "lakesql-raw-\(UInt64.random(in: 0...UInt64.max)).lkrc"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let schema = Schema([Field(name: "s", type: .string), Field(name: "n", type: .int64)])
        var b = ColumnBuilder(type: .string)
        b.append(.string("Škoda")); b.appendNull(); b.append(.string("")); b.append(.string("a longer text of forty-odd bytes ........"))
        let first = Batch(columns: [b.finish(), Column(type: .int64, storage: .int([1, 2, 3, 4]))], count: 4)
        // A slice: its string offsets do not start at 0.
        let whole = Column(type: .string, storage: .string(StringStorage(["x", "yy", "zzz"])))
        let second = Batch(columns: [whole.slice(1..<3), Column(type: .int64, storage: .int([5, 6]))], count: 2)
        let empty = Batch(columns: [Column(type: .string, storage: .string(StringStorage())), Column(type: .int64, storage: .int([]))], count: 0)
        let format = RawColumnsFormat()
        _ = try format.write([first, empty, second], schema: schema, to: path)
        let back = try #require(try format.read(path, schema: schema, projection: [0, 1]).first)
        #expect(back.count == 6)
        #expect((0..<6).map { back.columns[0].value(at: $0) } == [.string("Škoda"), .null, .string(""), .string("a longer text of forty-odd bytes ........"), .string("yy"), .string("zzz")])
        #expect((0..<6).map { back.columns[1].value(at: $0) } == (1...6).map { .int(Int64($0)) })
        #expect(RawColumnsFormat.holds(schema))
        #expect(!RawColumnsFormat.holds(Schema([Field(name: "b", type: .boolean)])))

        // Offsets running past the bytes: an error, not a crash.
        var bytes = try FileSystem.read(path)
        let offsetsStart = 24 + 2 * 16
        bytes[offsetsStart + 8 * 3] = 0xFF
        try FileSystem.writeDurably(bytes, to: path)
        #expect(throws: SQLError.self) { try format.read(path, schema: schema, projection: [0, 1]) }
        // A different declared schema: an error.
        #expect(throws: SQLError.self) { try format.read(path, schema: Schema([Field(name: "n", type: .int64), Field(name: "s", type: .string)]), projection: [0]) }
    }
}
