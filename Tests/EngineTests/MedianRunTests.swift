import Columnar
@testable import Engine
import Execution
import Testing

/// The sorted runs a refreshed view keeps its MEDIAN values in: the median found across
/// runs is bit for bit the one a full computation gives (ties, zeros of both signs,
/// negatives, NaN, odd and even counts, one run or many), runs merge without a sort, and
/// the merge policy keeps few runs while rewriting values only a few times.
@Suite struct MedianRunTests {
    /// A deterministic generator (no dependence on the system's random source).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static let pools: [[Double]] = [
        [0.0, -0.0],
        [1, 1, 1, 2, 2],
        [-3.5, 0, -0.0, 7, -1e300, 1e-300],
        [.nan, 1, 2, .infinity, -.infinity],
        [5, -5, 0.5, -0.5, 0, -0.0, 2.25, .nan],
    ]

    /// Group `g`'s values from a small pool, so ties are common.
    static func values(count: Int, pool: [Double], rng: inout Generator) -> [Double] {
        (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
    }

    /// The values dealt at random over `runs` sorted runs of one key.
    static func runs(of values: [Double], count runs: Int, skewed: Bool, rng: inout Generator) -> [MedianRun] {
        var parts = [[Double]](repeating: [], count: runs)
        // Skewed: most values in the first run (one large run and a few new values).
        for v in values { parts[skewed && rng.next() % 20 != 0 ? 0 : Int(rng.next() % UInt64(runs))].append(v) }
        return parts.map { p in
            let sorted = p.sorted(by: medianLess)
            return MedianRun(keys: [Int64](repeating: 7, count: sorted.count), values: sorted)
        }
    }

    @Test(arguments: [1, 2, 3, 9])
    func medianAcrossRunsIsBitIdenticalToAFullComputation(runCount: Int) throws {
        var rng = Generator(state: UInt64(runCount))
        for pool in Self.pools {
            // Few values are walked in order, more are searched for: both ways are checked.
            for n in Array(0..<40) + [63, 64, 65, 66, 100, 129, 257, 1000, 2001] {
                let values = Self.values(count: n, pool: pool, rng: &rng)
                var copy = values
                let full = copy.withUnsafeMutableBufferPointer { medianOfDoubles($0) }
                for skewed in [false, true] {
                    let runs = Self.runs(of: values, count: runCount, skewed: skewed, rng: &rng)
                    let across = try MedianRun.median(across: runs, ranges: runs.map { $0.range(of: 7) })
                    #expect(across?.bitPattern == full?.bitPattern, "\(values) in \(runCount) runs: \(String(describing: across)) vs \(String(describing: full))")
                }
                let sorted = MedianRun(keys: [Int64](repeating: 7, count: n), values: values.sorted(by: medianLess))
                let fromSlice = MedianRun.median(ofSorted: sorted.values, 0..<n)
                #expect(fromSlice?.bitPattern == full?.bitPattern, "\(values)")
            }
        }
    }

    @Test func zerosOfBothSignsHaveOneMedian() throws {
        // -0.0 sorts before 0.0: the middle of three is the same value however they arrive.
        for order in [[-0.0, 0.0, 0.0], [0.0, -0.0, 0.0], [0.0, 0.0, -0.0]] {
            var v = order
            #expect(v.withUnsafeMutableBufferPointer { medianOfDoubles($0) }?.sign == .plus)
        }
        var two = [0.0, -0.0, -0.0]
        #expect(two.withUnsafeMutableBufferPointer { medianOfDoubles($0) }?.sign == .minus)
    }

    @Test func sortKeysKeepMedianOrder() {
        let values: [Double] = [-.infinity, -1e300, -2.5, -1e-300, -0.0, 0.0, 1e-300, 3, 1e300, .infinity, .nan]
        for (i, a) in values.enumerated() {
            let k = MedianRun.sortKey(a)
            if !a.isNaN { #expect(MedianRun.value(ofSortKey: k).bitPattern == a.bitPattern) }
            for b in values[(i + 1)...] {
                #expect(k < MedianRun.sortKey(b), "\(a) \(b)")
                #expect(medianLess(a, b), "\(a) \(b)")
            }
        }
        #expect(MedianRun.value(ofSortKey: MedianRun.sortKey(-.nan)).isNaN)
    }

    @Test func buildSortsEachGroupOfEachCall() throws {
        let values = Batch(columns: [
            Column(type: .int64, storage: .int([1, 0, 1, 1, 0])),
            Column(type: .float64, storage: .double([3, 2, 1, -0.0, 9])),
            Column(type: .float64, storage: .double([5, 6, 7, 8, 9]), validity: Bitmap([true, false, true, true, false])),
        ], count: 5)
        let (run, starts) = try MedianRun.build([values], calls: 2, groups: 2)
        #expect(starts == [0, 2, 5, 5, 8])
        #expect(Array(run.keys) == [0, 0, 1, 1, 1, 1 << 40 | 1, 1 << 40 | 1, 1 << 40 | 1])
        #expect(Array(run.values).map(\.bitPattern) == [2, 9, -0.0, 1, 3, 5, 7, 8].map(\.bitPattern))
        #expect(run.isSorted())
        #expect(run.range(of: 1) == 2..<5)
        #expect(run.range(of: 1 << 40) == 5..<5)
        #expect(run.range(of: 1, from: 1) == 2..<5)
        #expect(run.range(of: 1 << 40 | 1, from: 5) == 5..<8)
        #expect(run.range(of: 2 << 40, from: 3) == 8..<8)
    }

    @Test(arguments: [1, 511, 512, 3000])
    func buildSortsLargeGroupsAsComparisonsWould(count: Int) throws {
        var rng = Generator(state: UInt64(count))
        let values = (0..<count).map { i -> Double in
            switch rng.next() % 4 {
            case 0: return Self.pools[4][Int(rng.next() % 8)]
            case 1: return Double(Int64(bitPattern: rng.next()) % 1000) / 8
            case 2: return Double(bitPattern: rng.next() & ~(0x7FF << 52))  // tiny, either sign
            default: return Double(i) * -1.5
            }
        }
        let gids = (0..<count).map { _ in Int64(rng.next() % 2) }
        let batch = Batch(columns: [Column(type: .int64, storage: .int(gids)), Column(type: .float64, storage: .double(values))], count: count)
        let (run, starts) = try MedianRun.build([batch], calls: 1, groups: 2)
        #expect(run.isSorted())
        for g in 0..<2 {
            let mine = Array(run.values[starts[g]..<starts[g + 1]]).map { $0.isNaN ? 0 : $0.bitPattern }
            let theirs = zip(gids, values).filter { $0.0 == Int64(g) }.map(\.1).sorted(by: medianLess).map { $0.isNaN ? 0 : $0.bitPattern }
            #expect(mine == theirs)
        }
    }

    @Test func mergedRunsAreOneSortedRun() throws {
        var rng = Generator(state: 42)
        var all: [(Int64, Double)] = []
        var runs: [MedianRun] = []
        for r in 0..<5 {
            var rows = (0..<(r * 37 + 3)).map { _ in (Int64(rng.next() % 5), Self.pools[4][Int(rng.next() % 8)]) }
            rows.sort { MedianRun.before($0.0, $0.1, $1.0, $1.1) }
            all += rows
            runs.append(MedianRun(keys: rows.map(\.0), values: rows.map(\.1)))
        }
        let merged = MedianRun.merge(runs)
        #expect(merged.count == all.count)
        #expect(merged.isSorted())
        all.sort { MedianRun.before($0.0, $0.1, $1.0, $1.1) }
        #expect(Array(merged.keys) == all.map(\.0))
        #expect(Array(merged.values).map { $0.isNaN ? 0 : $0.bitPattern } == all.map { $0.1.isNaN ? 0 : $0.1.bitPattern })
        #expect(!MedianRun(keys: [1, 2, 1], values: [0, 0, 0]).isSorted())
    }

    /// A run cut into parts (files written at once): each part is a sorted run, and the
    /// parts in order are the whole run, row for row.
    @Test(arguments: [1, 2, 3, 7])
    func partsAreSortedRunsMakingTheWhole(_ n: Int) throws {
        var rng = Generator(state: 9)
        var rows = (0..<101).map { _ in (Int64(rng.next() % 6), Self.pools[4][Int(rng.next() % 8)]) }
        rows.sort { MedianRun.before($0.0, $0.1, $1.0, $1.1) }
        let run = MedianRun(keys: rows.map(\.0), values: rows.map(\.1))
        let parts = run.parts(n).map { $0() }
        #expect(parts.count == n && parts.allSatisfy { $0.count == 1 })
        var keys: [Int64] = [], bits: [UInt64] = []
        for p in parts {
            guard case let .int(k) = p[0].columns[0].storage, case let .double(v) = p[0].columns[1].storage else {
                Issue.record("a part is not (key, value) columns")
                return
            }
            #expect(MedianRun(keys: k, values: v).isSorted())
            keys += k
            bits += v.map(\.bitPattern)
        }
        #expect(keys == rows.map(\.0) && bits == rows.map(\.1.bitPattern))
    }

    @Test func anUnsortedRunIsAnErrorNotAHang() {
        let bad = MedianRun(keys: [1, 1, 1, 1], values: [9, 1, 8, 2])
        let other = MedianRun(keys: [1, 1, 1], values: [7, 3, 5])
        // Either some value or an error; it must come back.
        _ = try? MedianRun.median(across: [bad, other], ranges: [0..<4, 0..<3])
        #expect(throws: (any Error).self) { try MedianRun.kth(9, runs: [bad, other], ranges: [0..<4, 0..<3]) }
    }

    @Test func mergePolicyKeepsFewRunsAndRewritesLittle() {
        var sizes = [1_000_000]
        var rewritten = 0
        for step in 0..<300 {
            let new = 10_000 + (step % 7) * 100
            let take = MedianRun.runsToMerge(sizes: sizes, adding: new, limit: 8)
            let merged = new + sizes.suffix(take).reduce(0, +)
            if take > 0 { rewritten += merged }
            sizes = Array(sizes.dropLast(take)) + [merged]
            #expect(sizes.count <= 8)
        }
        let appended = sizes.reduce(0, +) - 1_000_000
        // Each value is rewritten a few times (a binary counter), never once per refresh.
        #expect(rewritten < appended * 10, "rewrote \(rewritten) values for \(appended) appended")
        #expect(sizes.count >= 2)
    }
}
