import Columnar
import Diagnostics
@testable import Planner

/// Calls registry functions the way the binder does: resolve on the argument types, cast
/// each argument column to the resolved type, run the kernel.
enum FunctionHarness {
    static let context = FunctionContext(statementTime: 1_704_067_200_000_000 + 3_723_000_000) // 2024-01-01 01:02:03

    static func column(_ type: DataType, _ values: [Value]) -> Column {
        var b = ColumnBuilder(type: type)
        for v in values { b.append(v) }
        return b.finish()
    }

    /// Runs `name` over argument columns given as (type, values); returns the result column.
    static func call(_ name: String, _ args: [(DataType, [Value])], count: Int? = nil) throws -> Column {
        guard let f = FunctionRegistry.builtin.lookup(name) else { throw SQLError(.name, "no function \(name)") }
        let sig = try f.resolve(args.map(\.0))
        var cols: [Column] = []
        for (k, a) in args.enumerated() {
            cols.append(try column(a.0, a.1).cast(to: sig.argumentTypes[k]))
        }
        let n = count ?? args.first?.1.count ?? 1
        let r = try f.kernel(cols, n, context)
        return r
    }

    /// One-row call with values whose types are inferred, or given.
    static func value(_ name: String, _ args: Value..., types: [DataType]? = nil) throws -> Value {
        let ts = types ?? args.map { $0.inferredType }
        return try call(name, zip(ts, args).map { ($0, [$1]) }, count: 1).value(at: 0)
    }

    /// The result type resolved for `types`.
    static func returnType(_ name: String, _ types: [DataType]) throws -> DataType {
        guard let f = FunctionRegistry.builtin.lookup(name) else { throw SQLError(.name, "no function \(name)") }
        return try f.resolve(types).returnType
    }

    /// The SQLError thrown by `body`, if any.
    static func error(_ body: () throws -> Void) -> SQLError? {
        do { try body(); return nil } catch let e as SQLError { return e } catch { return SQLError(.internal, "\(error)") }
    }
}
