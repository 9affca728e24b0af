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

    @Test func stringKeysAcrossBatchesAndGrowth() {
        let t = GroupTable(types: [.string, .string, .timestamp], nullsMatch: true, capacity: 4)
        // Longer than the table's encoding steps, so steps meet inside each batch.
        let n = 9_000
        for _ in 0..<2 {
            let makes = strings((0..<n).map { "make-\($0 % 30)" })
            let models = strings((0..<n).map { "model-\($0 % 70)" })
            let months = Column(type: .timestamp, storage: .int((0..<n).map { Int64($0 % 7) }))
            let ids = t.findOrInsert([makes, models, months], count: n)
            // lcm(30, 70, 7) = 210 distinct triples, ids in first-seen order.
            #expect(ids[0..<210] == ArraySlice(0..<210))
            #expect(ids[210..<n].allSatisfy { $0 >= 0 && $0 < 210 })
            #expect(t.count == 210)
        }
        #expect(t.find([strings(["make-1", "make-1"]), strings(["model-1", "model-2"]), Column(type: .timestamp, storage: .int([1, 1]))], count: 2) == [1, -1])
        // A key first seen after the first step of a batch.
        let late = 5_000
        let ids = t.findOrInsert([strings((0..<late + 1).map { $0 == late ? "new" : "make-\($0 % 30)" }),
                                  strings((0..<late + 1).map { "model-\($0 % 70)" }),
                                  Column(type: .timestamp, storage: .int((0..<late + 1).map { Int64($0 % 7) }))], count: late + 1)
        #expect(ids[late] == 210 && t.count == 211 && ids[4_500] == ids[4_500 % 210])
        #expect(t.keys()[0].value(at: 210) == .string("new"))
    }

    @Test func nullStringsEmptyStringsAndPrefixesStayApart() {
        var b = ColumnBuilder(type: .string)
        b.append(string: ""); b.appendNull(); b.append(string: "ab"); b.append(string: "a"); b.appendNull(); b.append(string: "")
        var c = ColumnBuilder(type: .string)
        for x in ["b", "", "", "bb", "", "b"] { c.append(string: x) }
        let t = GroupTable(types: [.string, .string], nullsMatch: true)
        // ("", "b"), (NULL, ""), ("ab", ""), ("a", "bb"), (NULL, ""), ("", "b")
        #expect(t.findOrInsert([b.finish(), c.finish()], count: 6) == [0, 1, 2, 3, 1, 0])
    }

    @Test func negativeZeroAndNaNGroupWithTheirEquals() {
        let d = Column(type: .float64, storage: .double([0.0, -0.0, .nan, -Double.nan, 1.5]))
        let t = GroupTable(types: [.float64, .string], nullsMatch: true)
        #expect(t.findOrInsert([d, strings(["x", "x", "x", "x", "x"])], count: 5) == [0, 0, 1, 1, 2])
    }

    @Test func nestedKeysAreNumbered() {
        let arrays = Column(type: .array(.int64), storage: .value([.array([.int(1)]), .array([.int(2)]), .array([.int(1)])]))
        let t = GroupTable(types: [.array(.int64), .string], nullsMatch: true)
        #expect(t.findOrInsert([arrays, strings(["a", "a", "a"])], count: 3) == [0, 1, 0])
        #expect(t.keys()[0].values == [.array([.int(1)]), .array([.int(2)])])
    }

    @Test func sortIsStableAndHonoursNullOrder() {
        let keys = ints([3, nil, 1, 3, nil])
        let asc = RowComparator(columns: [keys], ascending: [true], nullsFirst: [false]).sortedIndices(count: 5)
        #expect(asc == [2, 0, 3, 1, 4])
        let desc = RowComparator(columns: [keys], ascending: [false], nullsFirst: [true]).sortedIndices(count: 5)
        #expect(desc == [1, 4, 0, 3, 2])
    }
}
