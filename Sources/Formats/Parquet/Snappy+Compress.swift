/// The Snappy compressor. Like the reference implementation it works on 64 KiB blocks
/// (so every offset fits two bytes) with a hash table of 4-byte sequences, and when no
/// match turns up it looks at every byte for the first 32 tries, then skips ahead further
/// and further: incompressible data (ids, timestamps, measurements) costs few lookups.
/// After a copy it checks the very next position for another copy before skipping.
extension Snappy {
    /// Input bytes per block; offsets stay below 2^16.
    static let blockSize = 1 << 16
    private static let tableBits = 14
    /// Bytes left unsearched at a block's end, so 4- and 8-byte loads stay inside it.
    private static let inputMargin = 15

    /// Compresses `input`.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { compress($0) }
    }

    /// Most bytes `count` input bytes compress to (the reference's bound, plus slack).
    static func maxCompressedLength(_ count: Int) -> Int { 32 + count + count / 6 }

    /// Compresses the bytes of `src`.
    static func compress(_ src: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = src.count
        return [UInt8](unsafeUninitializedCapacity: maxCompressedLength(n)) { out, written in
            guard let dst = out.baseAddress else { written = 0; return }
            var o = 0
            var v = UInt64(n)
            while v >= 0x80 {
                dst[o] = UInt8(truncatingIfNeeded: v) | 0x80
                o += 1
                v >>= 7
            }
            dst[o] = UInt8(v)
            o += 1
            guard let sp = src.baseAddress, n > 0 else { written = o; return }
            var table = [UInt16](repeating: 0, count: 1 << tableBits)
            table.withUnsafeMutableBufferPointer { t in
                guard let tp = t.baseAddress else { return }
                var start = 0
                while start < n {
                    let len = min(blockSize, n - start)
                    if start > 0 { tp.update(repeating: 0, count: t.count) }
                    o = compressBlock(sp + start, len, readable: n - start, table: tp, into: dst, at: o, capacity: out.count)
                    start += len
                }
            }
            written = o
        }
    }

    @inline(__always)
    private static func load32(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
    }

    @inline(__always)
    private static func hash(_ v: UInt32) -> Int { Int((v &* 0x1E35_A7BD) >> UInt32(32 - tableBits)) }

    /// Compresses one block of `len` bytes at `p` into `dst` from `o`; returns the new end.
    /// `readable` bytes from `p` may be read (the block and what follows it), `capacity`
    /// bytes of `dst` written: short literals are copied as whole 16-byte words.
    private static func compressBlock(_ p: UnsafePointer<UInt8>, _ len: Int, readable: Int, table: UnsafeMutablePointer<UInt16>,
                                      into dst: UnsafeMutablePointer<UInt8>, at o: Int, capacity: Int) -> Int {
        var o = o
        @inline(__always) func literal(_ start: Int, _ end: Int) -> Int {
            let n = end - start
            if n > 0, n <= 16, start + 16 <= readable, o + 17 <= capacity {
                dst[o] = UInt8(truncatingIfNeeded: n - 1) << 2
                let from = UnsafeRawPointer(p + start), to = UnsafeMutableRawPointer(dst + o + 1)
                to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                return o + 1 + n
            }
            return emitLiteral(p, start, end, into: dst, at: o)
        }
        guard len >= inputMargin + 1 else { return emitLiteral(p, 0, len, into: dst, at: o) }
        let ipLimit = len - inputMargin
        var nextEmit = 0
        var ip = 1
        var nextHash = hash(load32(p, ip))
        outer: while true {
            // Find a 4-byte match, skipping faster the longer none turns up.
            var skip = 32
            var nextIp = ip
            var candidate = 0
            repeat {
                ip = nextIp
                let h = nextHash
                let step = skip >> 5
                skip += step
                nextIp = ip + step
                if nextIp > ipLimit { break outer }
                nextHash = hash(load32(p, nextIp))
                candidate = Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip)
            } while load32(p, ip) != load32(p, candidate)
            o = literal(nextEmit, ip)
            // Emit copies while the position right after one starts another.
            var current: UInt32
            repeat {
                let matched = 4 + matchLength(p, candidate + 4, ip + 4, len)
                o = emitCopy(offset: ip - candidate, length: matched, into: dst, at: o)
                ip += matched
                nextEmit = ip
                if ip >= ipLimit { break outer }
                table[hash(load32(p, ip - 1))] = UInt16(truncatingIfNeeded: ip - 1)
                current = load32(p, ip)
                let h = hash(current)
                candidate = Int(table[h])
                table[h] = UInt16(truncatingIfNeeded: ip)
            } while load32(p, candidate) == current
            ip += 1
            nextHash = hash(load32(p, ip))
        }
        return emitLiteral(p, nextEmit, len, into: dst, at: o)
    }

    /// Number of equal bytes at `a` and `b` (`a` < `b`), not reading at or past `end`.
    @inline(__always)
    private static func matchLength(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int, _ end: Int) -> Int {
        var k = 0
        let raw = UnsafeRawPointer(p)
        while b + k + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: a + k, as: UInt64.self) ^ raw.loadUnaligned(fromByteOffset: b + k, as: UInt64.self)
            if x != 0 { return k + UInt64(littleEndian: x).trailingZeroBitCount >> 3 }
            k += 8
        }
        while b + k < end, p[a + k] == p[b + k] { k += 1 }
        return k
    }

    private static func emitLiteral(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                    into dst: UnsafeMutablePointer<UInt8>, at o: Int) -> Int {
        let len = end - start
        guard len > 0 else { return o }
        var o = o
        let m = len - 1
        if m < 60 {
            dst[o] = UInt8(m) << 2
            o += 1
        } else {
            var bytes = 0
            var rest = m
            while rest > 0 { bytes += 1; rest >>= 8 }
            dst[o] = UInt8(59 + bytes) << 2
            o += 1
            for k in 0..<bytes {
                dst[o] = UInt8(truncatingIfNeeded: m >> (8 * k))
                o += 1
            }
        }
        (dst + o).update(from: p + start, count: len)
        return o + len
    }

    private static func emitCopy(offset: Int, length: Int, into dst: UnsafeMutablePointer<UInt8>, at o: Int) -> Int {
        var o = o
        var length = length
        // Copies with 2-byte offsets carry at most 64 bytes; keep at least 4 for the last one.
        while length >= 68 {
            o = emitCopy2(offset: offset, length: 64, into: dst, at: o)
            length -= 64
        }
        if length > 64 {
            o = emitCopy2(offset: offset, length: 60, into: dst, at: o)
            length -= 60
        }
        if length < 12 && offset < 2048 {
            dst[o] = UInt8(truncatingIfNeeded: 1 | ((length - 4) << 2) | ((offset >> 8) << 5))
            dst[o + 1] = UInt8(truncatingIfNeeded: offset)
            return o + 2
        }
        return emitCopy2(offset: offset, length: length, into: dst, at: o)
    }

    @inline(__always)
    private static func emitCopy2(offset: Int, length: Int, into dst: UnsafeMutablePointer<UInt8>, at o: Int) -> Int {
        dst[o] = UInt8(truncatingIfNeeded: 2 | ((length - 1) << 2))
        dst[o + 1] = UInt8(truncatingIfNeeded: offset)
        dst[o + 2] = UInt8(truncatingIfNeeded: offset >> 8)
        return o + 3
    }
}
