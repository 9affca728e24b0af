import Columnar
import Diagnostics

/// A named rewrite of a logical plan that keeps its results the same.
public protocol OptimizerRule: Sendable {
    /// Name shown in tests and debugging.
    var name: String { get }
    /// The rewritten plan.
    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan
}

/// Runs the rules in order. The order matters:
/// 1. constant folding first, so later rules see literals (`WHERE 1 = 1` disappears);
/// 2. filter pushdown next: it also turns `WHERE a.x = b.y` over a cross join into join keys;
/// 3. STRUCT field reads move below joins before column pruning, which then drops the
///    STRUCTs the joins no longer need to carry;
/// 4. column pruning after pushdown, so scans keep the columns their filters read;
/// 5. field reads fold into the scans under them once pruning left only the columns read
///    above, and pruning again drops the STRUCT columns the scans no longer need;
/// 6. build-side choice once joins have their keys;
/// 7. top-N last, once sorts and limits sit next to each other.
public struct Optimizer: Sendable {
    public let rules: [any OptimizerRule]

    /// The default rule list.
    public static let `default` = Optimizer(rules: [
        ConstantFolding(),
        PushDownFilters(),
        PushDownFieldAccess(),
        PruneColumns(),
        FoldFieldReadsIntoScans(),
        PruneColumns(),
        ChooseBuildSide(),
        TopN(),
    ])

    public init(rules: [any OptimizerRule]) { self.rules = rules }

    /// Applies every rule once, in order.
    public func optimize(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        var p = plan
        for r in rules { p = try r.rewrite(p, context: context) }
        return p
    }
}

extension LogicalPlan {
    /// A copy with each input replaced by `transform(input)`.
    public func mapInputs(_ transform: (LogicalPlan) throws(SQLError) -> LogicalPlan) throws(SQLError) -> LogicalPlan {
        switch self {
        case .scan, .values, .tableFunction: return self
        case var .filter(n): n.input = try transform(n.input); return .filter(n)
        case var .project(n): n.input = try transform(n.input); return .project(n)
        case var .join(n): n.left = try transform(n.left); n.right = try transform(n.right); return .join(n)
        case var .aggregate(n): n.input = try transform(n.input); return .aggregate(n)
        case var .window(n): n.input = try transform(n.input); return .window(n)
        case var .sort(n): n.input = try transform(n.input); return .sort(n)
        case var .limit(n): n.input = try transform(n.input); return .limit(n)
        case var .distinct(n): n.input = try transform(n.input); return .distinct(n)
        case var .setOperation(n): n.left = try transform(n.left); n.right = try transform(n.right); return .setOperation(n)
        }
    }

    /// A copy with every expression of this node (not of its inputs) passed through `f`.
    public func mapExpressions(_ f: (BoundExpr) throws(SQLError) -> BoundExpr) throws(SQLError) -> LogicalPlan {
        func keys(_ ks: [SortKey]) throws(SQLError) -> [SortKey] {
            var out: [SortKey] = []
            for k in ks { var k2 = k; k2.expr = try f(k.expr); out.append(k2) }
            return out
        }
        func all(_ es: [BoundExpr]) throws(SQLError) -> [BoundExpr] {
            var out: [BoundExpr] = []
            for e in es { out.append(try f(e)) }
            return out
        }
        switch self {
        case .tableFunction: return self
        case var .scan(n): n.filters = try all(n.filters); return .scan(n)
        case var .values(n):
            var rows: [[BoundExpr]] = []
            for r in n.rows { rows.append(try all(r)) }
            n.rows = rows
            return .values(n)
        case var .filter(n): n.predicate = try f(n.predicate); return .filter(n)
        case var .project(n): n.exprs = try all(n.exprs); return .project(n)
        case var .join(n):
            var ks: [(left: BoundExpr, right: BoundExpr)] = []
            for k in n.equiKeys { ks.append((try f(k.left), try f(k.right))) }
            n.equiKeys = ks
            n.residual = try n.residual.map { e throws(SQLError) in try f(e) }
            return .join(n)
        case var .aggregate(n):
            n.groups = try all(n.groups)
            var calls: [AggregateCall] = []
            for var c in n.aggregates {
                c.args = try all(c.args)
                c.filter = try c.filter.map { e throws(SQLError) in try f(e) }
                c.orderBy = try keys(c.orderBy)
                calls.append(c)
            }
            n.aggregates = calls
            return .aggregate(n)
        case var .window(n):
            var calls: [WindowCall] = []
            for var c in n.calls {
                c.args = try all(c.args)
                c.partitionBy = try all(c.partitionBy)
                c.orderBy = try keys(c.orderBy)
                calls.append(c)
            }
            n.calls = calls
            return .window(n)
        case var .sort(n): n.keys = try keys(n.keys); return .sort(n)
        case .limit, .distinct, .setOperation: return self
        }
    }

    /// Applies `f` bottom-up to every node.
    public func transformUp(_ f: (LogicalPlan) throws(SQLError) -> LogicalPlan) throws(SQLError) -> LogicalPlan {
        let withInputs = try mapInputs { p throws(SQLError) in try p.transformUp(f) }
        return try f(withInputs)
    }
}
