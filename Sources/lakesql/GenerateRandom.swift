import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The generator's pseudo-random numbers: SplitMix64, seeded per record from
/// (seed, stream, index), so every record is drawn independently of the others and
/// the same arguments always give the same bytes. Never the system generator.
struct GenerateRandom {
    /// The SplitMix64 state.
    private var state: UInt64

    /// A generator for record `index` of `stream` (a feed or a purpose) under `seed`.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        var s = seed ^ 0x6A09_E667_F3BC_C909
        s = GenerateRandom.mix(s &+ stream &* 0x9E37_79B9_7F4A_7C15)
        s = GenerateRandom.mix(s ^ (index &* 0xBF58_476D_1CE4_E5B9))
        state = s
    }

    /// SplitMix64's output finaliser: a bijective 64-bit mix.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    @inline(__always) mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return GenerateRandom.mix(state)
    }

    /// A number in `0..<bound` (0 when `bound` is not positive).
    @inline(__always) mutating func below(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    @inline(__always) mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform number in [0, 1).
    @inline(__always) mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A standard normal number (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1p-53)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An index drawn from cumulative weights (`cumulative.last` is the total).
    mutating func pick(cumulative: [Int]) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let r = below(total)
        var i = 0
        while i < cumulative.count - 1 && cumulative[i] <= r { i += 1 }
        return i
    }
}

/// Streams of `GenerateRandom`: one per feed and purpose, so that, say, the faults
/// drawn never shift the clean values.
enum RandomStream {
    /// Listing values (and the listing's removal).
    static let listing: UInt64 = 1
    /// Dealer values.
    static let dealer: UInt64 = 2
    /// Faults of listings.
    static let listingFault: UInt64 = 11
    /// Faults of removals.
    static let removalFault: UInt64 = 12
    /// Faults of dealers.
    static let dealerFault: UInt64 = 13
    /// Stream-mode choices of one tick.
    static let tick: UInt64 = 21
}

/// Running sums of weights, for `GenerateRandom.pick(cumulative:)`.
func cumulativeWeights(_ weights: [Int]) -> [Int] {
    var total = 0
    return weights.map { total += $0; return total }
}
