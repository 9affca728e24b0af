/// Dictionaries of byte strings (VARCHAR, fixed-length decimals and intervals): an
/// open-addressing table of first occurrences, probed by a word-at-a-time hash. The loop
/// works on raw pointers (no bounds or uniqueness checks per value), and short strings are
/// hashed from one masked 8-byte load.
extension ParquetDictionaryBuilder {
    /// `ByteHash.hash` of the `len` bytes at `start`, reading whole words where `total`
    /// (the buffer's size) allows: the same value, fewer loads.
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer, _ start: Int, _ len: Int, total: Int) -> UInt64 {
        guard len > 0, start + len + 8 <= total else {
            return ByteHash.hash(base.assumingMemoryBound(to: UInt8.self) + start, len)
        }
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: len) &* m
        var i = 0
        while i + 8 <= len {
            h = (h ^ base.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)) &* m
            h ^= h >> 29
            i += 8
        }
        if i < len {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start + i, as: UInt64.self))
            h = (h ^ (w & ((1 << UInt64(8 * (len - i))) - 1))) &* m
            h ^= h >> 29
        }
        return h &* m ^ (h >> 32)
    }

    /// True when the `len` bytes at `a` and at `b` are equal; whole words are compared,
    /// the last one masked, where `total` (the buffer's size) allows.
    @inline(__always)
    static func equal(_ base: UnsafeRawPointer, _ a: Int, _ b: Int, _ len: Int, total: Int) -> Bool {
        guard max(a, b) + len + 8 <= total else {
            return ByteHash.equal(base.assumingMemoryBound(to: UInt8.self) + a, base.assumingMemoryBound(to: UInt8.self) + b, len)
        }
        var i = 0
        while i + 8 <= len {
            if base.loadUnaligned(fromByteOffset: a + i, as: UInt64.self) != base.loadUnaligned(fromByteOffset: b + i, as: UInt64.self) { return false }
            i += 8
        }
        guard i < len else { return true }
        let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: a + i, as: UInt64.self) ^ base.loadUnaligned(fromByteOffset: b + i, as: UInt64.self))
        return x & ((1 << UInt64(8 * (len - i))) - 1) == 0
    }

    /// Distinct byte strings: value `i` is `bytes[offsets[i]..<offsets[i+1]]`, or when
    /// `fixedWidth` > 0, `bytes[i*w..<(i+1)*w]`. Returns the first occurrence of each
    /// distinct value, in order, and every value's dictionary index.
    static func byteStrings(_ bytes: [UInt8], _ offsets: [Int], count n: Int, fixedWidth w: Int, limit: Int) -> ([Int], [UInt32])? {
        var size = tableSize(for: min(n, probeCount))
        var slots = [Int32](repeating: -1, count: size)
        var hashes: [UInt64] = []
        var firsts: [Int] = []
        var dictBytes = 0, plainBytes = 0
        var ok = true
        let indices = [UInt32](unsafeUninitializedCapacity: n) { idx, initialized in
            initialized = n
            guard let ip = idx.baseAddress else { return }
            ip.initialize(repeating: 0, count: n)
            bytes.withUnsafeBytes { raw in
                offsets.withUnsafeBufferPointer { offs in
                    guard let base = raw.baseAddress else { ok = false; return }
                    let total = raw.count
                    @inline(__always) func span(_ i: Int) -> (Int, Int) { w > 0 ? (i * w, w) : (offs[i], offs[i + 1] - offs[i]) }
                    let lengthPrefix = w > 0 ? 0 : 4
                    for i in 0..<n {
                        let (start, len) = span(i)
                        plainBytes += len + lengthPrefix
                        let hash = Self.hash(base, start, len, total: total)
                        var h = Int(truncatingIfNeeded: hash >> 32) & (size - 1)
                        while true {
                            let s = Int(slots[h])
                            if s < 0 {
                                slots[h] = Int32(truncatingIfNeeded: firsts.count)
                                ip[i] = UInt32(truncatingIfNeeded: firsts.count)
                                firsts.append(i)
                                hashes.append(hash)
                                dictBytes += len + lengthPrefix
                                break
                            }
                            if hashes[s] == hash {
                                let (os, ol) = span(firsts[s])
                                if ol == len, Self.equal(base, os, start, len, total: total) {
                                    ip[i] = UInt32(truncatingIfNeeded: s)
                                    break
                                }
                            }
                            h = (h + 1) & (size - 1)
                        }
                        if dictBytes > limit || hopeless(distinct: firsts.count, seen: i + 1) { ok = false; return }
                        if 2 * firsts.count > size {
                            size <<= 1
                            slots = [Int32](repeating: -1, count: size)
                            for (k, hash) in hashes.enumerated() {
                                var h = Int(truncatingIfNeeded: hash >> 32) & (size - 1)
                                while slots[h] >= 0 { h = (h + 1) & (size - 1) }
                                slots[h] = Int32(truncatingIfNeeded: k)
                            }
                        }
                    }
                }
            }
        }
        guard ok, pays(distinct: firsts.count, dictBytes: dictBytes, count: n, plainBytes: plainBytes) else { return nil }
        return (firsts, indices)
    }
}
