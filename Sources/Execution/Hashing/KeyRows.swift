import Columnar

/// Key rows of a batch encoded as byte strings, so that two rows have equal keys exactly
/// when their bytes are equal. Hash tables then hash and compare one byte string per row
/// instead of visiting every key column per row.
///
/// Per column: a flag byte (0 NULL, 1 present), then for present values an integer as 8
/// bytes, a double as 8 bytes (-0 and every NaN normalized, so equal values encode alike),
/// a boolean as 1 byte, a decimal or an interval as 16 bytes, a string as a 4-byte length
/// and its bytes. Nested values (`.value` storage) are numbered by a `ValueInterner` kept
/// with the table, and encode as their 8-byte number.
struct KeyRows {
    /// All rows back to back.
    var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i+1]` are the bytes of row `i`.
    var offsets: [Int] = [0]
    /// One hash per row, of its bytes.
    var hashes: [UInt64] = []
    /// True when row `i` has a NULL in some key column.
    var hasNull: [Bool] = []

    /// Number of rows.
    var count: Int { offsets.count - 1 }

    /// The encoded rows of `columns` (each of `count` rows); `interners` (one per column)
    /// number the nested values.
    init(_ columns: [Column], count: Int, interners: inout [ValueInterner]) {
        var widths = [Int](repeating: columns.count, count: count)
        for c in columns {
            switch c.storage {
            case .int, .double, .value: for i in 0..<count { widths[i] += 8 }
            case .bool: for i in 0..<count { widths[i] += 1 }
            case .decimal, .interval: for i in 0..<count { widths[i] += 16 }
            case let .string(s):
                // A NULL's slot may hold bytes; it encodes as an empty string.
                let validity = c.validity
                s.offsets.withUnsafeBufferPointer { o in
                    for i in 0..<count { widths[i] += validity?[i] == false ? 4 : 4 + o[i + 1] - o[i] }
                }
            }
        }
        offsets = [Int](repeating: 0, count: count + 1)
        for i in 0..<count { offsets[i + 1] = offsets[i] + widths[i] }
        bytes = [UInt8](repeating: 0, count: offsets[count])
        hasNull = [Bool](repeating: false, count: count)
        // Write position of each row; advances column by column.
        var positions = Array(offsets.dropLast())
        for (k, c) in columns.enumerated() {
            var column = c
            if case let .value(a) = c.storage, interners.indices.contains(k) {
                // Nested values become their numbers, then encode as integers.
                column = Column(type: .int64, storage: .int(interners[k].numbers(a, count: count)), validity: c.validity)
            }
            KeyRows.append(column, count: count, positions: &positions, bytes: &bytes, hasNull: &hasNull)
        }
        hashes = [UInt64](repeating: 0, count: count)
        bytes.withUnsafeBytes { b in
            guard let base = b.baseAddress else { return }
            for i in 0..<count { hashes[i] = KeyRows.hash(base + offsets[i], offsets[i + 1] - offsets[i]) }
        }
    }

    /// Writes column `c` of every row at `positions`, advancing them.
    private static func append(_ c: Column, count: Int, positions: inout [Int], bytes: inout [UInt8], hasNull: inout [Bool]) {
        let validity = c.validity
        bytes.withUnsafeMutableBytes { out in
            guard let base = out.baseAddress else { return }
            positions.withUnsafeMutableBufferPointer { pos in
                for i in 0..<count {
                    if let v = validity, !v[i] {
                        // Flag 0 stays; the value's slot stays zero.
                        hasNull[i] = true
                        pos[i] += 1 + fixedWidth(c.storage)
                        continue
                    }
                    base.storeBytes(of: 1, toByteOffset: pos[i], as: UInt8.self)
                    pos[i] += 1
                }
                // Each present row's position is now at its value slot.
                switch c.storage {
                case let .int(a):
                    for i in 0..<count where validity?[i] ?? true {
                        base.storeBytes(of: UInt64(bitPattern: a[i]).littleEndian, toByteOffset: pos[i], as: UInt64.self)
                        pos[i] += 8
                    }
                case let .double(a):
                    for i in 0..<count where validity?[i] ?? true {
                        var d = a[i]
                        if d == 0 { d = 0 }
                        if d.isNaN { d = .nan }
                        base.storeBytes(of: d.bitPattern.littleEndian, toByteOffset: pos[i], as: UInt64.self)
                        pos[i] += 8
                    }
                case let .bool(a):
                    for i in 0..<count where validity?[i] ?? true {
                        base.storeBytes(of: a[i] ? 1 : 2, toByteOffset: pos[i], as: UInt8.self)
                        pos[i] += 1
                    }
                case let .decimal(a):
                    for i in 0..<count where validity?[i] ?? true {
                        let v = a[i]
                        base.storeBytes(of: UInt64(truncatingIfNeeded: v).littleEndian, toByteOffset: pos[i], as: UInt64.self)
                        base.storeBytes(of: UInt64(truncatingIfNeeded: v >> 64).littleEndian, toByteOffset: pos[i] + 8, as: UInt64.self)
                        pos[i] += 16
                    }
                case let .interval(a):
                    for i in 0..<count where validity?[i] ?? true {
                        let v = a[i]
                        base.storeBytes(of: UInt32(bitPattern: v.months).littleEndian, toByteOffset: pos[i], as: UInt32.self)
                        base.storeBytes(of: UInt32(bitPattern: v.days).littleEndian, toByteOffset: pos[i] + 4, as: UInt32.self)
                        base.storeBytes(of: UInt64(bitPattern: v.micros).littleEndian, toByteOffset: pos[i] + 8, as: UInt64.self)
                        pos[i] += 16
                    }
                case let .string(s):
                    s.bytes.withUnsafeBytes { src in
                        s.offsets.withUnsafeBufferPointer { o in
                            for i in 0..<count {
                                if let v = validity, !v[i] { pos[i] += 4; continue }
                                let len = o[i + 1] - o[i]
                                base.storeBytes(of: UInt32(truncatingIfNeeded: len).littleEndian, toByteOffset: pos[i], as: UInt32.self)
                                if len > 0, let from = src.baseAddress {
                                    (base + pos[i] + 4).copyMemory(from: from + o[i], byteCount: len)
                                }
                                pos[i] += 4 + len
                            }
                        }
                    }
                case .value:
                    // Replaced by numbers before encoding; a missing interner leaves zeros.
                    for i in 0..<count where validity?[i] ?? true { pos[i] += 8 }
                }
            }
        }
    }

    /// Bytes of a value of `storage` that do not depend on the row (strings add their length).
    private static func fixedWidth(_ storage: ColumnStorage) -> Int {
        switch storage {
        case .int, .double, .value: return 8
        case .bool: return 1
        case .decimal, .interval: return 16
        case .string: return 0
        }
    }

    /// A 64-bit hash of `count` bytes at `p`, eight bytes at a time.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
        var k = 0
        while k + 8 <= count {
            let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            k += 8
        }
        if k < count {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while k < count {
                w |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << shift
                shift += 8
                k += 1
            }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        }
        return KeyHasher.mix(h)
    }

    /// True when the `count` bytes at `a` and at `b` are equal.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var k = 0
        while k + 8 <= count {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k += 8
        }
        while k < count {
            if a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self) { return false }
            k += 1
        }
        return true
    }
}

/// Numbers distinct nested values (structs, arrays) of one key column, so key rows can
/// hold them as fixed-width integers.
struct ValueInterner {
    private var numbers: [Value: Int64] = [:]

    /// The number of each of the first `count` values, numbering new ones.
    mutating func numbers(_ values: [Value], count: Int) -> [Int64] {
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<min(count, values.count) {
            let v = values[i]
            if let n = numbers[v] {
                out[i] = n
            } else {
                let n = Int64(numbers.count)
                numbers[v] = n
                out[i] = n
            }
        }
        return out
    }
}
