import Testing
@testable import SQLSyntax

@Suite("StatementSplitter")
struct StatementSplitterTests {
    @Test func splitsAtSemicolons() {
        let pieces = StatementSplitter.split("SELECT 1; SELECT 2;\nSELECT 3")
        #expect(pieces.map(\.text) == ["SELECT 1", "SELECT 2", "SELECT 3"])
        #expect(pieces.map(\.offset) == [0, 10, 20])
        #expect(pieces.map(\.line) == [1, 1, 2])
    }

    @Test func ignoresSemicolonsInStringsNamesAndComments() {
        let sql = "SELECT 'a;b', \"c;d\", `e;f` -- g;h\nFROM t /* ; */;SELECT 2"
        let pieces = StatementSplitter.split(sql)
        #expect(pieces.count == 2)
        #expect(pieces[0].text == "SELECT 'a;b', \"c;d\", `e;f` -- g;h\nFROM t /* ; */")
        #expect(pieces[1].text == "SELECT 2")
    }

    @Test func leadingCommentsAndBlanksAreLeftOut() {
        let sql = "-- header\n\n/* note */\n  SELECT 1;\n\n-- next\nSELECT\n2;"
        let pieces = StatementSplitter.split(sql)
        #expect(pieces.map(\.text) == ["SELECT 1", "SELECT\n2"])
        #expect(pieces.map(\.line) == [4, 7])
        let bytes = Array(sql.utf8)
        #expect(String(decoding: bytes[pieces[1].offset..<(pieces[1].offset + 6)], as: UTF8.self) == "SELECT")
    }

    @Test func emptyPiecesAreDropped() {
        #expect(StatementSplitter.split(" ; ;; -- only comment\n;").isEmpty)
        #expect(StatementSplitter.split("").isEmpty)
    }

    @Test func escapedQuotesStayInside() {
        let pieces = StatementSplitter.split("SELECT 'it''s;'; SELECT \"a\"\";\"")
        #expect(pieces.map(\.text) == ["SELECT 'it''s;'", "SELECT \"a\"\";\""])
    }

    @Test(arguments: [
        ("SELECT 1;", true),
        ("SELECT 1;  \n", true),
        ("SELECT 1; -- done", true),
        ("SELECT 1; /* done */", true),
        ("SELECT 1", false),
        ("SELECT 'a;", false),
        ("SELECT \"a;", false),
        ("SELECT 1 /* ; ", false),
        ("SELECT 1 -- ;", false),
        ("SELECT 1; SELECT 2", false),
        ("", false),
        ("   ", false),
        ("SELECT ';'", false),
        ("SELECT ';';", true),
    ])
    func isComplete(sql: String, expected: Bool) {
        #expect(StatementSplitter.isComplete(sql) == expected)
    }

    @Test func neverCrashesOnArbitraryBytes() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<500 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let text = String(decoding: bytes, as: UTF8.self)
            let pieces = StatementSplitter.split(text)
            _ = StatementSplitter.isComplete(text)
            for p in pieces { #expect(p.offset >= 0 && p.offset <= text.utf8.count && p.line >= 1) }
        }
    }
}

/// A small deterministic random generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
