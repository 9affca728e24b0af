/// The byte buffer generated JSON lines are written into: one allocation that grows
/// by doubling, appends of static keys, pre-encoded strings and digits, no `String`
/// per value. One buffer holds a whole output file before it is written.
final class GenerateBuffer {
    /// The bytes; `count` of them are written.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Number of bytes written.
    private(set) var count = 0
    /// Bytes allocated.
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Drops the content, keeping the allocation.
    func removeAll() { count = 0 }

    /// Cuts the content back to its first `length` bytes.
    func truncate(to length: Int) { count = max(0, min(count, length)) }

    /// The byte at `offset` (which must be below `count`).
    @inline(__always) func byte(at offset: Int) -> UInt8 { base[offset] }

    /// Makes room for `extra` more bytes.
    @inline(__always) func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends a static ASCII text (keys and punctuation).
    @inline(__always) func append(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: text.utf8Start, count: n)
        count += n
    }

    /// Appends pre-encoded bytes.
    @inline(__always) func append(_ bytes: [UInt8]) {
        let n = bytes.count
        reserve(n)
        bytes.withUnsafeBufferPointer { src in
            if let from = src.baseAddress { (base + count).update(from: from, count: n) }
        }
        count += n
    }

    /// Appends the decimal digits of a non-negative `value`, at least `width` of them.
    @inline(__always) func append(digits value: Int, width: Int = 1) {
        var v = value.magnitude
        var n = 1
        var probe = v / 10
        while probe > 0 { n += 1; probe /= 10 }
        let total = max(n, width)
        reserve(total + 1)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var i = count + total - 1
        while i >= count {
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
            i -= 1
        }
        count += total
    }

    /// Appends an amount of money in pence as a number with two decimals (`12995.00`).
    @inline(__always) func append(money cents: Int) {
        if cents < 0 { append(UInt8(ascii: "-")) }
        let m = cents.magnitude
        append(digits: Int(m / 100))
        append(UInt8(ascii: "."))
        append(digits: Int(m % 100), width: 2)
    }

    /// Appends a JSON string literal (quotes included) for `text`, escaping as JSON requires.
    func append(jsonString text: String) {
        append(GenerateBuffer.jsonLiteral(text))
    }

    /// `text` as the bytes of a JSON string literal, quotes included.
    static func jsonLiteral(_ text: String) -> [UInt8] {
        [UInt8(ascii: "\"")] + jsonEscaped(text) + [UInt8(ascii: "\"")]
    }

    /// The UTF-8 bytes of `text` escaped for the inside of a JSON string.
    static func jsonEscaped(_ text: String) -> [UInt8] {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case UInt8(ascii: "\\"): out += [92, 92]
            case 0x0A: out += [92, UInt8(ascii: "n")]
            case 0x0D: out += [92, UInt8(ascii: "r")]
            case 0x09: out += [92, UInt8(ascii: "t")]
            case 0..<0x20: out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        return out
    }

    /// The written bytes as a read-only buffer (valid until the next append).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
