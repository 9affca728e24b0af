import Columnar
import Testing

/// Column gathers of every storage: values, NULLs of the source, -1 and out-of-range
/// indices (NULL slots), and validity masks longer than one word.
@Suite struct ColumnGatherTests {
    static let rows = 150

    static func intColumn() -> Column {
        var validity = Bitmap(count: rows, value: true)
        for i in stride(from: 0, to: rows, by: 7) { validity[i] = false }
        return Column(type: .int64, storage: .int((0..<rows).map { Int64($0 * 3) }), validity: validity)
    }

    static func expected(_ column: Column, _ indices: [Int]) -> [Value] {
        indices.map { $0 >= 0 && $0 < column.count ? column.value(at: $0) : .null }
    }

    static let indexLists: [[Int]] = [
        [],
        Array(0..<150),
        Array((0..<150).reversed()),
        (0..<200).map { ($0 * 37) % 150 },
        [3, -1, 7, 149, -1, 0, 0, 1] + Array(repeating: 64, count: 70),
        [5, 150, 9, 1_000, -7],
    ]

    @Test(arguments: indexLists)
    func intGatherMatchesValues(indices: [Int]) {
        let c = Self.intColumn()
        let out = c.gather(indices)
        #expect(out.count == indices.count)
        #expect(out.values == Self.expected(c, indices))
    }

    @Test(arguments: indexLists)
    func otherStoragesMatchValues(indices: [Int]) {
        let n = Self.rows
        let columns = [
            Column(type: .float64, storage: .double((0..<n).map { Double($0) / 2 })),
            Column(type: .boolean, storage: .bool((0..<n).map { $0 % 3 == 0 })),
            Column(type: .decimal(precision: 12, scale: 2), storage: .decimal((0..<n).map { Int128($0) * 101 })),
            Column(type: .string, storage: .string(StringStorage((0..<n).map { String(repeating: "s", count: $0 % 40) }))),
            Column(type: .interval, storage: .interval((0..<n).map { Interval(days: Int32($0)) })),
        ]
        for c in columns {
            let out = c.gather(indices)
            #expect(out.count == indices.count)
            #expect(out.values == Self.expected(c, indices))
        }
    }

    @Test func gatherFromAnEmptyColumnGivesNulls() {
        let c = Column(type: .int64, storage: .int([]))
        #expect(c.gather([-1, -1]).values == [.null, .null])
        #expect(c.gather([]).count == 0)
    }
}
