import Columnar
import Diagnostics

/// The registry of scalar functions: one table, built from the per-topic tables
/// (`ScalarFunctions.math`, `.string`, `.datetime`, `.conditional`, ...). Names are lower-case.
public struct FunctionRegistry: Sendable {
    /// Every scalar function, in table order.
    public let functions: [ScalarFunction]
    let byName: [String: Int]

    /// The built-in registry.
    public static let builtin = FunctionRegistry(ScalarFunctions.all)

    /// A registry over `functions`; a later duplicate name is ignored.
    public init(_ functions: [ScalarFunction]) {
        self.functions = functions
        var map: [String: Int] = [:]
        for (i, f) in functions.enumerated() {
            for n in f.names where map[n] == nil { map[n] = i }
        }
        byName = map
    }

    /// The function called `name` (case-insensitive).
    public func lookup(_ name: String) -> ScalarFunction? {
        byName[name.lowercased()].map { functions[$0] }
    }

    /// Every registered name, sorted (for completion and "did you mean").
    public var allNames: [String] { byName.keys.sorted() }
}

/// The per-topic tables of scalar functions.
public enum ScalarFunctions {
    /// All built-in scalar functions.
    public static var all: [ScalarFunction] {
        operators + math + string + datetime + conditional + nested
    }
}
