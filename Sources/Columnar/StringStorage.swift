/// Strings of a column kept as one UTF-8 byte buffer plus `count + 1` offsets.
public struct StringStorage: Sendable, Hashable {
    /// All string bytes back to back.
    public var bytes: [UInt8]
    /// `offsets[i]..<offsets[i+1]` are the bytes of string `i`.
    public var offsets: [Int]

    /// An empty storage.
    public init() {
        bytes = []
        offsets = [0]
    }

    /// Storage holding `strings`.
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    /// `count` copies of the string whose UTF-8 bytes are `text` (a constant column).
    public init(repeating text: [UInt8], count: Int) {
        let n = text.count
        let (total, overflow) = n.multipliedReportingOverflow(by: count)
        guard !overflow, count > 0 else {
            bytes = []
            offsets = [Int](repeating: 0, count: max(count, 0) + 1)
            return
        }
        bytes = [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
            text.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let o = out.baseAddress else { return }
                for k in 0..<count { (o + k * n).initialize(from: s, count: n) }
            }
            initialized = total
        }
        offsets = (0...count).map { $0 * n }
    }

    /// Number of strings.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Adds a string.
    public mutating func append(_ s: String) {
        // Native strings lend their bytes without the copy `withUTF8` on a `var` makes.
        let lent: Void? = s.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if lent == nil {
            var s = s
            s.withUTF8 { bytes.append(contentsOf: $0) }
        }
        offsets.append(bytes.count)
    }

    /// Adds raw UTF-8 bytes.
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: b)
        offsets.append(bytes.count)
    }

    /// Adds an empty string (the slot of a NULL).
    public mutating func appendEmpty() { offsets.append(bytes.count) }

    /// The string at `i`.
    public subscript(i: Int) -> String {
        String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
    }

    /// Byte length of string `i`.
    @inlinable public func length(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Calls `body` with the bytes of string `i`.
    @inlinable
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            let start = offsets[i], end = offsets[i + 1]
            return try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Compares string `i` with string `j` of `other` bytewise (UTF-8 order = code point order).
    @inlinable
    public func compare(_ i: Int, _ other: StringStorage, _ j: Int) -> Int {
        let a0 = offsets[i], a1 = offsets[i + 1], b0 = other.offsets[j], b1 = other.offsets[j + 1]
        let la = a1 - a0, lb = b1 - b0
        let n = min(la, lb)
        var k = 0
        while k < n {
            let x = bytes[a0 + k], y = other.bytes[b0 + k]
            if x != y { return x < y ? -1 : 1 }
            k += 1
        }
        return la == lb ? 0 : (la < lb ? -1 : 1)
    }

    /// True when string `i` equals string `j` of `other`.
    @inlinable
    public func equals(_ i: Int, _ other: StringStorage, _ j: Int) -> Bool {
        let a0 = offsets[i], a1 = offsets[i + 1], b0 = other.offsets[j], b1 = other.offsets[j + 1]
        if a1 - a0 != b1 - b0 { return false }
        var k = 0
        while k < a1 - a0 {
            if bytes[a0 + k] != other.bytes[b0 + k] { return false }
            k += 1
        }
        return true
    }
}
