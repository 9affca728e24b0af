import Columnar

/// Key rows of a batch encoded as byte strings, so that two rows have equal keys exactly
/// when their bytes are equal. Hash tables then hash and compare one byte string per row
/// instead of visiting every key column per row. The buffers are kept between batches.
///
/// Per column: a flag byte (0 NULL, 1 present), then an integer as 8 bytes, a double as
/// 8 bytes (-0 and every NaN normalized, so equal values encode alike), a boolean as 1
/// byte, a decimal or an interval as 16 bytes (zeros for NULL), a string as a 4-byte
/// length and its bytes (empty for NULL). Nested values (`.value` storage) are numbered
/// by a `ValueInterner` kept with the table and encode as their 8-byte number.
struct KeyRows {
    /// All rows back to back.
    private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i+1]` are the bytes of row `i`.
    private(set) var offsets: [Int] = [0]
    /// True when row `i` has a NULL in some key column.
    private(set) var hasNull: [Bool] = []
    /// Write position of each row while encoding.
    private var positions: [Int] = []

    /// Number of rows.
    var count: Int { offsets.count - 1 }

    /// Encodes the first `count` rows of `columns`; `interners` (one per column) number
    /// the nested values.
    mutating func encode(_ columns: [Column], count n: Int, interners: inout [ValueInterner]) {
        var cols = columns
        for k in cols.indices {
            if case let .value(a) = cols[k].storage, interners.indices.contains(k) {
                cols[k] = Column(type: .int64, storage: .int(interners[k].numbers(a, count: n)), validity: cols[k].validity)
            }
        }
        // Strings first: a short string is copied as two 8-byte words that may run into
        // the bytes of later columns of its row, which are written afterwards.
        cols = cols.filter { if case .string = $0.storage { return true } else { return false } }
            + cols.filter { if case .string = $0.storage { return false } else { return true } }
        var fixed = 0
        for c in cols { fixed += 1 + KeyRows.fixedWidth(c.storage) }
        offsets.removeAll(keepingCapacity: true)
        offsets.append(contentsOf: repeatElement(fixed, count: n + 1))
        offsets.withUnsafeMutableBufferPointer { o in
            o[0] = 0
            for c in cols {
                guard case let .string(s) = c.storage else { continue }
                s.offsets.withUnsafeBufferPointer { so in
                    for i in 0..<n where KeyRows.present(c.validity, i) { o[i + 1] += so[i + 1] - so[i] }
                }
            }
            for i in 0..<n { o[i + 1] += o[i] }
        }
        bytes.removeAll(keepingCapacity: true)
        // One byte more than the rows need, so the buffer is never empty.
        bytes.append(contentsOf: repeatElement(0, count: offsets[n] + 1))
        hasNull.removeAll(keepingCapacity: true)
        hasNull.append(contentsOf: repeatElement(false, count: n))
        positions.removeAll(keepingCapacity: true)
        positions.append(contentsOf: offsets[0..<n])
        bytes.withUnsafeMutableBytes { out in
            positions.withUnsafeMutableBufferPointer { pos in
                hasNull.withUnsafeMutableBufferPointer { nulls in
                    offsets.withUnsafeBufferPointer { o in
                        guard let base = out.baseAddress else { return }
                        for c in cols { KeyRows.write(c, count: n, base: base, pos: pos, ends: UnsafeBufferPointer(rebasing: o[1...]), nulls: nulls) }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func present(_ v: Bitmap?, _ i: Int) -> Bool {
        guard let v else { return true }
        return v[i]
    }

    /// Writes column `c` of every row at `pos`, advancing the positions; `ends[i]` is
    /// where row `i` ends. Every byte of the column's part of a row is written (zeros for
    /// NULLs), so bytes a short-string copy ran into are overwritten. One pass per column:
    /// the flag and the value of a row are written together.
    private static func write(_ c: Column, count n: Int, base: UnsafeMutableRawPointer, pos: UnsafeMutableBufferPointer<Int>,
                              ends: UnsafeBufferPointer<Int>, nulls: UnsafeMutableBufferPointer<Bool>) {
        let v = c.validity
        /// Writes row `i`'s flag at `at`; true when the value is present.
        @inline(__always) func flag(_ i: Int, _ at: Int) -> Bool {
            if present(v, i) {
                base.storeBytes(of: 1, toByteOffset: at, as: UInt8.self)
                return true
            }
            base.storeBytes(of: 0, toByteOffset: at, as: UInt8.self)
            nulls[i] = true
            return false
        }
        switch c.storage {
        case let .int(a):
            a.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    let at = pos[i]
                    let x = flag(i, at) ? UInt64(bitPattern: p[i]) : 0
                    base.storeBytes(of: x.littleEndian, toByteOffset: at + 1, as: UInt64.self)
                    pos[i] = at + 9
                }
            }
        case let .double(a):
            a.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    let at = pos[i]
                    var d = flag(i, at) ? p[i] : 0
                    if d == 0 { d = 0 }
                    if d.isNaN { d = .nan }
                    base.storeBytes(of: d.bitPattern.littleEndian, toByteOffset: at + 1, as: UInt64.self)
                    pos[i] = at + 9
                }
            }
        case let .bool(a):
            for i in 0..<n {
                let at = pos[i]
                let x: UInt8 = flag(i, at) ? (a[i] ? 1 : 2) : 0
                base.storeBytes(of: x, toByteOffset: at + 1, as: UInt8.self)
                pos[i] = at + 2
            }
        case let .decimal(a):
            for i in 0..<n {
                let at = pos[i]
                let x: Int128 = flag(i, at) ? a[i] : 0
                base.storeBytes(of: UInt64(truncatingIfNeeded: x).littleEndian, toByteOffset: at + 1, as: UInt64.self)
                base.storeBytes(of: UInt64(truncatingIfNeeded: x >> 64).littleEndian, toByteOffset: at + 9, as: UInt64.self)
                pos[i] = at + 17
            }
        case let .interval(a):
            for i in 0..<n {
                let at = pos[i]
                let x = flag(i, at) ? a[i] : Interval()
                base.storeBytes(of: UInt32(bitPattern: x.months).littleEndian, toByteOffset: at + 1, as: UInt32.self)
                base.storeBytes(of: UInt32(bitPattern: x.days).littleEndian, toByteOffset: at + 5, as: UInt32.self)
                base.storeBytes(of: UInt64(bitPattern: x.micros).littleEndian, toByteOffset: at + 9, as: UInt64.self)
                pos[i] = at + 17
            }
        case let .string(s):
            s.bytes.withUnsafeBytes { src in
                s.offsets.withUnsafeBufferPointer { o in
                    for i in 0..<n {
                        let at = pos[i]
                        guard flag(i, at) else {
                            base.storeBytes(of: 0, toByteOffset: at + 1, as: UInt32.self)
                            pos[i] = at + 5
                            continue
                        }
                        let len = o[i + 1] - o[i]
                        base.storeBytes(of: UInt32(truncatingIfNeeded: len).littleEndian, toByteOffset: at + 1, as: UInt32.self)
                        let to = at + 5
                        if let from = src.baseAddress {
                            if len <= 16 && to + 16 <= ends[i] && o[i] + 16 <= src.count {
                                // Two words; bytes past the string belong to later columns of this row.
                                base.storeBytes(of: from.loadUnaligned(fromByteOffset: o[i], as: UInt64.self), toByteOffset: to, as: UInt64.self)
                                base.storeBytes(of: from.loadUnaligned(fromByteOffset: o[i] + 8, as: UInt64.self), toByteOffset: to + 8, as: UInt64.self)
                            } else if len > 0 {
                                (base + to).copyMemory(from: from + o[i], byteCount: len)
                            }
                        }
                        pos[i] = to + len
                    }
                }
            }
        case .value:
            // Replaced by numbers before encoding; without an interner the slots are zero.
            for i in 0..<n {
                let at = pos[i]
                _ = flag(i, at)
                base.storeBytes(of: 0, toByteOffset: at + 1, as: UInt64.self)
                pos[i] = at + 9
            }
        }
    }

    /// Bytes of a value of `storage` that do not depend on the row (strings add their length).
    private static func fixedWidth(_ storage: ColumnStorage) -> Int {
        switch storage {
        case .int, .double, .value: return 8
        case .bool: return 1
        case .decimal, .interval: return 16
        case .string: return 4
        }
    }

    /// A 64-bit hash of `count` bytes at `p`, eight bytes at a time.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: count)
        var k = 0
        while k + 8 <= count {
            let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            k += 8
        }
        if k < count {
            var w: UInt64 = 0
            if count >= 8 {
                // The last 8 bytes, shifted so only the ones not hashed yet remain.
                let last = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                w = last >> UInt64(8 * (8 - (count - k)))
            } else {
                var shift: UInt64 = 0
                while k < count {
                    w |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << shift
                    shift += 8
                    k += 1
                }
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
        if k < count && count >= 8 {
            // The last 8 bytes, overlapping ones already compared.
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
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
