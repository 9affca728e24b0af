import Columnar
import Foundation
import Testing
@testable import Formats

/// Files written by LakeSQL must read back with the same values in pyarrow and DuckDB.
/// Needs `pip install pyarrow duckdb`; skipped (with that message) when they are missing.
enum ParquetPython {
    static let pythonReady: Bool = {
        (try? run(["python3", "-c", "import pyarrow, duckdb"]).status) == 0
    }()

    static let interopFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("interop")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite(.enabled(if: ParquetPython.pythonReady, "pyarrow and duckdb are not importable by python3; run: pip install pyarrow duckdb"))
struct ParquetInteropTests {

    struct Config: CustomTestStringConvertible, Sendable {
        var codec: ParquetWriterOptions.Codec
        var dictionary: Bool
        var version: ParquetWriterOptions.PageVersion
        var testDescription: String { "\(codec) dict=\(dictionary) \(version)" }
    }

    @Test(arguments: [
        Config(codec: .snappy, dictionary: true, version: .v1),
        Config(codec: .uncompressed, dictionary: false, version: .v1),
        Config(codec: .snappy, dictionary: false, version: .v2),
        Config(codec: .gzip, dictionary: true, version: .v2),
    ])
    func pyarrowAndDuckDBReadLakeSQLFiles(_ config: Config) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lakesql-parquet-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = ParquetWriterOptions(codec: config.codec, rowGroupSize: 150, dictionary: config.dictionary, pageVersion: config.version)
        options.pageRowCount = 64
        var writer = try ParquetWriter(schema: ParquetTestData.schema, options: options)
        try writer.write(ParquetTestData.batch(0..<400))
        let file = folder.appendingPathComponent("data.parquet").path
        try writer.write(to: file)
        let expected = folder.appendingPathComponent("expected.json")
        try ParquetExpectedJSON.document(schema: ParquetTestData.schema, rows: (0..<400).map(ParquetTestData.row))
            .write(to: expected, atomically: true, encoding: .utf8)
        let script = ParquetPython.interopFolder.appendingPathComponent("check_parquet.py").path
        let result = try ParquetPython.run(["python3", script, file, expected.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok: 400 rows match"), "\(result.output)")
    }
}

/// The expected-values JSON read by check_parquet.py.
enum ParquetExpectedJSON {
    static func document(schema: Schema, rows: [[Value]]) -> String {
        let columns = schema.names.map { quote($0) }.joined(separator: ",")
        let body = rows.map { row in
            "[" + zip(row, schema.types).map { encode($0, $1) }.joined(separator: ",") + "]"
        }.joined(separator: ",\n")
        return "{\"columns\": [\(columns)], \"rows\": [\n\(body)\n]}\n"
    }

    static func encode(_ v: Value, _ type: DataType) -> String {
        switch v {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .int(i): return String(i)
        case let .double(d): return "\(d)"
        case let .decimal(x, s): return quote(Decimal128.format(x, scale: s))
        case let .string(s): return quote(s)
        case let .date(d): return quote(DateTime.formatDate(days: d))
        case let .timestamp(t): return String(t)
        case let .interval(i): return "[\(i.months),\(i.days),\(i.micros / 1000)]"
        case let .struct(values):
            guard case let .struct(fields) = type else { return "null" }
            return "{" + zip(fields, values).map { quote($0.name) + ":" + encode($1, $0.type) }.joined(separator: ",") + "}"
        case let .array(values):
            guard case let .array(e) = type else { return "null" }
            return "[" + values.map { encode($0, e) }.joined(separator: ",") + "]"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if u.value < 0x20 { out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
