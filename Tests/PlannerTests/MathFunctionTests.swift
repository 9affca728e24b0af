import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct MathFunctionTests {
    typealias H = FunctionHarness

    @Test func absKeepsType() throws {
        #expect(try H.value("abs", .int(-3)) == .int(3))
        #expect(try H.value("abs", .double(-2.5)) == .double(2.5))
        #expect(try H.value("abs", .decimal(-150, scale: 2)) == .decimal(150, scale: 2))
        #expect(H.error { _ = try H.value("abs", .int(Int64.min)) }?.kind == .runtime)
    }

    @Test func round() throws {
        #expect(try H.value("round", .double(2.5)) == .double(3))
        #expect(try H.value("round", .double(-2.5)) == .double(-3))
        #expect(try H.value("round", .double(1.2345), .int(2)) == .double(1.23))
        #expect(try H.value("round", .int(1250), .int(-2)) == .int(1300))
        #expect(try H.value("round", .int(7)) == .int(7))
        #expect(try H.value("round", .decimal(12345, scale: 3), .int(2)) == .decimal(12350, scale: 3))
        #expect(try H.returnType("round", [.decimal(precision: 10, scale: 3), .int32]) == .decimal(precision: 10, scale: 3))
        #expect(try H.value("round", .null, .int(1), types: [.float64, .int32]) == .null)
        let e = H.error { _ = try H.returnType("round", [.string]) }
        #expect(e?.message == "function round(VARCHAR) does not exist")
        #expect(e?.notes == ["round takes DOUBLE, DECIMAL or INTEGER, and an optional INTEGER"])
    }

    @Test func floorCeilTrunc() throws {
        #expect(try H.value("floor", .double(-1.5)) == .double(-2))
        #expect(try H.value("ceil", .double(-1.5)) == .double(-1))
        #expect(try H.value("ceiling", .decimal(101, scale: 2)) == .decimal(2, scale: 0))
        #expect(try H.value("floor", .decimal(-101, scale: 2)) == .decimal(-2, scale: 0))
        #expect(try H.value("trunc", .double(-1.7)) == .double(-1))
        #expect(try H.value("trunc", .double(1.789), .int(1)) == .double(1.7))
        #expect(try H.value("sign", .int(-5)) == .int(-1))
    }

    @Test func transcendental() throws {
        #expect(try H.value("sqrt", .int(16)) == .double(4))
        #expect(H.error { _ = try H.value("sqrt", .double(-1)) }?.message == "cannot take square root of a negative number")
        #expect(try H.value("power", .int(2), .int(10)) == .double(1024))
        #expect(try H.value("pow", .double(9), .double(0.5)) == .double(3))
        #expect(try H.value("ln", .double(1)) == .double(0))
        #expect(try H.value("log10", .int(1000)) == .double(3))
        #expect(try H.value("log", .int(100)) == .double(2))
        #expect(try H.value("log", .int(2), .int(8)) == .double(3))
        #expect(try H.value("exp", .int(0)) == .double(1))
        #expect(H.error { _ = try H.value("ln", .double(0)) }?.kind == .runtime)
        #expect(try H.call("pi", [], count: 2).values == [.double(Double.pi), .double(Double.pi)])
        let r = try H.call("random", [], count: 3)
        #expect(r.count == 3)
        for v in r.values { #expect((v.doubleValue ?? -1) >= 0 && (v.doubleValue ?? 2) < 1) }
        #expect(FunctionRegistry.builtin.lookup("random")?.deterministic == false)
    }

    @Test func mod() throws {
        #expect(try H.value("mod", .int(10), .int(3)) == .int(1))
        #expect(try H.value("mod", .int(10), .int(0)) == .null)
    }
}
