import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct ConditionalFunctionTests {
    typealias H = FunctionHarness

    @Test func coalesce() throws {
        let r = try H.call("coalesce", [(.int32, [.null, .int(1), .null]), (.int64, [.int(2), .int(3), .null]), (.int64, [.int(9), .int(9), .null])])
        #expect(r.type == .int64)
        #expect(r.values == [.int(2), .int(1), .null])
        #expect(try H.value("ifnull", .null, .string("x"), types: [.string, .string]) == .string("x"))
        #expect(try H.value("nvl", .string("a"), .string("x")) == .string("a"))
        #expect(H.error { _ = try H.returnType("coalesce", [.date, .boolean]) }?.kind == .type)
    }

    @Test func nullif() throws {
        let r = try H.call("nullif", [(.int64, [.int(1), .int(2), .null]), (.int64, [.int(1), .int(1), .int(1)])])
        #expect(r.values == [.null, .int(2), .null])
    }

    @Test func greatestAndLeast() throws {
        let a: (DataType, [Value]) = (.int64, [.int(1), .null, .int(5)])
        let b: (DataType, [Value]) = (.float64, [.double(2.5), .double(1), .null])
        #expect(try H.call("greatest", [a, b]).values == [.double(2.5), .double(1), .double(5)])
        #expect(try H.call("least", [a, b]).values == [.double(1), .double(1), .double(5)])
        #expect(try H.value("greatest", .string("b"), .string("a"), .string("c")) == .string("c"))
    }

    @Test func ifFunction() throws {
        let r = try H.call("if", [(.boolean, [.bool(true), .bool(false), .null]), (.string, [.string("y"), .string("y"), .string("y")]),
                                  (.string, [.string("n"), .string("n"), .string("n")])])
        #expect(r.values == [.string("y"), .string("n"), .string("n")])
        #expect(try H.value("iff", .bool(true), .int(1), .double(2)) == .double(1))
        #expect(H.error { _ = try H.returnType("if", [.int32, .int32, .int32]) }?.kind == .type)
    }
}
