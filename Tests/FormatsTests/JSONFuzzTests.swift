import Columnar
import Diagnostics
import Foundation
import Formats
import Testing

/// Random mutations of fixture lines must always end in rows or bad records, never a crash.
@Suite struct JSONFuzzTests {
    typealias S = JSONTestSupport

    static func seedLines() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for name in ["clean.ndjson", "dirty.json", "nested.json", "escapes.json", "array.json", "one_object.json"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: S.path(name)))
            lines += data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
        }
        return lines
    }

    static let alphabet: [UInt8] = Array("{}[]\":,\\ \n\r\tu0123456789.-+eEtruefalsn".utf8) + [0x00, 0xFF, 0xC3, 0xE2]

    static func mutate(_ line: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = line
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            let op = rng.next() % 5
            let pos = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
            let byte = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            switch op {
            case 0 where !b.isEmpty: b[pos] = byte
            case 1: b.insert(byte, at: pos)
            case 2 where !b.isEmpty: b.remove(at: pos)
            case 3: b = Array(b.prefix(pos))
            default: if !b.isEmpty { b.insert(contentsOf: b[pos...].prefix(8), at: pos) }
            }
        }
        return b
    }

    static let fields: [(String, DataType)] = JSONTestSupport.listingFields + [
        ("owners", .array(.struct([StructField(name: "name", type: .string), StructField(name: "since", type: .date)]))),
        ("s", .string), ("a", .int8), ("v", .float64), ("_corrupt_record", .string),
    ]

    @Test(arguments: JSONReadMode.allCases)
    func mutatedLinesNeverCrash(mode: JSONReadMode) throws {
        let seeds = try Self.seedLines()
        let reader = try S.reader(Self.fields, mode: mode, corrupt: "_corrupt_record", file: true, line: true, batchSize: 7)
        var rng = SplitMix(seed: 1234 + UInt64(mode.rawValue.count))
        for _ in 0..<5000 {
            var file: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                file += Self.mutate(seeds[Int(rng.next() % UInt64(seeds.count))], &rng)
                if rng.next() % 4 != 0 { file.append(0x0A) }
            }
            do {
                let result = try file.withUnsafeBytes { try reader.read(bytes: $0, displayPath: "fuzz.json") }
                let rows = result.rowCount
                switch mode {
                case .permissive: #expect(rows == result.rowsRead)
                case .dropMalformed: #expect(rows + result.badRecords.count == result.rowsRead)
                case .failFast: #expect(result.badRecords.isEmpty)
                }
                #expect(result.bytesRead + result.truncatedTailBytes <= file.count)
                for b in result.batches { #expect(b.columns.allSatisfy { $0.count == b.count }) }
            } catch {
                #expect(mode == .failFast)
                let e = error as? SQLError
                #expect(e?.kind == .data)
                #expect(e?.location?.path == "fuzz.json")
            }
        }
    }
}
