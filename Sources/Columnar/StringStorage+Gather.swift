/// String gathers: one pass sums the picked lengths so the byte buffer is allocated once,
/// a second copies each string: short ones (up to 16 bytes, most names and codes) as two
/// unaligned words, longer ones with one memcpy.
extension StringStorage {
    /// Strings at `indices`, in that order; an index of -1 (or any index outside the
    /// storage) gives an empty string.
    public func gather(_ indices: [Int]) -> StringStorage {
        let n = indices.count
        let limit = UInt(bitPattern: count)
        var r = StringStorage()
        var total = 0
        offsets.withUnsafeBufferPointer { offs in
            indices.withUnsafeBufferPointer { ix in
                for i in ix where UInt(bitPattern: i) < limit { total &+= offs[i + 1] &- offs[i] }
            }
        }
        var gathered: [UInt8] = []
        r.offsets = [Int](unsafeUninitializedCapacity: n + 1) { outOffsets, offsetsDone in
            gathered = [UInt8](unsafeUninitializedCapacity: total + 16) { out, initialized in
                initialized = copyStrings(indices, limit: limit, into: out, offsets: outOffsets)
            }
            offsetsDone = n + 1
        }
        r.bytes = gathered
        return r
    }

    /// Copies the strings at `indices` into `out` (which has 16 bytes of slack) and writes
    /// the `indices.count + 1` offsets; returns the number of bytes written.
    private func copyStrings(_ indices: [Int], limit: UInt, into out: UnsafeMutableBufferPointer<UInt8>, offsets outOffsets: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let dst = out.baseAddress, let offsOut = outOffsets.baseAddress else { return 0 }
        var o = 0
        offsOut.initialize(to: 0)
        bytes.withUnsafeBufferPointer { src in
            offsets.withUnsafeBufferPointer { offs in
                indices.withUnsafeBufferPointer { ix in
                    let base = src.baseAddress
                    let available = src.count
                    for k in 0..<ix.count {
                        let i = ix[k]
                        if UInt(bitPattern: i) < limit, let base {
                            let a = offs[i], len = offs[i + 1] &- a
                            if len <= 16, a &+ 16 <= available {
                                let from = UnsafeRawPointer(base + a), to = UnsafeMutableRawPointer(dst + o)
                                to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                            } else if len > 0 {
                                (dst + o).initialize(from: base + a, count: len)
                            }
                            o &+= len
                        }
                        (offsOut + k + 1).initialize(to: o)
                    }
                }
            }
        }
        return o
    }
}
