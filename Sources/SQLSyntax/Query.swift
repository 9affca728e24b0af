import Diagnostics

/// A full query: `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET m]`.
public struct Query: Sendable, Hashable {
    /// Common table expressions, in order (each may refer to earlier ones).
    public var with: [CommonTableExpr]
    /// `WITH RECURSIVE` was written.
    public var recursive: Bool
    public var body: SetExpr
    public var orderBy: [OrderItem]
    public var limit: Expr?
    public var offset: Expr?
    public var span: SourceSpan

    public init(with: [CommonTableExpr] = [], recursive: Bool = false, body: SetExpr, orderBy: [OrderItem] = [], limit: Expr? = nil, offset: Expr? = nil, span: SourceSpan) {
        self.with = with
        self.recursive = recursive
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.span = span
    }
}

/// `name [(cols)] AS (query)`.
public struct CommonTableExpr: Sendable, Hashable {
    public var name: Identifier
    public var columns: [Identifier]
    public var query: Query

    public init(name: Identifier, columns: [Identifier] = [], query: Query) {
        self.name = name
        self.columns = columns
        self.query = query
    }
}

/// The body of a query: a SELECT, a set operation, VALUES, or a parenthesised query.
public indirect enum SetExpr: Sendable, Hashable {
    case select(Select)
    /// `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`.
    case setOperation(SetOperator, all: Bool, SetExpr, SetExpr)
    /// `VALUES (..), (..)`.
    case values([[Expr]], span: SourceSpan)
    /// `(query)` in a set-operation position (may carry its own ORDER BY/LIMIT).
    case query(Query)
}

/// Set operators.
public enum SetOperator: String, Sendable, Hashable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// `SELECT [DISTINCT] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [WINDOW ...]`.
public struct Select: Sendable, Hashable {
    public var distinct: Bool
    public var items: [SelectItem]
    /// FROM items; more than one means comma (cross) joins.
    public var from: [TableRef]
    public var whereClause: Expr?
    public var groupBy: [Expr]
    /// `GROUP BY ALL`: every select item without an aggregate is a group key (`groupBy` empty).
    public var groupByAll: Bool = false
    public var having: Expr?
    /// `WINDOW w AS (...)` definitions.
    public var windows: [(name: Identifier, spec: WindowSpec)]
    /// `QUALIFY` filter on window results.
    public var qualify: Expr?
    public var span: SourceSpan

    public init(distinct: Bool = false, items: [SelectItem], from: [TableRef] = [], whereClause: Expr? = nil, groupBy: [Expr] = [], having: Expr? = nil, windows: [(name: Identifier, spec: WindowSpec)] = [], qualify: Expr? = nil, span: SourceSpan) {
        self.distinct = distinct
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.qualify = qualify
        self.span = span
    }

    public static func == (a: Select, b: Select) -> Bool {
        a.distinct == b.distinct && a.items == b.items && a.from == b.from && a.whereClause == b.whereClause
            && a.groupBy == b.groupBy && a.groupByAll == b.groupByAll && a.having == b.having && a.qualify == b.qualify && a.span == b.span
            && a.windows.count == b.windows.count
            && zip(a.windows, b.windows).allSatisfy { $0.name == $1.name && $0.spec == $1.spec }
    }

    public func hash(into h: inout Hasher) {
        h.combine(distinct); h.combine(items); h.combine(from); h.combine(whereClause)
        h.combine(groupBy); h.combine(groupByAll); h.combine(having); h.combine(span)
    }
}

/// One item of a select list.
public enum SelectItem: Sendable, Hashable {
    /// `expr [[AS] alias]`.
    case expr(Expr, alias: Identifier?)
    /// `*` or `t.*`, with optional `EXCLUDE (cols)`.
    case wildcard(qualifier: QualifiedName?, exclude: [Identifier], span: SourceSpan)
}

/// `AS alias [(col, ...)]`.
public struct TableAlias: Sendable, Hashable {
    public var name: Identifier
    public var columns: [Identifier]

    public init(name: Identifier, columns: [Identifier] = []) {
        self.name = name
        self.columns = columns
    }
}

/// A FROM item.
public indirect enum TableRef: Sendable, Hashable {
    /// A table, view or CTE name.
    case table(QualifiedName, alias: TableAlias?, span: SourceSpan)
    /// `(query) [AS] alias`.
    case subquery(Query, alias: TableAlias?, span: SourceSpan)
    /// `range(10)`, `generate_series(1, 5)`, `bad_records('t')`, `read_json('path')`.
    case function(QualifiedName, args: [Expr], alias: TableAlias?, span: SourceSpan)
    /// A join of two FROM items.
    case join(Join)
}

/// `left [NATURAL] kind JOIN right [ON cond | USING (cols)]`.
public struct Join: Sendable, Hashable {
    public var left: TableRef
    public var right: TableRef
    public var kind: JoinKind
    public var constraint: JoinConstraint
    public var span: SourceSpan

    public init(left: TableRef, right: TableRef, kind: JoinKind, constraint: JoinConstraint, span: SourceSpan) {
        self.left = left
        self.right = right
        self.kind = kind
        self.constraint = constraint
        self.span = span
    }
}

/// Join kinds as written.
public enum JoinKind: String, Sendable, Hashable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
    /// `SEMI JOIN` / `ANTI JOIN` (DuckDB/Spark spellings).
    case semi = "SEMI", anti = "ANTI"
}

/// How a join matches rows.
public enum JoinConstraint: Sendable, Hashable {
    case on(Expr)
    case using([Identifier])
    case natural
    /// CROSS JOIN, or a comma.
    case none
}
