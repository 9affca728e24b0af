import Columnar
import Diagnostics

/// Runs subqueries for the evaluator (implemented by the executor, which can run plans).
public protocol SubqueryRunner: AnyObject {
    /// Evaluates `subquery` for each row of `batch` (its correlations give the parameters).
    func evaluate(_ subquery: Subquery, operand: Column?, correlations: [Column], count: Int) throws(SQLError) -> Column
}

/// Evaluates bound expressions a column at a time over a batch. Scalar functions and
/// operators run their registry kernels on whole columns; AND/OR/NOT/CASE/IN and NULL
/// tests are handled here with SQL's three-valued logic.
public struct ExpressionEvaluator {
    /// Statement facts for functions such as now().
    public var context: FunctionContext
    /// Values of `.parameter(i)` (a correlated subquery's outer row).
    public var parameters: [Value]
    /// Runs subqueries; nil where none can occur (constant folding).
    public var subqueries: (any SubqueryRunner)?

    /// Creates an evaluator.
    public init(context: FunctionContext, parameters: [Value] = [], subqueries: (any SubqueryRunner)? = nil) {
        self.context = context
        self.parameters = parameters
        self.subqueries = subqueries
    }

    /// The expression's value for every row of `batch`.
    public func evaluate(_ e: BoundExpr, _ batch: Batch) throws(SQLError) -> Column {
        let n = batch.count
        switch e.kind {
        case let .column(i):
            guard i < batch.columns.count else { throw SQLError(.internal, "column #\(i) out of range") }
            return batch.columns[i]
        case let .parameter(i):
            guard i < parameters.count else { throw SQLError(.internal, "parameter $\(i) not bound") }
            return Column.constant(parameters[i], type: e.type, count: n)
        case let .literal(v):
            return Column.constant(v, type: e.type, count: n)
        case let .call(f, args):
            var cols: [Column] = []
            cols.reserveCapacity(args.count)
            for a in args { cols.append(try evaluate(a, batch)) }
            return try f.kernel(cols, n, context)
        case let .cast(x, isTry):
            return try evaluate(x, batch).cast(to: e.type, isTry: isTry)
        case let .and(items):
            return try logical(items, batch, isAnd: true)
        case let .or(items):
            return try logical(items, batch, isAnd: false)
        case let .not(x):
            let c = try evaluate(x, batch)
            guard case let .bool(a) = c.storage else { throw SQLError(.internal, "NOT of a non-boolean") }
            return Column(type: .boolean, storage: .bool(a.map { !$0 }), validity: c.validity)
        case let .isNull(x, negated):
            let c = try evaluate(x, batch)
            var out = [Bool](repeating: negated, count: n)
            if c.validity != nil { for i in 0..<n where c.isNull(i) { out[i] = !negated } }
            if case .null = c.type { out = [Bool](repeating: !negated, count: n) }
            return Column(type: .boolean, storage: .bool(out))
        case let .isDistinct(a, b, negated):
            return try isDistinct(a, b, negated: negated, batch)
        case let .isBool(x, value, negated):
            let c = try evaluate(x, batch)
            let flags = c.trueMask
            var out = [Bool](repeating: false, count: n)
            for i in 0..<n {
                let isNull = c.isNull(i)
                let r: Bool
                switch value {
                case nil: r = isNull
                case true?: r = !isNull && flags[i]
                case false?: r = !isNull && !flags[i]
                }
                out[i] = negated ? !r : r
            }
            return Column(type: .boolean, storage: .bool(out))
        case let .caseWhen(branches, elseResult):
            return try caseWhen(branches, elseResult, type: e.type, batch)
        case let .inList(x, list, negated):
            return try inList(x, list, negated: negated, batch)
        case let .subquery(s):
            guard let runner = subqueries else { throw SQLError(.internal, "subquery outside of a query") }
            var corr: [Column] = []
            for c in s.correlations { corr.append(try evaluate(c, batch)) }
            let operand = try s.operand.map { o throws(SQLError) in try evaluate(o, batch) }
            return try runner.evaluate(s, operand: operand, correlations: corr, count: n)
        case let .field(x, index):
            return ExpressionEvaluator.field(index, of: try evaluate(x, batch), type: e.type, count: n)
        case let .element(x, index):
            let c = try evaluate(x, batch)
            let idx = try evaluate(index, batch)
            var b = ColumnBuilder(type: e.type, capacity: n)
            for i in 0..<n {
                guard case let .array(values) = c.value(at: i), case let .int(k) = idx.value(at: i) else { b.appendNull(); continue }
                // 1-based; negative counts from the end (DuckDB).
                let pos = k > 0 ? Int(k) - 1 : values.count + Int(k)
                if k != 0, pos >= 0, pos < values.count { b.append(values[pos]) } else { b.appendNull() }
            }
            return b.finish()
        case let .makeArray(items):
            var cols: [Column] = []
            for i in items { cols.append(try evaluate(i, batch)) }
            var b = ColumnBuilder(type: e.type, capacity: n)
            for i in 0..<n { b.append(.array(cols.map { $0.value(at: i) })) }
            return b.finish()
        }
    }

    /// Rows where the predicate is TRUE.
    public func predicateMask(_ e: BoundExpr, _ batch: Batch) throws(SQLError) -> [Bool] {
        try evaluate(e, batch).trueMask
    }

    /// AND/OR with three-valued logic; later operands are evaluated only on rows still undecided.
    func logical(_ items: [BoundExpr], _ batch: Batch, isAnd: Bool) throws(SQLError) -> Column {
        let n = batch.count
        // decided: the row's result is fixed (FALSE for AND, TRUE for OR)
        var result = [Bool](repeating: isAnd, count: n)
        var isNull = [Bool](repeating: false, count: n)
        var undecided = Array(0..<n)
        for item in items {
            if undecided.isEmpty { break }
            let sub = undecided.count == n ? batch : batch.gather(undecided)
            let c = try evaluate(item, sub)
            guard case let .bool(a) = c.storage else { throw SQLError(.internal, "logical operand is not boolean") }
            var still: [Int] = []
            still.reserveCapacity(undecided.count)
            for (k, row) in undecided.enumerated() {
                if c.isNull(k) { isNull[row] = true; still.append(row); continue }
                if a[k] != isAnd {
                    result[row] = !isAnd
                    isNull[row] = false
                } else {
                    still.append(row)
                }
            }
            undecided = still
        }
        var validity: Bitmap? = nil
        if isNull.contains(true) {
            var v = Bitmap(count: n, value: true)
            for i in undecided where isNull[i] { v[i] = false }
            validity = v
        }
        return Column(type: .boolean, storage: .bool(result), validity: validity)
    }

    func isDistinct(_ a: BoundExpr, _ b: BoundExpr, negated: Bool, _ batch: Batch) throws(SQLError) -> Column {
        let ca = try evaluate(a, batch), cb = try evaluate(b, batch)
        let eq = try equalityColumn(ca, cb, type: a.type)
        let flags = eq.trueMask
        var out = [Bool](repeating: false, count: batch.count)
        for i in 0..<batch.count {
            let na = ca.isNull(i) || a.type == .null, nb = cb.isNull(i) || b.type == .null
            let distinct: Bool
            if na || nb { distinct = na != nb } else { distinct = !flags[i] }
            out[i] = negated ? !distinct : distinct
        }
        return Column(type: .boolean, storage: .bool(out))
    }

    /// `a = b` through the registry's "=" kernel.
    func equalityColumn(_ a: Column, _ b: Column, type: DataType) throws(SQLError) -> Column {
        if type == .null { return Column.constant(.null, type: .boolean, count: a.count) }
        guard let eq = FunctionRegistry.builtin.lookup("=") else { throw SQLError(.internal, "no = operator") }
        return try eq.kernel([a, b], a.count, context)
    }

    func inList(_ x: BoundExpr, _ list: [BoundExpr], negated: Bool, _ batch: Batch) throws(SQLError) -> Column {
        let n = batch.count
        let v = try evaluate(x, batch)
        var found = [Bool](repeating: false, count: n)
        var sawNull = [Bool](repeating: false, count: n)
        for item in list {
            let c = try evaluate(item, batch)
            let eq = try equalityColumn(v, c, type: x.type)
            let flags = eq.trueMask
            for i in 0..<n {
                if flags[i] { found[i] = true } else if eq.isNull(i) { sawNull[i] = true }
            }
        }
        var out = [Bool](repeating: false, count: n)
        var valid = Bitmap(count: n, value: true)
        for i in 0..<n {
            if found[i] { out[i] = !negated } else if sawNull[i] || v.isNull(i) { valid[i] = false } else { out[i] = negated }
        }
        return Column(type: .boolean, storage: .bool(out), validity: valid)
    }

    /// CASE: each branch's result is computed only on the rows that reach it.
    func caseWhen(_ branches: [(condition: BoundExpr, result: BoundExpr)], _ elseResult: BoundExpr?, type: DataType, _ batch: Batch) throws(SQLError) -> Column {
        let n = batch.count
        var source = [Int](repeating: -1, count: n)
        var offset = [Int](repeating: 0, count: n)
        var pieces: [Column] = []
        var remaining = Array(0..<n)
        for branch in branches {
            if remaining.isEmpty { break }
            let sub = remaining.count == n ? batch : batch.gather(remaining)
            let mask = try evaluate(branch.condition, sub).trueMask
            var taken: [Int] = []
            var rest: [Int] = []
            for (k, row) in remaining.enumerated() { if mask[k] { taken.append(row) } else { rest.append(row) } }
            if !taken.isEmpty {
                let col = try evaluate(branch.result, batch.gather(taken))
                for (k, row) in taken.enumerated() { source[row] = pieces.count; offset[row] = k }
                pieces.append(col)
            }
            remaining = rest
        }
        if let e = elseResult, !remaining.isEmpty {
            let col = try evaluate(e, remaining.count == n ? batch : batch.gather(remaining))
            for (k, row) in remaining.enumerated() { source[row] = pieces.count; offset[row] = k }
            pieces.append(col)
        }
        return Column.assemble(type: type, count: n, pieces: pieces, source: source, offset: offset)
    }
}

/// Folds constant expressions at plan time.
public enum ConstantEvaluator {
    /// The value of an expression that reads no column.
    public static func evaluate(_ e: BoundExpr, context: FunctionContext) throws(SQLError) -> Value {
        let batch = Batch(columns: [], count: 1)
        let c = try ExpressionEvaluator(context: context).evaluate(e, batch)
        return c.value(at: 0)
    }
}
