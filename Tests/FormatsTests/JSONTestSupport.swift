import Columnar
import Foundation
import Formats

/// Fixture paths and helpers shared by the JSON reader tests.
enum JSONTestSupport {
    /// Folder of the committed JSON fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/json").path

    /// Full path of fixture `name`.
    static func path(_ name: String) -> String { fixtures + "/" + name }

    /// Every output row as boxed values.
    static func rows(_ result: JSONReadResult) -> [[Value]] {
        result.batches.flatMap { b in (0..<b.count).map { b.row($0) } }
    }

    /// Reads `text` as a file's bytes.
    static func read(_ reader: JSONReader, _ text: String, path: String = "mem.json") throws -> JSONReadResult {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { try reader.read(bytes: $0, displayPath: path) }
    }

    /// A reader of all columns of `fields`.
    static func reader(_ fields: [(String, DataType)], mode: JSONReadMode = .permissive, corrupt: String? = nil, file: Bool = false, line: Bool = false, batchSize: Int = 8192) throws -> JSONReader {
        let schema = Schema(fields.map { Field(name: $0.0, type: $0.1) })
        return try JSONReader(schema: schema, projection: Array(0..<fields.count), includeFile: file, includeLine: line,
                              options: JSONReadOptions(mode: mode, corruptRecordColumn: corrupt, batchSize: batchSize))
    }

    /// The declared listings table of the fixtures.
    static let listingFields: [(String, DataType)] = [
        ("listing_id", .int64),
        ("vin", .string),
        ("car", .struct([StructField(name: "make", type: .string), StructField(name: "model", type: .string), StructField(name: "year", type: .int32)])),
        ("mileage", .int32),
        ("fuel", .string),
        ("price", .decimal(precision: 10, scale: 2)),
        ("dealer_id", .int32),
        ("listed_at", .timestamp),
    ]

    /// Microseconds of a UTC timestamp text.
    static func ts(_ text: String) -> Value { .timestamp(DateTime.parseTimestamp(text) ?? 0) }
    /// Days of a date text.
    static func date(_ text: String) -> Value { .date(DateTime.parseDate(text) ?? 0) }
}
