import Columnar
import Diagnostics
import Planner
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A flag set from outside (Ctrl-C) and checked by operators between batches.
public final class CancellationFlag: Sendable {
    let flag = Atomic<Bool>(false)

    /// Creates an unset flag.
    public init() {}

    /// Asks running queries to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag before the next statement.
    public func reset() { flag.store(false, ordering: .relaxed) }

    /// True once `cancel()` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What running operators share: statement facts, correlated-subquery parameters,
/// the cancellation flag, and the subquery runner.
public final class ExecutionContext {
    /// Statement time and other facts functions read.
    public let functionContext: FunctionContext
    /// Values of `.parameter(i)` in this plan.
    public let parameters: [Value]
    /// Checked between batches.
    public let cancellation: CancellationFlag
    /// Collect per-operator statistics (EXPLAIN ANALYZE).
    public let collectStatistics: Bool
    /// Runs subqueries of expressions, caching results per parameter values.
    lazy var subqueries = SubqueryExecutor(parent: self)

    /// Creates a context.
    public init(functionContext: FunctionContext, parameters: [Value] = [], cancellation: CancellationFlag = CancellationFlag(), collectStatistics: Bool = false) {
        self.functionContext = functionContext
        self.parameters = parameters
        self.cancellation = cancellation
        self.collectStatistics = collectStatistics
    }

    /// Threads a parallel pipeline may use (the machine's cores, at most 8).
    public var parallelism: Int = ExecutionContext.defaultParallelism

    /// Online cores, at most 8.
    public static let defaultParallelism: Int = {
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, min(8, n))
    }()

    /// A context for one worker thread of a parallel pipeline: the same statement facts,
    /// parameters and cancellation flag, its own subquery cache.
    func workerContext() -> ExecutionContext {
        let c = ExecutionContext(functionContext: functionContext, parameters: parameters, cancellation: cancellation, collectStatistics: false)
        c.parallelism = 1
        return c
    }

    /// An evaluator for expressions of this plan.
    var evaluator: ExpressionEvaluator {
        ExpressionEvaluator(context: functionContext, parameters: parameters, subqueries: subqueries)
    }

    /// Throws when the query was cancelled.
    @inline(__always)
    func checkCancelled() throws(SQLError) {
        if cancellation.isCancelled { throw SQLError(.cancelled, "query cancelled") }
    }
}

extension ExecutionContext {
    /// Evaluates an expression over a batch (subqueries included), for statements that
    /// compute values outside a plan (UPDATE, DELETE).
    public func evaluate(_ e: BoundExpr, on batch: Batch) throws(SQLError) -> Column {
        try evaluator.evaluate(e, batch)
    }
}
