import Columnar
import Testing
@testable import Execution

/// The integer-key join index: rows added batch by batch, duplicate keys chained across
/// batches in row order, NULL keys neither stored nor matched, growth past the first size.
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
        var t = JoinIntTable(capacity: 2)
        try t.insert(ints([5, 7, nil, 5]))
        try t.insert(ints([7, 5, 9]))
        #expect(t.rowCount == 7)
        #expect(t.keyCount == 3)
        #expect(pairs(t, ints([5, nil, 8, 9, 7])) == [[0, 0], [0, 3], [0, 5], [3, 6], [4, 1], [4, 4]])
    }

    @Test func growsAndFindsEveryKey() throws {
        var t = JoinIntTable(capacity: 4)
        let n = 10_000
        try t.insert(ints((0..<n).map { Int64($0 * 3 - 5000) }))
        #expect(t.keyCount == n)
        let probe = ints((0..<n).map { Int64(($0 * 7919) % n * 3 - 5000) } + [2, -4999, nil])
        let found = pairs(t, probe)
        #expect(found.count == n)
        #expect(found.allSatisfy { $0[1] == ($0[0] * 7919) % n })
    }

    @Test func rangesInsideABatch() throws {
        var t = JoinIntTable(capacity: 16)
        try t.insert(ints([1, 2, 3]))
        let (p, b) = t.candidates(ints([3, 9, 2, 1]), range: 1..<3)
        #expect(p == [2])
        #expect(b == [1])
    }

    @Test func onlyNullKeysGiveNoPairs() throws {
        var t = JoinIntTable(capacity: 16)
        try t.insert(ints([nil, nil]))
        #expect(t.keyCount == 0)
        #expect(pairs(t, ints([nil, 0])).isEmpty)
    }
}
