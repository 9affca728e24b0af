import Testing
@testable import Diagnostics

@Suite struct ErrorRendererTests {
    @Test func caretUnderSpan() {
        let sql = "SELECT pirce FROM bronze.listings"
        let err = SQLError(.name, "column \"pirce\" not found in bronze.listings", span: SourceSpan(start: 7, end: 12), notes: ["did you mean \"price\"?"])
        let text = ErrorRenderer.render(err, sql: sql)
        #expect(text == """
        Error: column "pirce" not found in bronze.listings
        LINE 1: SELECT pirce FROM bronze.listings
                       ^~~~~
        Note: did you mean "price"?
        """)
    }

    @Test func lineNumbersCountFromOffset() {
        let sql = "SELECT 1,\n  foo\nFROM t"
        let err = SQLError(.name, "x", span: SourceSpan(start: 12, end: 15))
        let text = ErrorRenderer.render(err, sql: sql, lineOffset: 10)
        #expect(text.contains("LINE 12:   foo"))
    }
}
