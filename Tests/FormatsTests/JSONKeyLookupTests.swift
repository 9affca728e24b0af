import Formats
import Testing

/// Membership of wanted keys: a bitmap over a small span, sorted keys over a wide one; both
/// answer alike.
@Suite struct JSONKeyLookupTests {
    static let narrow: Set<Int64> = [-3, 0, 1, 63, 64, 65, 127, 1000]
    /// The same keys plus one far away: too wide a span for a bitmap.
    static let wide = narrow.union([1 << 40])

    @Test(arguments: [narrow, wide, []])
    func rangesAreAnsweredFromTheKeys(_ keys: Set<Int64>) {
        let lookup = JSONKeyLookup(keys)
        // The bounds: the smallest and largest key, or an empty range without keys.
        #expect(keys.isEmpty ? lookup.low > lookup.high : (lookup.low, lookup.high) == (keys.min()!, keys.max()!))
        for range in [Int64(-10)...(-4), -10...(-3), 2...62, 63...63, 64...126, 66...126, 128...999, -100...2000, 1001...5000, 0...Int64.max] {
            let inside = keys.filter { range.contains($0) }.sorted()
            #expect(lookup.meets(range) == !inside.isEmpty, "\(range)")
            #expect(lookup.count(in: range) == inside.count, "\(range)")
            var seen: [Int64] = []
            lookup.forEach(in: range) { seen.append($0) }
            #expect(seen == inside, "\(range)")
        }
    }

    @Test func keysKeptAsOffsetsMatchLikeWholeKeys() {
        let lookup = JSONKeyLookup([5, 7, 1 << 33])
        let whole: [Int64] = [4, 5, 6, 7, 1 << 33, 7]
        let offsets = whole.map { UInt32(truncatingIfNeeded: $0 - 4) }
        let a = whole.withUnsafeBytes { lookup.matches(in: $0.baseAddress!, count: whole.count) }
        let b = offsets.withUnsafeBytes { lookup.matches(inOffsets: $0.baseAddress!, count: offsets.count, from: 4) }
        #expect(a == [1, 3, 4, 5])
        // (the last key does not fit 32 bits as an offset: an index keeps such keys whole)
        #expect(b == [1, 3, 5])
    }
}
