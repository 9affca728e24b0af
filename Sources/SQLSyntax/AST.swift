import Diagnostics

// The typed syntax tree. Nodes are value types carrying the span of the text they came from.
// The tree knows nothing of types or catalogs: the binder gives it meaning.

/// A name as written: `foo` (folded to lower case for matching) or `"Foo"` (kept exact).
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    /// The name as written, without quotes.
    public var value: String
    /// True when written in double quotes or backticks.
    public var quoted: Bool
    /// Where it was written.
    public var span: SourceSpan

    /// Creates an identifier.
    public init(_ value: String, quoted: Bool = false, span: SourceSpan = .none) {
        self.value = value
        self.quoted = quoted
        self.span = span
    }

    /// The name used for matching: lower-cased unless quoted.
    public var normalized: String { quoted ? value : value.lowercased() }

    public var description: String { value }
}

/// A dotted name: `t`, `schema.t`, `t.col`, `t.col.field`.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    /// The parts, at least one.
    public var parts: [Identifier]

    /// Creates a name.
    public init(_ parts: [Identifier]) { self.parts = parts }

    /// The last part.
    public var last: Identifier { parts[parts.count - 1] }

    /// Span of the whole name.
    public var span: SourceSpan {
        guard let f = parts.first, let l = parts.last else { return .none }
        return f.span.union(l.span)
    }

    public var description: String { parts.map(\.value).joined(separator: ".") }
}

/// A type as written: `INT`, `DECIMAL(10,2)`, `VARCHAR(8)`, `STRUCT<a: INT>`, `ARRAY<STRING>`, `INT[]`.
public indirect enum TypeName: Sendable, Hashable {
    /// A simple type name (upper-cased, multi-word names joined by one space, e.g.
    /// "DOUBLE PRECISION", "TIMESTAMP WITH TIME ZONE") with its numeric parameters.
    case named(String, [Int])
    /// `ARRAY<T>` or `T[]`.
    case array(TypeName)
    /// `STRUCT<name: T, ...>` (also `STRUCT<name T>`).
    case `struct`([(name: Identifier, type: TypeName)])

    public static func == (a: TypeName, b: TypeName) -> Bool {
        switch (a, b) {
        case let (.named(x, p), .named(y, q)): return x == y && p == q
        case let (.array(x), .array(y)): return x == y
        case let (.struct(x), .struct(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.type == $1.type }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case let .named(n, p): h.combine(0); h.combine(n); h.combine(p)
        case let .array(t): h.combine(1); h.combine(t)
        case let .struct(f): h.combine(2); for x in f { h.combine(x.name); h.combine(x.type) }
        }
    }
}

/// A literal as written.
public enum Literal: Sendable, Hashable {
    case null
    case boolean(Bool)
    /// Digits only, e.g. "42" (may exceed Int64: the binder decides).
    case integer(String)
    /// A number with a point or exponent, e.g. "1.5", "2e10", ".5".
    case number(String)
    /// 'text' with quotes removed and '' unescaped.
    case string(String)
    /// `DATE '2024-01-01'`, `TIMESTAMP '...'`, `TIME '...'`: type keyword and text.
    case typed(TypeName, String)
    /// `INTERVAL '3' DAY`, `INTERVAL '1 day 2 hours'`, `INTERVAL 3 DAYS`: text and optional unit
    /// (upper-cased singular: YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, WEEK, MILLISECOND, MICROSECOND).
    case interval(String, unit: String?)
}

/// Binary operators. Precedence lives in the parser's table.
public enum BinaryOperator: String, Sendable, Hashable {
    case or = "OR", and = "AND"
    case eq = "=", neq = "<>", lt = "<", lte = "<=", gt = ">", gte = ">="
    case plus = "+", minus = "-", multiply = "*", divide = "/", modulo = "%"
    case concat = "||"
}

/// Unary operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case not = "NOT", minus = "-", plus = "+"
}

/// An expression with its span.
public struct Expr: Sendable, Hashable {
    /// What it is.
    public var kind: ExprKind
    /// Where it was written.
    public var span: SourceSpan

    /// Creates an expression node.
    public init(_ kind: ExprKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// Expression forms.
public indirect enum ExprKind: Sendable, Hashable {
    case literal(Literal)
    /// A column reference, possibly qualified (`t.c`) or a struct path (`c.f.g`):
    /// the binder decides which parts name a table.
    case column(QualifiedName)
    /// `*` or `t.*` (in select lists and `count(*)`).
    case star(QualifiedName?)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `e IS [NOT] NULL` (`negated` for IS NOT NULL); also `ISNULL` / `NOTNULL`.
    case isNull(Expr, negated: Bool)
    /// `e IS [NOT] TRUE|FALSE|UNKNOWN`.
    case isBool(Expr, value: Bool?, negated: Bool)
    /// `a IS [NOT] DISTINCT FROM b` (`negated` for IS NOT DISTINCT FROM).
    case isDistinctFrom(Expr, Expr, negated: Bool)
    /// `e [NOT] BETWEEN low AND high`.
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    /// `e [NOT] IN (list)`; the list may be empty (SQLite allows `IN ()`).
    case inList(Expr, [Expr], negated: Bool)
    /// `e [NOT] IN (subquery)`.
    case inSubquery(Expr, Query, negated: Bool)
    /// `[NOT] EXISTS (subquery)`.
    case exists(Query, negated: Bool)
    /// `(subquery)` used as a value.
    case subquery(Query)
    /// `e [NOT] LIKE|ILIKE pattern [ESCAPE c]`.
    case like(Expr, pattern: Expr, escape: Expr?, caseInsensitive: Bool, negated: Bool)
    /// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`.
    case caseWhen(operand: Expr?, branches: [CaseBranch], elseResult: Expr?)
    /// `CAST(e AS T)`, `e::T`, `TRY_CAST(e AS T)`.
    case cast(Expr, TypeName, isTry: Bool)
    /// A function call, aggregate or window function.
    case function(FunctionCall)
    /// `e[index]`: array element (1-based) or `e['field']` struct field.
    case index(Expr, Expr)
    /// `(e).field`: struct field access on a non-name expression.
    case field(Expr, Identifier)
    /// `EXTRACT(field FROM e)`: field upper-cased (YEAR, MONTH, EPOCH, ...).
    case extract(String, Expr)
    /// `[a, b]` or `ARRAY[a, b]`.
    case array([Expr])
    /// `(a, b)` row value; only valid in some places (`IN`, comparisons).
    case row([Expr])
}

/// One `WHEN cond THEN result` of a CASE.
public struct CaseBranch: Sendable, Hashable {
    public var condition: Expr
    public var result: Expr
    public init(condition: Expr, result: Expr) {
        self.condition = condition
        self.result = result
    }
}

/// `name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)] [OVER (...)]`.
public struct FunctionCall: Sendable, Hashable {
    /// Function name (usually one part).
    public var name: QualifiedName
    /// Arguments; `count(*)` has one `.star(nil)` argument.
    public var args: [Expr]
    /// `DISTINCT` inside the parentheses.
    public var distinct: Bool
    /// `ORDER BY` inside the parentheses (string_agg, list).
    public var orderBy: [OrderItem]
    /// `FILTER (WHERE ...)`.
    public var filter: Expr?
    /// `OVER (...)` or `OVER name`.
    public var over: WindowSpec?

    public init(name: QualifiedName, args: [Expr], distinct: Bool = false, orderBy: [OrderItem] = [], filter: Expr? = nil, over: WindowSpec? = nil) {
        self.name = name
        self.args = args
        self.distinct = distinct
        self.orderBy = orderBy
        self.filter = filter
        self.over = over
    }
}

/// `OVER (PARTITION BY ... ORDER BY ... frame)`, or a reference to a named window.
public struct WindowSpec: Sendable, Hashable {
    /// `OVER w` or `OVER (w ...)`: the named window this one builds on.
    public var baseName: Identifier?
    public var partitionBy: [Expr]
    public var orderBy: [OrderItem]
    public var frame: WindowFrame?

    public init(baseName: Identifier? = nil, partitionBy: [Expr] = [], orderBy: [OrderItem] = [], frame: WindowFrame? = nil) {
        self.baseName = baseName
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// `ROWS|RANGE|GROUPS BETWEEN start AND end` (or just `start`, meaning `AND CURRENT ROW`).
public struct WindowFrame: Sendable, Hashable {
    public enum Units: String, Sendable, Hashable { case rows = "ROWS", range = "RANGE", groups = "GROUPS" }
    public var units: Units
    public var start: FrameBound
    public var end: FrameBound

    public init(units: Units, start: FrameBound, end: FrameBound) {
        self.units = units
        self.start = start
        self.end = end
    }
}

/// One end of a window frame.
public enum FrameBound: Sendable, Hashable {
    case unboundedPreceding
    case preceding(Expr)
    case currentRow
    case following(Expr)
    case unboundedFollowing
}

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
public struct OrderItem: Sendable, Hashable {
    public var expr: Expr
    /// nil when neither ASC nor DESC was written (ascending).
    public var ascending: Bool?
    /// nil when NULLS FIRST/LAST was not written.
    public var nullsFirst: Bool?

    public init(expr: Expr, ascending: Bool? = nil, nullsFirst: Bool? = nil) {
        self.expr = expr
        self.ascending = ascending
        self.nullsFirst = nullsFirst
    }
}
