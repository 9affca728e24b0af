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

    package func write(_ batches: [Batch], schema: Schema, to path: String, sync: Bool) throws(SQLError) -> Int {
        #if _endian(big)
        throw SQLError(.unsupported, "\(path): state files are written on little-endian machines")
        #else
        let rows = batches.reduce(0) { $0 + $1.count }
        var kinds: [UInt64] = []
        for f in schema.fields {
            switch f.type.physical {
            case .int: kinds.append(1)
            case .double: kinds.append(2)
            case .string: kinds.append(3)
            default: throw SQLError(.internal, "raw state files hold integers, doubles and strings, not \(f.type)")
            }
        }
        let out = try RawFileWriter(path: path)
        try out.put(bytesOf: RawColumnsFormat.magic)
        try withUnsafeBytes(of: UInt32(1).littleEndian) { (p) throws(SQLError) in try out.put(p) }
        try out.put(UInt64(rows))
        try out.put(UInt64(schema.count))
        for k in 0..<schema.count {
            try out.put(kinds[k])
            try out.put(batches.contains { $0.columns[k].validity != nil } ? 1 : 0)
        }
        for k in 0..<schema.count {
            var hasNulls = false
            for b in batches {
                let c = b.columns[k]
                switch c.storage {
                case let .int(a) where kinds[k] == 1: try out.put(bytesOf: a, count: b.count)
                case let .double(a) where kinds[k] == 2: try out.put(bytesOf: a, count: b.count)
                case .string where kinds[k] == 3: break
                default: throw SQLError(.internal, "raw state files: a column's values do not match its type")
                }
                if c.validity != nil { hasNulls = true }
            }
            if kinds[k] == 3 {
                try putStrings(batches.map { $0.columns[k] }, counts: batches.map(\.count), to: out)
            }
            if hasNulls, batches.count == 1, let v = batches[0].columns[k].validity, v.count == rows, v.words.count == (rows + 63) / 64 {
                try out.put(bytesOf: v.words)
            } else if hasNulls {
                var bits = Bitmap(count: rows, value: true)
                var r = 0
                for b in batches {
                    let c = b.columns[k]
                    for i in 0..<b.count where c.isNull(i) { bits[r + i] = false }
                    r += b.count
                }
                try out.put(bytesOf: bits.words)
            }
        }
        return try out.finish(sync: sync)
        #endif
    }

    /// A string column: offsets from 0, then the bytes, padded to a multiple of 8.
    func putStrings(_ columns: [Column], counts: [Int], to out: RawFileWriter) throws(SQLError) {
        var stores: [StringStorage] = []
        for c in columns {
            guard case let .string(s) = c.storage else { throw SQLError(.internal, "raw state files: a string column holds no strings") }
            stores.append(s)
        }
        if stores.count == 1, let s = stores.first, s.offsets.first == 0, MemoryLayout<Int>.size == 8 {
            // One column whose offsets start at 0: they are the file's offsets as they are.
            try out.put(bytesOf: s.offsets, count: counts[0] + 1)
        } else {
            var offsets: [UInt64] = [0]
            offsets.reserveCapacity(counts.reduce(1, +))
            var total = 0
            for (s, n) in zip(stores, counts) {
                let base = s.offsets[0]
                for i in 0..<n { offsets.append(UInt64(total + s.offsets[i + 1] - base)) }
                total += s.offsets[n] - base
            }
            try out.put(bytesOf: offsets)
        }
        var total = 0
        for (s, n) in zip(stores, counts) {
            let from = s.offsets[0], to = s.offsets[n]
            total += to - from
            if from == 0 {
                try out.put(bytesOf: s.bytes, count: to)
            } else {
                try out.put(bytesOf: Array(s.bytes[from..<to]))
            }
        }
        try out.zeros((8 - total % 8) % 8)
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
