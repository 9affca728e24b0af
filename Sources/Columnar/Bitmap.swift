/// A packed bit vector, used as a column's validity mask (bit set = value present).
public struct Bitmap: Sendable, Hashable {
    /// 64 bits per word, least significant bit first.
    public var words: [UInt64]
    /// Number of bits.
    public private(set) var count: Int

    /// `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let n = (count + 63) >> 6
        words = Array(repeating: value ? ~0 : 0, count: n)
        if value, count & 63 != 0 { words[n - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    /// Bits from a sequence of booleans.
    public init<S: Sequence>(_ bits: S) where S.Element == Bool {
        words = []
        count = 0
        for b in bits { append(b) }
    }

    @inlinable
    public subscript(i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// Adds one bit at the end.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Number of set bits.
    public var nonzeroCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// True when every bit is set.
    public var allSet: Bool { nonzeroCount == count }

    /// Bitwise AND of two equally long bitmaps.
    public func and(_ other: Bitmap) -> Bitmap {
        var r = self
        for i in 0..<min(r.words.count, other.words.count) { r.words[i] &= other.words[i] }
        return r
    }
}
