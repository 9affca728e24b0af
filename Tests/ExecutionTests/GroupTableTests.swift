import Columnar
import Testing
@testable import Execution

@Suite struct GroupTableTests {
    func ints(_ v: [Int64?]) -> Column {
        var b = ColumnBuilder(type: .int64)
        for x in v { if let x { b.append(int: x) } else { b.appendNull() } }
        return b.finish()
    }

    func strings(_ v: [String]) -> Column {
        var b = ColumnBuilder(type: .string)
        for x in v { b.append(string: x) }
        return b.finish()
    }

    @Test func denseIdsInFirstSeenOrder() {
        let t = GroupTable(types: [.int64, .string], nullsMatch: true)
        let ids = t.findOrInsert([ints([1, 2, 1, nil, nil]), strings(["a", "a", "a", "b", "b"])], count: 5)
        #expect(ids == [0, 1, 0, 2, 2])
        #expect(t.count == 3)
        #expect(t.keys()[0].values == [.int(1), .int(2), .null])
    }

    @Test func joinsNeverMatchNullKeys() {
        let t = GroupTable(types: [.int64], nullsMatch: false)
        #expect(t.findOrInsert([ints([5, nil])], count: 2) == [0, -1])
        #expect(t.find([ints([nil, 5, 6])], count: 3) == [-1, 0, -1])
    }

    @Test func growsPastInitialCapacity() {
        let t = GroupTable(types: [.int64], nullsMatch: true, capacity: 4)
        let n = 50_000
        let ids = t.findOrInsert([ints((0..<n).map { Int64($0 % 20_000) })], count: n)
        #expect(t.count == 20_000)
        #expect(ids[20_000] == 0 && ids[n - 1] == (n - 1) % 20_000)
        #expect(t.find([ints([19_999, 20_000])], count: 2) == [19_999, -1])
    }

    @Test func sortIsStableAndHonoursNullOrder() {
        let keys = ints([3, nil, 1, 3, nil])
        let asc = RowComparator(columns: [keys], ascending: [true], nullsFirst: [false]).sortedIndices(count: 5)
        #expect(asc == [2, 0, 3, 1, 4])
        let desc = RowComparator(columns: [keys], ascending: [false], nullsFirst: [true]).sortedIndices(count: 5)
        #expect(desc == [1, 4, 0, 3, 2])
    }
}
