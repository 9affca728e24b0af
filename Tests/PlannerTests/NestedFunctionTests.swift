import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct NestedFunctionTests {
    typealias H = FunctionHarness

    @Test func arrays() throws {
        let arrays: (DataType, [Value]) = (.array(.int64), [.array([.int(1), .int(2)]), .array([]), .null])
        #expect(try H.call("array_length", [arrays]).values == [.int(2), .int(0), .null])
        let needles: (DataType, [Value]) = (.int32, [.int(2), .int(2), .int(2)])
        #expect(try H.call("array_contains", [arrays, needles]).values == [.bool(true), .bool(false), .null])
        #expect(H.error { _ = try H.returnType("cardinality", [.string]) }?.kind == .type)
    }

    @Test func typeofNamesTheType() throws {
        #expect(try H.value("typeof", .decimal(1, scale: 2), types: [.decimal(precision: 5, scale: 2)]) == .string("DECIMAL(5,2)"))
        #expect(try H.value("typeof", .string("x")) == .string("VARCHAR"))
    }

    @Test func regexpExtract() throws {
        #expect(try H.value("regexp_extract", .string("order-1234-x"), .string("[0-9]+")) == .string("1234"))
        #expect(try H.value("regexp_extract", .string("k=v"), .string("(\\w)=(\\w)"), .int(2)) == .string("v"))
        #expect(try H.value("regexp_extract", .string("abc"), .string("[0-9]+")) == .string(""))
        #expect(H.error { _ = try H.value("regexp_extract", .string("abc"), .string("b"), .int(3)) }?.kind == .runtime)
    }
}
