import Columnar
import Testing

/// Constant string columns (a literal evaluated over a batch) and strings appended from
/// Swift strings, short and long, ASCII and not.
@Suite struct ConstantColumnTests {
    @Test(arguments: ["epoch", "", "é€😀", String(repeating: "long text ", count: 20)])
    func constantStringsRepeatTheText(text: String) {
        for count in [0, 1, 5] {
            let c = Column.constant(.string(text), type: .string, count: count)
            #expect(c.count == count)
            #expect(c.values == Array(repeating: .string(text), count: count))
        }
    }

    @Test func appendedStringsKeepTheirBytes() {
        let strings = ["", "a", "Volkswagen", "é€😀", String(repeating: "xyz", count: 40), "z"]
        var s = StringStorage()
        for t in strings { s.append(t) }
        #expect((0..<s.count).map { s[$0] } == strings)
        #expect(s.bytes.count == strings.reduce(0) { $0 + $1.utf8.count })
    }
}
