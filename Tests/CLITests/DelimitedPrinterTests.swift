import Columnar
import Engine
import Testing
@testable import lakesql

@Suite struct DelimitedPrinterTests {
    @Test func csvQuotesCommasQuotesAndNewlines() {
        #expect(SampleResults.printed(SampleResults.mixed, .csv) == """
            id,name
            1,"a,b"
            -20,"say ""hi\"""
            ,"two
            lines"

            """)
    }

    @Test func csvTypedValues() {
        #expect(SampleResults.printed(SampleResults.typed, .csv) == """
            price,day,at,ok,x
            123.45,2024-01-02,2024-01-02 03:04:05.123,true,0.5
            -0.05,,1970-01-01 00:00:00,false,NaN

            """)
    }

    @Test func csvNestedValuesAreQuotedText() {
        #expect(SampleResults.printed(SampleResults.nested, .csv) == """
            p,xs
            "{x: 1, tag: 'it''s'}","[1, NULL, 3]"
            ,[]

            """)
    }

    @Test func csvNoHeaderAndNullText() {
        let text = SampleResults.printed(SampleResults.mixed, .csv) {
            $0.header = false
            $0.nullText = "\\N"
        }
        #expect(text.hasPrefix("1,\"a,b\"\n"))
        #expect(text.contains("\n\\N,\"two"))
    }

    @Test func csvEmptyStringIsQuotedButNullIsNot() {
        let r = SampleResults.result([("s", .string)], [[.string(""), .null]])
        #expect(SampleResults.printed(r, .csv) == "s\n\"\"\n\n")
    }

    @Test func csvHeaderNamesAreEscaped() {
        let r = SampleResults.result([("a,b", .int64), ("q\"", .int64)], [[.int(1)], [.int(2)]])
        #expect(SampleResults.printed(r, .csv) == "\"a,b\",\"q\"\"\"\n1,2\n")
    }

    @Test func csvUnicodePassesThrough() {
        #expect(SampleResults.printed(SampleResults.unicode, .csv) == "word,n\ncafé,1\n日本語,22\n🙂,333\n")
    }

    @Test func csvSpansBatchesAndLargeOutputs() {
        let n = 100_000
        var batches: [Batch] = []
        var start = 0
        while start < n {
            let count = min(4096, n - start)
            let col = SampleResults.column(.int64, (start..<(start + count)).map { .int(Int64($0) * 3 - 7) })
            batches.append(Batch(columns: [col]))
            start += count
        }
        let r = ResultSet(schema: Schema([Field(name: "v", type: .int64)]), batches: batches)
        let lines = SampleResults.printed(r, .csv).split(separator: "\n")
        #expect(lines.count == n + 1)
        #expect(lines[1] == "-7")
        #expect(lines[n] == "\(Int64(n - 1) * 3 - 7)")
    }

    @Test(arguments: [Int64.min, Int64.max, 0, -1, 9, 10, 1_000_000])
    func integersRenderExactly(_ v: Int64) {
        let r = SampleResults.result([("v", .int64)], [[.int(v)]])
        #expect(SampleResults.printed(r, .csv) == "v\n\(v)\n")
    }

    @Test(arguments: [(1.0, "1"), (-2.5, "-2.5"), (1e20, "1e+20"), (0.1, "0.1"), (-.infinity, "-Infinity")])
    func doublesRenderAsValueDoes(_ v: Double, _ expected: String) {
        let r = SampleResults.result([("v", .float64)], [[.double(v)]])
        #expect(SampleResults.printed(r, .csv) == "v\n\(expected)\n")
        #expect(expected == Value.double(v).rendered())
    }

    @Test func tsvEscapesTabsNewlinesAndBackslashes() {
        let r = SampleResults.result([("s", .string), ("n", .int64)], [
            [.string("a\tb"), .string("c\nd\\e"), .null],
            [.int(1), .int(2), .int(3)],
        ])
        #expect(SampleResults.printed(r, .tsv) == "s\tn\na\\tb\t1\nc\\nd\\\\e\t2\n\t3\n")
    }

    @Test func tsvTypedAndNested() {
        #expect(SampleResults.printed(SampleResults.nested, .tsv) == "p\txs\n{x: 1, tag: 'it''s'}\t[1, NULL, 3]\n\t[]\n")
    }
}
