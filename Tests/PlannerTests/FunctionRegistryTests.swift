import Testing
import Columnar
import Diagnostics
@testable import Planner

@Suite struct FunctionRegistryTests {
    typealias H = FunctionHarness

    @Test(arguments: ["+", "-", "*", "/", "%", "negate", "=", "<>", "!=", "<", "<=", ">", ">=", "||", "like", "ilike",
                      "regexp_matches", "regexp_replace", "abs", "round", "coalesce", "nvl", "lower", "substring",
                      "date_trunc", "date_part", "datediff", "date_diff", "strftime", "now", "current_date"])
    func registered(name: String) {
        #expect(FunctionRegistry.builtin.lookup(name) != nil)
    }

    @Test func lookupIsCaseInsensitive() {
        #expect(FunctionRegistry.builtin.lookup("ROUND")?.name == "round")
        #expect(FunctionRegistry.builtin.lookup("Char_Length")?.name == "length")
    }

    @Test func extremeArgumentsDoNotTrap() throws {
        #expect(try H.value("round", .decimal(12345, scale: 2), .int(Int64.min)) == .decimal(0, scale: 2))
        #expect(try H.value("round", .double(1.5), .int(Int64.max)) == .double(1.5))
        #expect(try H.value("round", .int(5), .int(Int64.min)) == .int(0))
        #expect(try H.value("substr", .string("abc"), .int(Int64.min), .int(Int64.max)) == .string("abc"))
        #expect(try H.value("substr", .string("abc"), .int(Int64.max)) == .string(""))
        #expect(try H.value("left", .string("abc"), .int(Int64.min)) == .string(""))
        #expect(try H.value("split_part", .string("a,b"), .string(","), .int(Int64.min)) == .string(""))
        #expect(H.error { _ = try H.value("lpad", .string("a"), .int(Int64.max)) }?.kind == .runtime)
        #expect(H.error { _ = try H.value("chr", .int(-1)) }?.kind == .runtime)
        #expect(H.error { _ = try H.value("+", .date(0), .int(Int64.max)) }?.kind == .runtime)
        #expect(H.error { _ = try H.value("*", Value.interval(Interval(days: 2)), .int(Int64.max)) }?.kind == .runtime)
        #expect(H.error { _ = try H.value("to_timestamp", .string("999999-12-31"), .string("%Y-%m-%d")) }?.kind == .runtime)
    }
}
