// Formatting of result values by type letter, as SQLite's harness prints them.

import Columnar
import Testing

@Suite("SLT value formatting")
struct SLTFormatterTests {
    @Test("I: integers, truncated reals and decimals, booleans, text", arguments: [
        (Value.int(42), "42"),
        (.int(-7), "-7"),
        (.double(2.9), "2"),
        (.double(-2.9), "-2"),
        (.double(1e300), "9223372036854775807"),
        (.decimal(-1999, scale: 3), "-1"),
        (.decimal(12345, scale: 2), "123"),
        (.bool(true), "1"),
        (.bool(false), "0"),
        (.string("abc"), "0"),
        (.string("12abc"), "12"),
        (.string("-3"), "-3"),
        (.null, "NULL"),
    ])
    func integer(value: Value, text: String) {
        #expect(SLTFormatter.format(value, type: "I") == text)
    }

    @Test("R: printf %.3f", arguments: [
        (Value.int(3), "3.000"),
        (.int(-3), "-3.000"),
        (.double(2.5), "2.500"),
        (.double(1.0 / 3.0), "0.333"),
        (.double(-0.0005), "-0.001"),
        (.double(1.0005), "1.000"),
        (.decimal(150, scale: 2), "1.500"),
        (.decimal(12345, scale: 4), "1.235"),
        (.decimal(-12345, scale: 4), "-1.235"),
        (.decimal(7, scale: 0), "7.000"),
        (.string("x"), "0.000"),
        (.string("2.25abc"), "2.250"),
        (.null, "NULL"),
    ])
    func real(value: Value, text: String) {
        #expect(SLTFormatter.format(value, type: "R") == text)
    }

    @Test("T: rendered text, (empty), control characters as @", arguments: [
        (Value.string("hello world"), "hello world"),
        (.string(""), "(empty)"),
        (.string("a\tb\nc"), "a@b@c"),
        (.string("héllo"), "héllo"),
        (.bool(true), "true"),
        (.double(0.1), "0.1"),
        (.double(2), "2"),
        (.decimal(150, scale: 2), "1.50"),
        (.int(5), "5"),
        (.date(19753), "2024-01-31"),
        (.array([.int(1), .int(2)]), "[1, 2]"),
        (.null, "NULL"),
    ])
    func text(value: Value, text: String) {
        #expect(SLTFormatter.format(value, type: "T") == text)
    }
}
