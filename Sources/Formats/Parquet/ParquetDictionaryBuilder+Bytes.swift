/// Dictionaries of byte strings (VARCHAR, fixed-length decimals and intervals): an
/// open-addressing table of first occurrences. A string of at most 16 bytes is keyed by
/// its two masked 8-byte words and its length, read without branching on the length, so
/// looking it up compares three integers and never touches the first occurrence's bytes;
/// longer strings are keyed by `ByteHash` and compared byte for byte.
extension ParquetDictionaryBuilder {
    /// Longest string keyed by its words.
    static let shortKey = 16

    /// One distinct value: its key words (the hash and 0 for long strings), length and first index.
    struct Entry {
        var k0: UInt64
        var k1: UInt64
        var length: Int
        var first: Int
    }

    /// The key words of the `len` (<= 16) bytes at `start`: little-endian words, zero past the end.
    @inline(__always)
    static func shortKey(_ base: UnsafeRawPointer, _ start: Int, _ len: Int, total: Int) -> (UInt64, UInt64) {
        guard start + 16 <= total else { return shortKeyByBytes(base, start, len) }
        let m0 = byteMask(min(len, 8)), m1 = byteMask(max(len &- 8, 0))
        let a = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let b = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
        return (a & m0, b & m1)
    }

    /// Ones in the low `bytes` (0...8) bytes, without a branch: all ones shifted right by
    /// the bits to clear (a masking shift, so 64 becomes 0), then zeroed when `bytes` is 0.
    @inline(__always)
    static func byteMask(_ bytes: Int) -> UInt64 {
        let all = UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* bytes)
        return all & (0 &- UInt64(truncatingIfNeeded: (bytes &+ 7) &>> 3))
    }

    /// `shortKey` byte by byte, for strings near the buffer's end.
    @inline(never)
    static func shortKeyByBytes(_ base: UnsafeRawPointer, _ start: Int, _ len: Int) -> (UInt64, UInt64) {
        var k0: UInt64 = 0, k1: UInt64 = 0
        let p = base.assumingMemoryBound(to: UInt8.self) + start
        for k in 0..<min(len, 8) { k0 |= UInt64(p[k]) << UInt64(8 * k) }
        for k in 8..<max(len, 8) { k1 |= UInt64(p[k]) << UInt64(8 * (k - 8)) }
        return (k0, k1)
    }

    /// Table slot of a key.
    @inline(__always)
    static func slot(_ k0: UInt64, _ k1: UInt64, _ len: Int, _ size: Int) -> Int {
        var h = (k0 ^ UInt64(truncatingIfNeeded: len)) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 29) ^ k1) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> 40) & (size &- 1)
    }

    /// Distinct byte strings: value `i` is `bytes[offsets[i]..<offsets[i+1]]`, or when
    /// `fixedWidth` > 0, `bytes[i*w..<(i+1)*w]`. Returns the first occurrence of each
    /// distinct value, in order, and every value's dictionary index.
    static func byteStrings(_ bytes: [UInt8], _ offsets: [Int], count n: Int, fixedWidth w: Int, limit: Int) -> ([Int], [UInt32])? {
        var size = tableSize(for: 0)
        var slots = [Int32](repeating: -1, count: size)
        var entries: [Entry] = []
        var dictBytes = 0, plainBytes = 0
        var ok = true
        let lengthPrefix = w > 0 ? 0 : 4
        let indices = [UInt32](unsafeUninitializedCapacity: n) { idx, initialized in
            initialized = n
            guard let ip = idx.baseAddress else { return }
            ip.initialize(repeating: 0, count: n)
            bytes.withUnsafeBytes { raw in
                offsets.withUnsafeBufferPointer { offs in
                    guard let base = raw.baseAddress else { ok = false; return }
                    let total = raw.count
                    let bytePointer = base.assumingMemoryBound(to: UInt8.self)
                    let shortest = shortKey, probes = probeCount  // read once, not per value
                    for i in 0..<n {
                        let start = w > 0 ? i * w : offs[i]
                        let len = w > 0 ? w : offs[i &+ 1] &- start  // offsets ascend: no overflow
                        plainBytes &+= len
                        let short = len <= shortest
                        let (k0, k1) = short ? shortKey(base, start, len, total: total) : (ByteHash.hash(bytePointer + start, len), 0)
                        var h = slot(k0, k1, len, size)
                        while true {
                            let s = Int(slots[h])
                            if s < 0 {
                                slots[h] = Int32(truncatingIfNeeded: entries.count)
                                ip[i] = UInt32(truncatingIfNeeded: entries.count)
                                entries.append(Entry(k0: k0, k1: k1, length: len, first: i))
                                dictBytes += len + lengthPrefix
                                if dictBytes > limit { ok = false; return }
                                if 4 * entries.count > size {
                                    size <<= 1
                                    slots = [Int32](repeating: -1, count: size)
                                    for (k, e) in entries.enumerated() {
                                        var h = slot(e.k0, e.k1, e.length, size)
                                        while slots[h] >= 0 { h = (h + 1) & (size - 1) }
                                        slots[h] = Int32(truncatingIfNeeded: k)
                                    }
                                }
                                break
                            }
                            let e = entries[s]
                            if e.k0 == k0, e.k1 == k1, e.length == len {
                                let first = w > 0 ? e.first * w : offs[e.first]
                                if short || ByteHash.equal(bytePointer + first, bytePointer + start, len) {
                                    ip[i] = UInt32(truncatingIfNeeded: s)
                                    break
                                }
                            }
                            h = (h + 1) & (size - 1)
                        }
                        if i + 1 == probes, hopeless(distinct: entries.count, seen: probes) { ok = false; return }
                    }
                }
            }
        }
        plainBytes += n * lengthPrefix
        guard ok, pays(distinct: entries.count, dictBytes: dictBytes, count: n, plainBytes: plainBytes) else { return nil }
        return (entries.map(\.first), indices)
    }
}
