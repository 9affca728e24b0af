import Columnar
import Diagnostics

/// A relational plan: an enum whose cases each wrap one node struct. Every node knows
/// its output schema; expressions of a node refer to its input's columns by index.
public indirect enum LogicalPlan: Sendable {
    case scan(ScanNode)
    case values(ValuesNode)
    case tableFunction(TableFunctionNode)
    case filter(FilterNode)
    case project(ProjectNode)
    case join(JoinNode)
    case aggregate(AggregateNode)
    case window(WindowNode)
    case sort(SortNode)
    case limit(LimitNode)
    case distinct(DistinctNode)
    case setOperation(SetOperationNode)

    /// Output columns.
    public var schema: Schema {
        switch self {
        case let .scan(n): return n.schema
        case let .values(n): return n.schema
        case let .tableFunction(n): return n.schema
        case let .filter(n): return n.input.schema
        case let .project(n): return n.schema
        case let .join(n): return n.schema
        case let .aggregate(n): return n.schema
        case let .window(n): return n.schema
        case let .sort(n): return n.input.schema
        case let .limit(n): return n.input.schema
        case let .distinct(n): return n.input.schema
        case let .setOperation(n): return n.schema
        }
    }

    /// Direct inputs.
    public var inputs: [LogicalPlan] {
        switch self {
        case .scan, .values, .tableFunction: return []
        case let .filter(n): return [n.input]
        case let .project(n): return [n.input]
        case let .join(n): return [n.left, n.right]
        case let .aggregate(n): return [n.input]
        case let .window(n): return [n.input]
        case let .sort(n): return [n.input]
        case let .limit(n): return [n.input]
        case let .distinct(n): return [n.input]
        case let .setOperation(n): return [n.left, n.right]
        }
    }
}

/// Reads a table, keeping the columns at `projection`, then applies `filters` (over the projected columns).
public struct ScanNode: Sendable {
    public var table: TableHandle
    /// Table column indices produced, in order.
    public var projection: [Int]
    /// Conjuncts applied to each produced batch.
    public var filters: [BoundExpr]
    /// Per projected column, the STRUCT field indices leading to the value produced inside
    /// table column `projection[k]` (empty: the whole column). Either empty (no column
    /// reads a field) or as long as `projection`; see `ScanNode+FieldPaths.swift`.
    public var fieldPaths: [[Int]] = []

    public init(table: TableHandle, projection: [Int], filters: [BoundExpr] = []) {
        self.table = table
        self.projection = projection
        self.filters = filters
    }

    public var schema: Schema {
        let fields = table.provider.scanFields
        return Schema(projection.indices.map { k in ScanNode.field(fields[projection[k]], path: path(at: k)) })
    }
}

/// Literal rows (`VALUES`, `SELECT` without FROM).
public struct ValuesNode: Sendable {
    public var schema: Schema
    /// Rows of constant expressions (may contain subqueries).
    public var rows: [[BoundExpr]]

    public init(schema: Schema, rows: [[BoundExpr]]) {
        self.schema = schema
        self.rows = rows
    }
}

/// A generated table: `range(start, stop[, step])`, `generate_series(start, stop[, step])`.
public struct TableFunctionNode: Sendable {
    public enum Function: String, Sendable {
        /// `stop` exclusive.
        case range
        /// `stop` inclusive.
        case generateSeries = "generate_series"
    }
    public var function: Function
    public var start: Int64
    public var stop: Int64
    public var step: Int64
    public var schema: Schema

    public init(function: Function, start: Int64, stop: Int64, step: Int64, schema: Schema) {
        self.function = function
        self.start = start
        self.stop = stop
        self.step = step
        self.schema = schema
    }

    /// Number of rows it produces.
    public var rowCount: Int {
        if step == 0 { return 0 }
        let span = Double(stop) - Double(start)
        var n = span / Double(step)
        if n < 0 { return 0 }
        if function == .generateSeries { n = n.rounded(.down) + 1 } else { n = n.rounded(.up) }
        return n > 1e12 ? Int(1e12) : Int(n)
    }
}

/// Keeps rows where `predicate` is TRUE.
public struct FilterNode: Sendable {
    public var input: LogicalPlan
    public var predicate: BoundExpr

    public init(input: LogicalPlan, predicate: BoundExpr) {
        self.input = input
        self.predicate = predicate
    }
}

/// Computes `exprs` over each input row.
public struct ProjectNode: Sendable {
    public var input: LogicalPlan
    public var exprs: [BoundExpr]
    /// Output names, one per expression.
    public var names: [String]

    public init(input: LogicalPlan, exprs: [BoundExpr], names: [String]) {
        self.input = input
        self.exprs = exprs
        self.names = names
    }

    public var schema: Schema { Schema(zip(exprs, names).map { Field(name: $1, type: $0.type) }) }
}

/// Join types of the plan.
public enum JoinType: String, Sendable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
    /// Left rows with a match (output: left columns only).
    case semi = "SEMI"
    /// Left rows without a match (output: left columns only).
    case anti = "ANTI"
}

/// Joins two inputs on equality keys plus an optional residual condition.
/// Output: left columns then right columns (left only for SEMI/ANTI).
public struct JoinNode: Sendable {
    public var left: LogicalPlan
    public var right: LogicalPlan
    public var type: JoinType
    /// Pairs (left key over left columns, right key over right columns) that must be equal (NULL never matches).
    public var equiKeys: [(left: BoundExpr, right: BoundExpr)]
    /// Extra condition over left ++ right columns.
    public var residual: BoundExpr?

    public init(left: LogicalPlan, right: LogicalPlan, type: JoinType, equiKeys: [(left: BoundExpr, right: BoundExpr)] = [], residual: BoundExpr? = nil) {
        self.left = left
        self.right = right
        self.type = type
        self.equiKeys = equiKeys
        self.residual = residual
    }

    public var schema: Schema {
        let l = left.schema.fields, r = right.schema.fields
        switch type {
        case .semi, .anti: return Schema(l)
        case .inner, .cross: return Schema(l + r)
        case .left: return Schema(l + r.map { Field(name: $0.name, type: $0.type) })
        case .right: return Schema(l.map { Field(name: $0.name, type: $0.type) } + r)
        case .full: return Schema((l + r).map { Field(name: $0.name, type: $0.type) })
        }
    }
}

/// A sort key.
public struct SortKey: Sendable {
    public var expr: BoundExpr
    public var ascending: Bool
    public var nullsFirst: Bool

    public init(expr: BoundExpr, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.expr = expr
        self.ascending = ascending
        // PostgreSQL: NULLs sort as larger than any value.
        self.nullsFirst = nullsFirst ?? !ascending
    }
}

/// One aggregate computed by an AggregateNode.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    /// Arguments over the aggregate's input, cast to the function's signature.
    public var args: [BoundExpr]
    public var distinct: Bool
    /// `FILTER (WHERE ...)` over the input.
    public var filter: BoundExpr?
    /// `ORDER BY` inside the call (string_agg, list).
    public var orderBy: [SortKey]
    /// Result type.
    public var type: DataType

    public init(function: AggregateFunction, args: [BoundExpr], distinct: Bool = false, filter: BoundExpr? = nil, orderBy: [SortKey] = [], type: DataType) {
        self.function = function
        self.args = args
        self.distinct = distinct
        self.filter = filter
        self.orderBy = orderBy
        self.type = type
    }
}

/// Groups rows by `groups` and computes `aggregates` per group.
/// Output: group values then aggregate values. With no groups, exactly one row.
public struct AggregateNode: Sendable {
    public var input: LogicalPlan
    public var groups: [BoundExpr]
    public var aggregates: [AggregateCall]
    /// Output names.
    public var names: [String]

    public init(input: LogicalPlan, groups: [BoundExpr], aggregates: [AggregateCall], names: [String]) {
        self.input = input
        self.groups = groups
        self.aggregates = aggregates
        self.names = names
    }

    public var schema: Schema {
        let types = groups.map(\.type) + aggregates.map(\.type)
        return Schema(zip(names, types).map { Field(name: $0, type: $1) })
    }
}

/// Window functions.
public enum WindowFunction: Sendable, Equatable {
    case rowNumber, rank, denseRank, percentRank, cumeDist, ntile
    case lag, lead, firstValue, lastValue, nthValue
    case aggregate(AggregateFunction)

    /// Name in EXPLAIN.
    public var displayName: String {
        switch self {
        case .rowNumber: return "row_number"
        case .rank: return "rank"
        case .denseRank: return "dense_rank"
        case .percentRank: return "percent_rank"
        case .cumeDist: return "cume_dist"
        case .ntile: return "ntile"
        case .lag: return "lag"
        case .lead: return "lead"
        case .firstValue: return "first_value"
        case .lastValue: return "last_value"
        case .nthValue: return "nth_value"
        case let .aggregate(a): return a.displayName
        }
    }
}

/// A window frame, bounds as row or value offsets (nil offset = unbounded).
public struct WindowFrameSpec: Sendable {
    public enum Units: Sendable { case rows, range, groups }
    public enum Bound: Sendable {
        case unboundedPreceding, preceding(Int64), currentRow, following(Int64), unboundedFollowing
    }
    public var units: Units
    public var start: Bound
    public var end: Bound

    public init(units: Units, start: Bound, end: Bound) {
        self.units = units
        self.start = start
        self.end = end
    }
}

/// One window function call.
public struct WindowCall: Sendable {
    public var function: WindowFunction
    public var args: [BoundExpr]
    public var partitionBy: [BoundExpr]
    public var orderBy: [SortKey]
    /// nil: the default frame (RANGE UNBOUNDED PRECEDING .. CURRENT ROW with ORDER BY, whole partition without).
    public var frame: WindowFrameSpec?
    public var type: DataType

    public init(function: WindowFunction, args: [BoundExpr], partitionBy: [BoundExpr], orderBy: [SortKey], frame: WindowFrameSpec?, type: DataType) {
        self.function = function
        self.args = args
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.type = type
    }
}

/// Appends one column per window call to its input's columns.
public struct WindowNode: Sendable {
    public var input: LogicalPlan
    public var calls: [WindowCall]
    public var names: [String]

    public init(input: LogicalPlan, calls: [WindowCall], names: [String]) {
        self.input = input
        self.calls = calls
        self.names = names
    }

    public var schema: Schema {
        Schema(input.schema.fields + zip(calls, names).map { Field(name: $1, type: $0.type) })
    }
}

/// Orders rows by keys (stable).
public struct SortNode: Sendable {
    public var input: LogicalPlan
    public var keys: [SortKey]
    /// When set, only the first `limit` rows are needed (top-N).
    public var limit: Int?

    public init(input: LogicalPlan, keys: [SortKey], limit: Int? = nil) {
        self.input = input
        self.keys = keys
        self.limit = limit
    }
}

/// Skips `offset` rows then passes at most `limit`.
public struct LimitNode: Sendable {
    public var input: LogicalPlan
    public var limit: Int?
    public var offset: Int

    public init(input: LogicalPlan, limit: Int?, offset: Int) {
        self.input = input
        self.limit = limit
        self.offset = offset
    }
}

/// Removes duplicate rows.
public struct DistinctNode: Sendable {
    public var input: LogicalPlan

    public init(input: LogicalPlan) { self.input = input }
}

/// UNION / INTERSECT / EXCEPT of two inputs with the same column types.
public struct SetOperationNode: Sendable {
    public enum Operation: String, Sendable { case union = "UNION", intersect = "INTERSECT", except = "EXCEPT" }
    public var operation: Operation
    public var all: Bool
    public var left: LogicalPlan
    public var right: LogicalPlan

    public init(operation: Operation, all: Bool, left: LogicalPlan, right: LogicalPlan) {
        self.operation = operation
        self.all = all
        self.left = left
        self.right = right
    }

    public var schema: Schema { left.schema }
}
