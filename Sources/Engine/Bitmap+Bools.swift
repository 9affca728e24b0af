import Columnar

extension Bitmap {
    /// The bits of `bools`, set a word at a time (the state's columns are built as plain
    /// arrays of flags first).
    static func of(_ bools: [Bool]) -> Bitmap {
        var b = Bitmap(count: bools.count, value: false)
        b.words.withUnsafeMutableBufferPointer { w in
            for (i, x) in bools.enumerated() where x { w[i >> 6] |= 1 << UInt64(i & 63) }
        }
        return b
    }

    /// The first `count` bits of a column's validity (all set when it has none), as flags.
    static func flags(_ validity: Bitmap?, count: Int) -> [Bool] {
        guard let v = validity else { return [Bool](repeating: true, count: count) }
        return v.words.withUnsafeBufferPointer { w in (0..<count).map { w[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 } }
    }
}
