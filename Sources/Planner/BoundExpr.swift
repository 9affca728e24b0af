import Columnar
import Diagnostics

/// A type-checked expression over the columns of one plan node's input.
/// Made by the binder from an AST `Expr`; evaluated a column at a time by the executor.
public struct BoundExpr: Sendable {
    /// Expression forms after binding.
    public indirect enum Kind: Sendable {
        /// Column `index` of the input batch.
        case column(Int)
        /// Value `index` of the parameters a correlated subquery runs with.
        case parameter(Int)
        /// A constant.
        case literal(Value)
        /// A scalar function or operator, arguments already cast to its signature.
        case call(ScalarFunction, [BoundExpr])
        /// Conversion to this expression's `type`; `isTry` yields NULL instead of failing.
        case cast(BoundExpr, isTry: Bool)
        /// Conjunction with three-valued logic.
        case and([BoundExpr])
        /// Disjunction with three-valued logic.
        case or([BoundExpr])
        case not(BoundExpr)
        /// `IS NULL` (`negated`: IS NOT NULL).
        case isNull(BoundExpr, negated: Bool)
        /// `IS DISTINCT FROM` (`negated`: IS NOT DISTINCT FROM); operands of one type.
        case isDistinct(BoundExpr, BoundExpr, negated: Bool)
        /// `IS [NOT] TRUE|FALSE` on a boolean (value nil = UNKNOWN).
        case isBool(BoundExpr, value: Bool?, negated: Bool)
        /// Searched CASE: branches in order, optional ELSE.
        case caseWhen([(condition: BoundExpr, result: BoundExpr)], elseResult: BoundExpr?)
        /// `x [NOT] IN (list)` with list items of x's type.
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        /// A subquery used as a value, an EXISTS test or an IN test.
        case subquery(Subquery)
        /// Field `index` of a STRUCT value.
        case field(BoundExpr, Int)
        /// Element of an ARRAY (1-based index expression).
        case element(BoundExpr, BoundExpr)
        /// An ARRAY built from elements.
        case makeArray([BoundExpr])
    }

    /// What the expression is.
    public var kind: Kind
    /// Result type.
    public var type: DataType

    /// Creates a bound expression.
    public init(_ kind: Kind, _ type: DataType) {
        self.kind = kind
        self.type = type
    }

    /// A column reference.
    public static func column(_ index: Int, _ type: DataType) -> BoundExpr { BoundExpr(.column(index), type) }

    /// A literal.
    public static func literal(_ value: Value, _ type: DataType) -> BoundExpr { BoundExpr(.literal(value), type) }

    /// The literal value, when this is a literal.
    public var literalValue: Value? {
        if case let .literal(v) = kind { return v }
        return nil
    }

    /// The column index, when this is a plain column reference.
    public var columnIndex: Int? {
        if case let .column(i) = kind { return i }
        return nil
    }

    /// Direct sub-expressions (not those inside subquery plans).
    public var children: [BoundExpr] {
        switch kind {
        case .column, .parameter, .literal: return []
        case let .call(_, a), let .and(a), let .or(a), let .makeArray(a): return a
        case let .cast(e, _), let .not(e), let .isNull(e, _), let .isBool(e, _, _), let .field(e, _): return [e]
        case let .isDistinct(a, b, _), let .element(a, b): return [a, b]
        case let .caseWhen(branches, elseResult):
            return branches.flatMap { [$0.condition, $0.result] } + (elseResult.map { [$0] } ?? [])
        case let .inList(e, list, _): return [e] + list
        case let .subquery(s): return s.correlations + (s.operand.map { [$0] } ?? [])
        }
    }

    /// A copy with every sub-expression (children first) passed through `transform`.
    public func rewritten(_ transform: (BoundExpr) throws(SQLError) -> BoundExpr) throws(SQLError) -> BoundExpr {
        func r(_ e: BoundExpr) throws(SQLError) -> BoundExpr { try e.rewritten(transform) }
        func rs(_ es: [BoundExpr]) throws(SQLError) -> [BoundExpr] {
            var out: [BoundExpr] = []
            out.reserveCapacity(es.count)
            for e in es { out.append(try r(e)) }
            return out
        }
        var copy = self
        switch kind {
        case .column, .parameter, .literal: break
        case let .call(f, a): copy.kind = .call(f, try rs(a))
        case let .cast(e, t): copy.kind = .cast(try r(e), isTry: t)
        case let .and(a): copy.kind = .and(try rs(a))
        case let .or(a): copy.kind = .or(try rs(a))
        case let .not(e): copy.kind = .not(try r(e))
        case let .isNull(e, n): copy.kind = .isNull(try r(e), negated: n)
        case let .isDistinct(a, b, n): copy.kind = .isDistinct(try r(a), try r(b), negated: n)
        case let .isBool(e, v, n): copy.kind = .isBool(try r(e), value: v, negated: n)
        case let .caseWhen(branches, elseResult):
            var nb: [(condition: BoundExpr, result: BoundExpr)] = []
            for b in branches { nb.append((try r(b.condition), try r(b.result))) }
            copy.kind = .caseWhen(nb, elseResult: try elseResult.map { e throws(SQLError) in try r(e) })
        case let .inList(e, l, n): copy.kind = .inList(try r(e), try rs(l), negated: n)
        case var .subquery(s):
            s.correlations = try rs(s.correlations)
            if let o = s.operand { s.operand = try r(o) }
            copy.kind = .subquery(s)
        case let .field(e, i): copy.kind = .field(try r(e), i)
        case let .element(a, b): copy.kind = .element(try r(a), try r(b))
        case let .makeArray(a): copy.kind = .makeArray(try rs(a))
        }
        return try transform(copy)
    }

    /// Column indices this expression reads (not counting those of subquery plans).
    public var referencedColumns: Set<Int> {
        var s = Set<Int>()
        collectColumns(into: &s)
        return s
    }

    func collectColumns(into s: inout Set<Int>) {
        if case let .column(i) = kind { s.insert(i) }
        for c in children { c.collectColumns(into: &s) }
    }

    /// True when the expression reads no column, no parameter, no subquery and calls only
    /// deterministic functions: it can be folded to a constant.
    public var isConstant: Bool {
        switch kind {
        case .column, .parameter, .subquery: return false
        case let .call(f, _) where !f.deterministic: return false
        default: return children.allSatisfy(\.isConstant)
        }
    }

    /// True when the expression calls only deterministic functions (`random()` is not).
    public var isDeterministic: Bool {
        if case let .call(f, _) = kind, !f.deterministic { return false }
        return children.allSatisfy(\.isDeterministic)
    }

    /// True when the expression contains a subquery.
    public var containsSubquery: Bool {
        if case .subquery = kind { return true }
        return children.contains { $0.containsSubquery }
    }

    /// A copy with column indices mapped through `map` (index → new index).
    public func remappingColumns(_ map: (Int) -> Int) -> BoundExpr {
        let result = try? rewritten { (e: BoundExpr) throws(SQLError) -> BoundExpr in
            if case let .column(i) = e.kind { return BoundExpr(.column(map(i)), e.type) }
            return e
        }
        return result ?? self
    }
}

/// A subquery inside an expression. Its plan reads its outer row through `.parameter(i)`,
/// whose values are `correlations[i]` evaluated on the outer row.
public struct Subquery: Sendable {
    /// How the subquery's rows are used.
    public enum Mode: Sendable {
        /// The single value of a one-column, at-most-one-row result.
        case scalar
        /// TRUE when there is a row (`negated`: NOT EXISTS).
        case exists(negated: Bool)
        /// `operand [NOT] IN (subquery)` with SQL's NULL rules.
        case inSubquery(negated: Bool)
        /// `operand op ANY|ALL (subquery)` is not supported yet.
    }

    /// The subquery's plan.
    public var plan: LogicalPlan
    /// How its rows are used.
    public var mode: Mode
    /// The left side of IN, evaluated on the outer row.
    public var operand: BoundExpr?
    /// Outer-row expressions whose values the plan sees as parameters.
    public var correlations: [BoundExpr]

    /// Creates a subquery expression.
    public init(plan: LogicalPlan, mode: Mode, operand: BoundExpr? = nil, correlations: [BoundExpr] = []) {
        self.plan = plan
        self.mode = mode
        self.operand = operand
        self.correlations = correlations
    }
}
