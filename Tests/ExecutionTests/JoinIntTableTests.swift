import Columnar
import Testing
@testable import Execution

/// The integer-key join index, dense (directly indexed) and sparse (hashed): rows of
/// several batches, duplicate keys chained across batches in row order, NULL keys
/// neither stored nor matched.
@Suite struct JoinIntTableTests {
    func ints(_ v: [Int64?]) -> Column {
        var b = ColumnBuilder(type: .int64)
        for x in v { if let x { b.append(int: x) } else { b.appendNull() } }
        return b.finish()
    }

    func pairs(_ t: JoinIntTable, _ probe: Column) -> [[Int]] {
        let (p, b) = t.candidates(probe, range: 0..<probe.count)
        return zip(p, b).map { [$0, $1] }
    }

    @Test func duplicatesAcrossBatchesComeInRowOrder() throws {
        for scale in [Int64(1), 1_000_000_007] {
            let t = try JoinIntTable(keys: [ints(([5, 7, nil, 5] as [Int64?]).map { $0.map { $0 * scale } }), ints(([7, 5, 9] as [Int64]).map { $0 * scale })])
            #expect(t.rowCount == 7)
            #expect(t.keyCount == 3)
            #expect(pairs(t, ints(([5, nil, 8, 9, 7] as [Int64?]).map { $0.map { $0 * scale } })) == [[0, 0], [0, 3], [0, 5], [3, 6], [4, 1], [4, 4]])
        }
    }

    @Test func denseKeysAreIndexedDirectlyAndSparseOnesHashed() throws {
        let dense = try JoinIntTable(keys: [ints([100, 101, 103])])
        if case .direct = dense.layout {} else { Issue.record("dense keys should be indexed directly") }
        let sparse = try JoinIntTable(keys: [ints([Int64.min, 0, Int64.max])])
        if case .hashed = sparse.layout {} else { Issue.record("sparse keys should be hashed") }
        #expect(pairs(sparse, ints([Int64.max, 1, Int64.min])) == [[0, 2], [2, 0]])
        #expect(pairs(dense, ints([99, 103, 102, Int64.min, Int64.max])) == [[1, 2]])
    }

    @Test(arguments: [Int64(3), 7_919_017])
    func findsEveryKey(step: Int64) throws {
        let n = 10_000
        let t = try JoinIntTable(keys: [ints((0..<n).map { Int64($0) * step - 5000 })])
        #expect(t.keyCount == n)
        let probe = ints((0..<n).map { Int64(($0 * 7919) % n) * step - 5000 } + [2, -4999, nil])
        let found = pairs(t, probe)
        #expect(found.count == n)
        #expect(found.allSatisfy { $0[1] == ($0[0] * 7919) % n })
    }

    @Test func rangesInsideABatch() throws {
        let t = try JoinIntTable(keys: [ints([1, 2, 3])])
        let (p, b) = t.candidates(ints([3, 9, 2, 1]), range: 1..<3)
        #expect(p == [2])
        #expect(b == [1])
    }

    @Test func onlyNullKeysGiveNoPairs() throws {
        let t = try JoinIntTable(keys: [ints([nil, nil])])
        #expect(t.keyCount == 0)
        #expect(pairs(t, ints([nil, 0])).isEmpty)
    }
}
