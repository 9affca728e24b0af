/// A growable byte buffer the printers render into; appends work on bytes,
/// so no `String` is built per value where the text can be written directly.
struct ByteBuffer {
    /// The bytes written so far.
    var bytes: [UInt8]

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 1 << 16) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written.
    var count: Int { bytes.count }

    /// Drops the content, keeping the allocation.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends one byte.
    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends an ASCII character.
    @inline(__always) mutating func append(ascii c: Unicode.Scalar) { bytes.append(UInt8(ascii: c)) }

    /// Appends the UTF-8 bytes of a string.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes.
    @inline(__always) mutating func append(_ raw: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: raw) }

    /// Appends raw bytes.
    @inline(__always) mutating func append(_ raw: ArraySlice<UInt8>) { bytes.append(contentsOf: raw) }

    /// Appends `n` copies of `byte`.
    mutating func append(repeating byte: UInt8, count n: Int) {
        if n > 0 { bytes.append(contentsOf: repeatElement(byte, count: n)) }
    }

    /// Appends a string `n` times (box-drawing characters).
    mutating func append(_ text: String, times n: Int) {
        for _ in 0..<max(0, n) { append(text) }
    }

    /// Appends the decimal digits of `v` without building a `String`.
    mutating func append(int v: Int64) {
        // The magnitude as UInt64 handles Int64.min without overflow.
        var magnitude = v.magnitude
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            bytes.append(UInt8(truncatingIfNeeded: magnitude) &+ 48)
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes ≥ 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                let (q, r) = magnitude.quotientAndRemainder(dividingBy: 10)
                raw[n] = UInt8(truncatingIfNeeded: r) &+ 48
                n += 1
                magnitude = q
            }
            var i = n - 1
            while i >= 0 {
                bytes.append(raw[i])
                i -= 1
            }
        }
    }

    /// Appends a DOUBLE as `Value.formatDouble` spells it; integral values go digit by digit.
    mutating func append(double v: Double) {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 {
            append(int: Int64(v))
        } else {
            append(ValueText.double(v))
        }
    }
}
