import Columnar
import Engine
import Testing
@testable import lakesql

@Suite struct JSONPrinterTests {
    @Test func jsonArrayOfObjects() {
        #expect(SampleResults.printed(SampleResults.mixed, .json) == """
            [{"id":1,"name":"a,b"},
            {"id":-20,"name":"say \\"hi\\""},
            {"id":null,"name":"two\\nlines"}]

            """)
    }

    @Test func jsonTypedValues() {
        #expect(SampleResults.printed(SampleResults.typed, .json) == """
            [{"price":123.45,"day":"2024-01-02","at":"2024-01-02 03:04:05.123","ok":true,"x":0.5},
            {"price":-0.05,"day":null,"at":"1970-01-01 00:00:00","ok":false,"x":null}]

            """)
    }

    @Test func jsonNestedStructsAndArrays() {
        #expect(SampleResults.printed(SampleResults.nested, .json) == """
            [{"p":{"x":1,"tag":"it's"},"xs":[1,null,3]},
            {"p":null,"xs":[]}]

            """)
    }

    @Test func jsonEmptyResultIsEmptyArray() {
        let r = ResultSet(schema: Schema([Field(name: "a", type: .int64)]), batches: [])
        #expect(SampleResults.printed(r, .json) == "[]\n")
        #expect(SampleResults.printed(r, .jsonl) == "")
    }

    @Test func jsonEscapesControlCharactersAndKeys() {
        let r = SampleResults.result([("k\"1", .string)], [[.string("\u{1}\t\\")]])
        #expect(SampleResults.printed(r, .jsonl) == "{\"k\\\"1\":\"\\u0001\\t\\\\\"}\n")
    }

    @Test func jsonInfinityIsNull() {
        let r = SampleResults.result([("x", .float64)], [[.double(.infinity), .double(-1.5)]])
        #expect(SampleResults.printed(r, .jsonl) == "{\"x\":null}\n{\"x\":-1.5}\n")
    }

    @Test func jsonLinesOneObjectPerLine() {
        #expect(SampleResults.printed(SampleResults.unicode, .jsonl) == """
            {"word":"café","n":1}
            {"word":"日本語","n":22}
            {"word":"🙂","n":333}

            """)
    }
}
