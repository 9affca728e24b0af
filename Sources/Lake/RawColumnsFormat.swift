import Columnar
import Diagnostics
import FoundationEssentials

/// Data files of plain little-endian arrays, for state only LakeSQL reads (the values a
/// materialized view's MEDIAN is kept from, the partials of its groups): reading one is a
/// copy, with nothing to decode. Columns of 64-bit integers (and dates, timestamps), DOUBLEs
/// and strings.
///
/// Layout: "LKRC", UInt32 version 1, Int64 rows, Int64 columns, then per column a UInt64
/// kind (1: integer, 2: double, 3: string) and a UInt64 flag (1: a validity bitmap follows
/// the values), then per column its values and, when flagged, `(rows + 63) / 64` bitmap
/// words. Integers and doubles are `rows` 8-byte values; a string column is `rows + 1`
/// 8-byte offsets (from 0, not decreasing) into the bytes that follow, padded to 8 bytes.
package struct RawColumnsFormat: DataFileFormat {
    package let fileExtension = "lkrc"
    static let magic: [UInt8] = Array("LKRC".utf8)

    package init() {}

    /// True when every column of `schema` can be stored in this format.
    package static func holds(_ schema: Schema) -> Bool {
        schema.fields.allSatisfy { [.int, .double, .string].contains($0.type.physical) }
    }

    package func write(_ batches: [Batch], schema: Schema, to path: String) throws(SQLError) -> Int {
        let rows = batches.reduce(0) { $0 + $1.count }
        var bytes = RawColumnsFormat.magic
        func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        withUnsafeBytes(of: UInt32(1).littleEndian) { bytes.append(contentsOf: $0) }
        put(UInt64(rows))
        put(UInt64(schema.count))
        for (k, f) in schema.fields.enumerated() {
            switch f.type.physical {
            case .int: put(1)
            case .double: put(2)
            case .string: put(3)
            default: throw SQLError(.internal, "raw state files hold integers, doubles and strings, not \(f.type)")
            }
            put(batches.contains { $0.columns[k].validity != nil } ? 1 : 0)
        }
        bytes.reserveCapacity(bytes.count + schema.count * (rows * 8 + (rows + 63) / 64 * 8 + 8))
        for k in 0..<schema.count {
            var hasNulls = false
            if schema.fields[k].type.physical == .string {
                try appendStrings(batches.map { $0.columns[k] }, counts: batches.map(\.count), to: &bytes)
            }
            for b in batches {
                let c = b.columns[k]
                switch c.storage {
                case let .int(a): appendWords(a, count: b.count, to: &bytes)
                case let .double(a): appendWords(a, count: b.count, to: &bytes)
                case .string: break
                default: throw SQLError(.internal, "raw state files hold integers, doubles and strings")
                }
                if c.validity != nil { hasNulls = true }
            }
            if hasNulls, batches.count == 1, let v = batches[0].columns[k].validity, v.count == rows, v.words.count == (rows + 63) / 64 {
                appendWords(v.words, count: v.words.count, to: &bytes)
            } else if hasNulls {
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

    /// A string column: offsets from 0, then the bytes, padded to a multiple of 8.
    func appendStrings(_ columns: [Column], counts: [Int], to bytes: inout [UInt8]) throws(SQLError) {
        var offsets: [UInt64] = [0]
        var total = 0
        for (c, n) in zip(columns, counts) {
            guard case let .string(s) = c.storage else { throw SQLError(.internal, "raw state files: a string column holds no strings") }
            let base = s.offsets[0]
            for i in 0..<n { offsets.append(UInt64(total + s.offsets[i + 1] - base)) }
            total += s.offsets[n] - base
        }
        appendWords(offsets, count: offsets.count, to: &bytes)
        for (c, n) in zip(columns, counts) {
            if case let .string(s) = c.storage { bytes.append(contentsOf: s.bytes[s.offsets[0]..<s.offsets[n]]) }
        }
        bytes.append(contentsOf: repeatElement(0, count: (8 - total % 8) % 8))
    }

    func appendWords<T: FixedWidthInteger>(_ a: [T], count: Int, to bytes: inout [UInt8]) {
        #if _endian(big)
        for v in a.prefix(count) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        #else
        a.withUnsafeBytes { bytes.append(contentsOf: $0.prefix(count * MemoryLayout<T>.size)) }
        #endif
    }

    func appendWords(_ a: [Double], count: Int, to bytes: inout [UInt8]) {
        #if _endian(big)
        appendWords(a.prefix(count).map(\.bitPattern), count: count, to: &bytes)
        #else
        a.withUnsafeBytes { bytes.append(contentsOf: $0.prefix(count * 8)) }
        #endif
    }

    package func read(_ path: String, schema: Schema, projection: [Int]) throws(SQLError) -> [Batch] {
        let bytes = try FileSystem.read(path)
        guard bytes.count >= 24, Array(bytes[0..<4]) == RawColumnsFormat.magic,
              let (rows, columns) = bytes.withUnsafeBytes({ RawColumnsReader(raw: $0, schema: schema).columns() }),
              projection.allSatisfy({ $0 >= 0 && $0 < columns.count })
        else { throw SQLError(.data, "\(path): damaged state file") }
        return rows == 0 ? [] : [Batch(columns: projection.map { columns[$0] }, count: rows)]
    }
}
