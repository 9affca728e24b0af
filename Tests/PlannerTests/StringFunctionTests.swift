import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct StringFunctionTests {
    typealias H = FunctionHarness

    func str(_ name: String, _ args: Value...) throws -> String? {
        let types = args.map { $0.inferredType }
        return try H.call(name, zip(types, args).map { ($0, [$1]) }, count: 1).value(at: 0).stringValue
    }

    @Test func caseAndLength() throws {
        #expect(try str("lower", .string("AbC")) == "abc")
        #expect(try str("upper", .string("straße")) == "STRASSE")
        #expect(try H.value("length", .string("héllo")) == .int(5))
        #expect(try H.value("char_length", .string("")) == .int(0))
        #expect(try H.value("octet_length", .string("héllo")) == .int(6))
        let r = try H.call("upper", [(.string, [.string("a"), .null, .string("b")])])
        #expect(r.values == [.string("A"), .null, .string("B")])
    }

    @Test(arguments: [
        ("hello", 2, 3, "ell"), ("hello", 0, 3, "he"), ("hello", -1, 5, "hel"), ("hello", 4, 100, "lo"),
        ("héllo", 2, 2, "él"), ("hello", 10, 2, ""),
    ] as [(String, Int64, Int64, String)])
    func substr(text: String, start: Int64, length: Int64, expected: String) throws {
        #expect(try str("substr", .string(text), .int(start), .int(length)) == expected)
    }

    @Test func substrVariants() throws {
        #expect(try str("substring", .string("hello"), .int(3)) == "llo")
        #expect(H.error { _ = try str("substr", .string("hello"), .int(1), .int(-1)) }?.kind == .runtime)
        let e = H.error { _ = try H.returnType("substr", [.int32]) }
        #expect(e?.message == "function substr(INTEGER) does not exist")
    }

    @Test func trimming() throws {
        #expect(try str("trim", .string("  a b  ")) == "a b")
        #expect(try str("ltrim", .string("  a  ")) == "a  ")
        #expect(try str("rtrim", .string("  a  ")) == "  a")
        #expect(try str("trim", .string("xxaxx"), .string("x")) == "a")
        #expect(try str("btrim", .string("-=a=-"), .string("=-")) == "a")
    }

    @Test func replaceAndConcat() throws {
        #expect(try str("replace", .string("a.b.c"), .string("."), .string("::")) == "a::b::c")
        #expect(try str("replace", .string("abc"), .string(""), .string("x")) == "abc")
        #expect(try H.value("concat", .string("a"), .null, .int(1), types: [.string, .null, .int64]) == .string("a1"))
        #expect(try H.value("concat_ws", .string(","), .string("a"), .null, .string("b"), types: [.string, .string, .string, .string]) == .string("a,b"))
        #expect(try H.value("concat_ws", .null, .string("a"), types: [.string, .string]) == .null)
    }

    @Test func searching() throws {
        #expect(try H.value("strpos", .string("héllo"), .string("llo")) == .int(3))
        #expect(try H.value("instr", .string("hello"), .string("z")) == .int(0))
        #expect(try H.value("starts_with", .string("hello"), .string("he")) == .bool(true))
        #expect(try H.value("ends_with", .string("hello"), .string("lo")) == .bool(true))
        #expect(try H.value("contains", .string("hello"), .string("ell")) == .bool(true))
        #expect(try H.value("contains", .string("hello"), .string("x")) == .bool(false))
    }

    @Test func splitPadAndSlices() throws {
        #expect(try str("split_part", .string("a,b,c"), .string(","), .int(2)) == "b")
        #expect(try str("split_part", .string("a,b,c"), .string(","), .int(-1)) == "c")
        #expect(try str("split_part", .string("a,b,c"), .string(","), .int(5)) == "")
        #expect(try str("lpad", .string("7"), .int(3), .string("0")) == "007")
        #expect(try str("rpad", .string("ab"), .int(5), .string("xy")) == "abxyx")
        #expect(try str("lpad", .string("hello"), .int(2)) == "he")
        #expect(try str("left", .string("hello"), .int(2)) == "he")
        #expect(try str("left", .string("hello"), .int(-2)) == "hel")
        #expect(try str("right", .string("hello"), .int(2)) == "lo")
        #expect(try str("right", .string("hello"), .int(-2)) == "llo")
    }

    @Test func characterFunctions() throws {
        #expect(try str("reverse", .string("abc")) == "cba")
        #expect(try str("repeat", .string("ab"), .int(3)) == "ababab")
        #expect(try str("repeat", .string("ab"), .int(-1)) == "")
        #expect(try H.value("ascii", .string("A")) == .int(65))
        #expect(try str("chr", .int(233)) == "é")
        #expect(try str("initcap", .string("hello wORLD-foo")) == "Hello World-Foo")
    }
}
