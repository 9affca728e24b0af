import Columnar
import Engine
import Testing
@testable import lakesql

@Suite struct TablePrinterTests {
    @Test func tableHasTypesAlignmentAndFooter() {
        #expect(SampleResults.printed(SampleResults.mixed, .table) == """
            ┌─────────┬────────────┐
            │   id    │    name    │
            │ integer │  varchar   │
            ├─────────┼────────────┤
            │       1 │ a,b        │
            │     -20 │ say "hi"   │
            │    NULL │ two\\nlines │
            └─────────┴────────────┘
            3 rows

            """)
    }

    @Test func boxHasNamesOnly() {
        #expect(SampleResults.printed(SampleResults.typed, .box) == """
            ┌────────┬────────────┬─────────────────────────┬───────┬─────┐
            │ price  │    day     │           at            │  ok   │  x  │
            ├────────┼────────────┼─────────────────────────┼───────┼─────┤
            │ 123.45 │ 2024-01-02 │ 2024-01-02 03:04:05.123 │ true  │ 0.5 │
            │  -0.05 │ NULL       │ 1970-01-01 00:00:00     │ false │ NaN │
            └────────┴────────────┴─────────────────────────┴───────┴─────┘

            """)
    }

    @Test func nestedTypesAndValues() {
        let text = SampleResults.printed(SampleResults.nested, .table)
        #expect(text.contains("│ struct(x bigint, tag varchar) │   bigint[]   │"))
        #expect(text.contains("│ {x: 1, tag: 'it''s'}          │ [1, NULL, 3] │"))
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(SampleResults.printed(SampleResults.unicode, .box) == """
            ┌────────┬─────┐
            │  word  │  n  │
            ├────────┼─────┤
            │ café   │   1 │
            │ 日本語 │  22 │
            │ 🙂     │ 333 │
            └────────┴─────┘

            """)
    }

    @Test func oneRowFooterAndNullText() {
        let r = SampleResults.result([("a", .int64)], [[.null]])
        let text = SampleResults.printed(r, .table) { $0.nullText = "∅" }
        #expect(text == "┌────────┐\n│   a    │\n│ bigint │\n├────────┤\n│      ∅ │\n└────────┘\n1 row\n")
    }

    @Test func emptyResultShowsHeaderAndZeroRows() {
        let r = ResultSet(schema: Schema([Field(name: "a", type: .string)]), batches: [])
        #expect(SampleResults.printed(r, .table) == """
            ┌─────────┐
            │    a    │
            │ varchar │
            └─────────┘
            0 rows

            """)
    }

    @Test func longValuesAreCutToTheTerminalWidth() {
        let long = String(repeating: "x", count: 200)
        let r = SampleResults.result([("id", .int64), ("s", .string)], [[.int(1)], [.string(long)]])
        let text = SampleResults.printed(r, .table) { $0.maxWidth = 40 }
        for line in text.split(separator: "\n") where line.hasPrefix("│") || line.hasPrefix("┌") {
            #expect(line.count == 40)
        }
        #expect(text.contains("x…"))
    }

    @Test func wideResultsSwitchToOneValuePerLine() {
        let fields = (1...12).map { ("column_\($0)", DataType.int64) }
        let r = SampleResults.result(fields, fields.indices.map { [.int(Int64($0))] })
        let text = SampleResults.printed(r, .table) { $0.maxWidth = 60 }
        #expect(!text.contains("┌"))
        #expect(text.contains("column_12 = 11"))
        let narrow = SampleResults.printed(r, .table) { $0.maxWidth = 200 }
        #expect(narrow.contains("┌"))
    }

    @Test func manyRowsShowHeadAndTailWhenLimited() {
        let values: [Value] = (0..<100).map { .int(Int64($0)) }
        let r = SampleResults.result([("v", .int64)], [values])
        let text = SampleResults.printed(r, .table) { $0.maxRows = 6 }
        #expect(text.contains("│      2 │"))
        #expect(!text.contains("│      3 │"))
        #expect(!text.contains("│     96 │"))
        #expect(text.contains("│   ·    │\n│   ·    │\n│   ·    │\n│     97 │"))
        #expect(text.hasSuffix("(100 rows, 6 shown)\n"))
    }

    @Test func noHeaderLeavesOutNamesAndTypes() {
        let r = SampleResults.result([("a", .int64)], [[.int(7)]])
        #expect(SampleResults.printed(r, .table) { $0.header = false } == "┌───┐\n│ 7 │\n└───┘\n1 row\n")
    }

    @Test(arguments: [(0, 1), (3, 2), (10, 0)])
    func headAndTailPicksAcrossBatches(_ head: Int, _ tail: Int) {
        let batches = [0..<4, 4..<5, 5..<12].map { range in
            Batch(columns: [SampleResults.column(.int64, range.map { .int(Int64($0)) })])
        }
        let picked = TablePrinter.headAndTail(batches, head: head, tail: tail, total: 12)
        let values = picked.flatMap { b in (0..<b.count).map { b.columns[0].value(at: $0) } }
        let expected = (Array(0..<head) + Array((12 - tail)..<12)).map { Value.int(Int64($0)) }
        #expect(values == expected)
    }

    @Test func markdownTable() {
        #expect(SampleResults.printed(SampleResults.mixed, .markdown) == """
            | id   | name         |
            |-----:|--------------|
            |    1 | a,b          |
            |  -20 | say "hi"     |
            | NULL | two<br>lines |

            """)
    }

    @Test func markdownEscapesPipes() {
        let r = SampleResults.result([("a|b", .string)], [[.string("x|y")]])
        #expect(SampleResults.printed(r, .markdown) == "| a\\|b |\n|------|\n| x\\|y |\n")
    }
}
