import Columnar
import Testing

/// String gathers copy short strings by words and long ones whole; the last strings of the
/// buffer, empty strings and -1 (NULL slots of outer joins) must come out exact.
@Suite struct StringGatherTests {
    static let strings = ["", "a", "Volkswagen", "exactly16bytes!!", "seventeen bytes!!", String(repeating: "long ", count: 30), "é€😀", "z"]

    @Test func gatherMatchesTheStrings() {
        let storage = StringStorage(Self.strings)
        let indices = [7, 0, 3, 4, -1, 5, 6, 2, 1, 7, 7, 6, -1]
        let out = storage.gather(indices)
        #expect(out.count == indices.count)
        #expect((0..<out.count).map { out[$0] } == indices.map { $0 < 0 ? "" : Self.strings[$0] })
        #expect(out.bytes.count == out.offsets[out.count])
    }

    @Test func columnGatherKeepsNulls() {
        let column = Column(type: .string, storage: .string(StringStorage(Self.strings)))
        let out = column.gather([6, -1, 7])
        #expect(out.values == [.string("é€😀"), .null, .string("z")])
    }
}
