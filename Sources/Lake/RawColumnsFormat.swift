import Columnar
import Diagnostics
import FoundationEssentials

/// Data files of plain little-endian arrays, for state only LakeSQL reads (the values a
/// materialized view's MEDIAN is kept from): reading one is a copy, with nothing to decode.
/// Only 64-bit integer and DOUBLE columns.
///
/// Layout: "LKRC", UInt32 version 1, Int64 rows, Int64 columns, then per column a UInt64
/// kind (1: integer, 2: double) and a UInt64 flag (1: a validity bitmap follows the values),
/// then per column `rows` 8-byte values and, when flagged, `(rows + 63) / 64` bitmap words.
package struct RawColumnsFormat: DataFileFormat {
    package let fileExtension = "lkrc"
    static let magic: [UInt8] = Array("LKRC".utf8)

    package init() {}

    package func write(_ batches: [Batch], schema: Schema, to path: String) throws(SQLError) -> Int {
        let rows = batches.reduce(0) { $0 + $1.count }
        var bytes = RawColumnsFormat.magic
        func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        withUnsafeBytes(of: UInt32(1).littleEndian) { bytes.append(contentsOf: $0) }
        put(UInt64(rows))
        put(UInt64(schema.count))
        var kinds: [UInt64] = []
        for (k, f) in schema.fields.enumerated() {
            switch f.type.physical {
            case .int: kinds.append(1)
            case .double: kinds.append(2)
            default: throw SQLError(.internal, "raw state files hold integers and doubles, not \(f.type)")
            }
            put(kinds[k])
            put(batches.contains { $0.columns[k].validity != nil } ? 1 : 0)
        }
        bytes.reserveCapacity(bytes.count + schema.count * (rows * 8 + (rows + 63) / 64 * 8))
        for k in 0..<schema.count {
            var hasNulls = false
            for b in batches {
                let c = b.columns[k]
                switch c.storage {
                case let .int(a): appendWords(a, count: b.count, to: &bytes)
                case let .double(a): appendWords(a, count: b.count, to: &bytes)
                default: throw SQLError(.internal, "raw state files hold integers and doubles")
                }
                if c.validity != nil { hasNulls = true }
            }
            if hasNulls {
                var bits = Bitmap(count: rows, value: true)
                var r = 0
                for b in batches {
                    let c = b.columns[k]
                    for i in 0..<b.count where c.isNull(i) { bits[r + i] = false }
                    r += b.count
                }
                appendWords(bits.words, count: bits.words.count, to: &bytes)
            }
        }
        try FileSystem.writeDurably(bytes, to: path)
        return bytes.count
    }

    func appendWords<T: FixedWidthInteger>(_ a: [T], count: Int, to bytes: inout [UInt8]) {
        #if _endian(big)
        for v in a.prefix(count) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        #else
        a.withUnsafeBytes { bytes.append(contentsOf: $0.prefix(count * MemoryLayout<T>.size)) }
        #endif
    }

    func appendWords(_ a: [Double], count: Int, to bytes: inout [UInt8]) {
        appendWords(a.prefix(count).map(\.bitPattern), count: count, to: &bytes)
    }

    package func read(_ path: String, schema: Schema, projection: [Int]) throws(SQLError) -> [Batch] {
        let bytes = try FileSystem.read(path)
        func bad() -> SQLError { SQLError(.data, "\(path): damaged state file") }
        guard bytes.count >= 24, Array(bytes[0..<4]) == RawColumnsFormat.magic else { throw bad() }
        let batches = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Batch]? in
            guard let p = raw.baseAddress else { return nil }
            func word(_ o: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
            let rows = Int(word(8)), columns = Int(word(16))
            guard rows >= 0, columns == schema.count, bytes.count >= 24 + columns * 16 else { return nil }
            var at = 24 + columns * 16
            var out: [Column] = []
            for k in 0..<columns {
                let kind = word(24 + k * 16), flagged = word(32 + k * 16) == 1
                let words = (rows + 63) / 64
                guard at + rows * 8 + (flagged ? words * 8 : 0) <= bytes.count else { return nil }
                let start = at
                func array<T>(_: T.Type) -> [T] {
                    Array(unsafeUninitializedCapacity: rows) { buffer, n in
                        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: p + start, count: rows * 8))
                        n = rows
                    }
                }
                at += rows * 8
                var validity: Bitmap? = nil
                if flagged {
                    var bits = Bitmap(count: rows, value: true)
                    for w in 0..<words { bits.words[w] = word(at + w * 8) }
                    validity = bits
                    at += words * 8
                }
                let type = schema.fields[k].type
                #if _endian(big)
                let ints = array(UInt64.self).map { Int64(bitPattern: UInt64(littleEndian: $0)) }
                let doubles = array(UInt64.self).map { Double(bitPattern: UInt64(littleEndian: $0)) }
                #endif
                switch kind {
                #if _endian(big)
                case 1: out.append(Column(type: type, storage: .int(ints), validity: validity))
                case 2: out.append(Column(type: type, storage: .double(doubles), validity: validity))
                #else
                case 1: out.append(Column(type: type, storage: .int(array(Int64.self)), validity: validity))
                case 2: out.append(Column(type: type, storage: .double(array(Double.self)), validity: validity))
                #endif
                default: return nil
                }
            }
            return rows == 0 ? [] : [Batch(columns: projection.map { out[$0] }, count: rows)]
        }
        guard let batches else { throw bad() }
        return batches
    }
}
