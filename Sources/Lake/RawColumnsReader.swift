import Columnar

/// Decodes the bytes of a `RawColumnsFormat` file into columns, checking every size and
/// offset against the bytes there are: a damaged file gives nil, never a read out of bounds.
struct RawColumnsReader {
    let raw: UnsafeRawBufferPointer
    let schema: Schema

    func word(_ o: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))
    }

    /// The row count and every column, or nil when the bytes do not hold them.
    func columns() -> (Int, [Column])? {
        let size = raw.count
        guard size >= 24, raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self) == UInt32(1).littleEndian,
              word(8) <= UInt64(size / 8), word(16) == UInt64(schema.count), size >= 24 + schema.count * 16 else { return nil }
        let rows = Int(word(8))
        let words = (rows + 63) / 64
        var at = 24 + schema.count * 16
        var out: [Column] = []
        for k in 0..<schema.count {
            let kind = word(24 + k * 16), flag = word(32 + k * 16)
            guard flag <= 1 else { return nil }
            let type = schema.fields[k].type
            let storage: ColumnStorage
            switch (kind, type.physical) {
            case (1, .int):
                guard let a: [Int64] = array(at, rows) else { return nil }
                storage = .int(a)
                at += rows * 8
            case (2, .double):
                guard let a: [UInt64] = array(at, rows) else { return nil }
                storage = .double(a.map { Double(bitPattern: $0) })
                at += rows * 8
            case (3, .string):
                guard let (s, end) = strings(at, rows) else { return nil }
                storage = .string(s)
                at = end
            default:
                return nil
            }
            var validity: Bitmap? = nil
            if flag == 1 {
                guard let bits: [UInt64] = array(at, words) else { return nil }
                var b = Bitmap(count: rows, value: true)
                for w in 0..<words { b.words[w] = bits[w] }
                validity = b
                at += words * 8
            }
            out.append(Column(type: type, storage: storage, validity: validity))
        }
        return (rows, out)
    }

    /// `count` little-endian 8-byte values at byte `at` (nil past the end).
    func array<T: FixedWidthInteger>(_ at: Int, _ count: Int) -> [T]? {
        guard at >= 0, count >= 0, count <= (raw.count - min(at, raw.count)) / 8, let base = raw.baseAddress else { return nil }
        return [T](unsafeUninitializedCapacity: count) { buffer, n in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(start: base + at, count: count * 8))
            #if _endian(big)
            for i in 0..<count { buffer[i] = T(littleEndian: buffer[i]) }
            #endif
            n = count
        }
    }

    /// A string column at byte `at`: its storage and the byte after it.
    func strings(_ at: Int, _ rows: Int) -> (StringStorage, Int)? {
        guard let offsets: [UInt64] = array(at, rows + 1), offsets.first == 0, let total = offsets.last else { return nil }
        let start = at + (rows + 1) * 8
        guard total <= UInt64(raw.count - start) else { return nil }
        let length = Int(total)
        let padded = length + (8 - length % 8) % 8
        guard padded <= raw.count - start, let base = raw.baseAddress else { return nil }
        var s = StringStorage()
        s.offsets = []
        s.offsets.reserveCapacity(rows + 1)
        var previous: UInt64 = 0
        for o in offsets {
            guard o >= previous else { return nil }
            s.offsets.append(Int(o))
            previous = o
        }
        s.bytes = Array(UnsafeRawBufferPointer(start: base + start, count: length))
        return (s, start + padded)
    }
}
