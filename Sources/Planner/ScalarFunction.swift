import Columnar
import Diagnostics

/// What a scalar function's `resolve` answers for given argument types: the types the
/// binder casts each argument to before the call, and the result type.
public struct ResolvedSignature: Sendable, Hashable {
    /// One type per argument; the kernel receives columns of exactly these types.
    public var argumentTypes: [DataType]
    /// Type of the result column.
    public var returnType: DataType

    /// Creates a signature.
    public init(argumentTypes: [DataType], returnType: DataType) {
        self.argumentTypes = argumentTypes
        self.returnType = returnType
    }
}

/// Facts about the statement a function runs in.
public struct FunctionContext: Sendable {
    /// Start time of the statement (now(), current_date, current_timestamp): micros since epoch, UTC.
    public var statementTime: Int64

    /// Creates a context.
    public init(statementTime: Int64) { self.statementTime = statementTime }
}

/// A scalar function: one row of the function registry.
///
/// `resolve` checks argument count and types (throwing a `.type` error naming the function
/// when they do not fit) and picks the coerced argument types and the result type.
/// `kernel` computes the whole result column from argument columns of those exact types;
/// `count` is the row count (needed for zero-argument functions). NULL handling is the
/// kernel's job (most functions: NULL in, NULL out).
public struct ScalarFunction: Sendable {
    /// Argument-type check and result type.
    public typealias Resolver = @Sendable (_ argumentTypes: [DataType]) throws(SQLError) -> ResolvedSignature
    /// Column-at-a-time implementation.
    public typealias Kernel = @Sendable (_ arguments: [Column], _ count: Int, _ context: FunctionContext) throws(SQLError) -> Column

    /// Lower-case name and aliases; the first is the canonical name shown in EXPLAIN.
    public let names: [String]
    /// One-line description (shown by `.help functions` and in docs).
    public let summary: String
    /// Argument-type check.
    public let resolve: Resolver
    /// Implementation.
    public let kernel: Kernel
    /// False for functions whose value changes between calls in one statement (random()).
    public let deterministic: Bool

    /// Creates a registry entry.
    public init(_ names: [String], summary: String, deterministic: Bool = true, resolve: @escaping Resolver, kernel: @escaping Kernel) {
        self.names = names
        self.summary = summary
        self.resolve = resolve
        self.kernel = kernel
        self.deterministic = deterministic
    }

    /// Canonical name.
    public var name: String { names[0] }
}
