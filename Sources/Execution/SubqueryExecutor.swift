import Columnar
import Diagnostics
import Planner

/// Runs the subqueries of expressions. An uncorrelated subquery runs once per statement;
/// a correlated one runs once per distinct set of outer values (results are cached).
final class SubqueryExecutor: SubqueryRunner {
    unowned let parent: ExecutionContext
    /// Results keyed by subquery text and parameter values.
    var cache: [String: [[Value]: SubqueryResult]] = [:]

    enum SubqueryResult {
        case scalar(Value)
        case exists(Bool)
        /// Non-NULL values of the subquery's column, and whether it had a NULL.
        case set(Set<Value>, hasNull: Bool)
    }

    init(parent: ExecutionContext) { self.parent = parent }

    func evaluate(_ subquery: Subquery, operand: Column?, correlations: [Column], count: Int) throws(SQLError) -> Column {
        let key = PlanPrinter.text(subquery.plan) + "|\(subquery.mode)"
        var results: [SubqueryResult] = []
        results.reserveCapacity(count)
        if correlations.isEmpty {
            let r = try result(subquery, key: key, parameters: [])
            results = [SubqueryResult](repeating: r, count: count)
        } else {
            for i in 0..<count {
                let params = correlations.map { $0.value(at: i) }
                results.append(try result(subquery, key: key, parameters: params))
            }
        }
        switch subquery.mode {
        case .scalar:
            let type = subquery.plan.schema.fields.first?.type ?? .null
            var b = ColumnBuilder(type: type, capacity: count)
            for r in results { if case let .scalar(v) = r { b.append(v) } else { b.appendNull() } }
            return b.finish()
        case let .exists(negated):
            let flags = results.map { r -> Bool in
                if case let .exists(e) = r { return e != negated }
                return negated
            }
            return Column(type: .boolean, storage: .bool(flags))
        case let .inSubquery(negated):
            var out = [Bool](repeating: false, count: count)
            var valid = Bitmap(count: count, value: true)
            for i in 0..<count {
                guard case let .set(values, hasNull) = results[i] else { continue }
                let v = operand?.value(at: i) ?? .null
                if values.isEmpty && !hasNull { out[i] = negated; continue }
                if v.isNull { valid[i] = false; continue }
                if values.contains(normalize(v)) { out[i] = !negated } else if hasNull { valid[i] = false } else { out[i] = negated }
            }
            return Column(type: .boolean, storage: .bool(out), validity: valid)
        }
    }

    /// Values compare by content in the set: doubles keep -0 and 0 together.
    func normalize(_ v: Value) -> Value {
        if case let .double(d) = v, d == 0 { return .double(0) }
        return v
    }

    func result(_ subquery: Subquery, key: String, parameters: [Value]) throws(SQLError) -> SubqueryResult {
        if let r = cache[key]?[parameters] { return r }
        let context = ExecutionContext(functionContext: parent.functionContext, parameters: parameters, cancellation: parent.cancellation)
        var planner = PhysicalPlanner(context: context)
        let root = try planner.plan(subquery.plan)
        let r: SubqueryResult
        switch subquery.mode {
        case .scalar:
            var value: Value = .null
            var rows = 0
            while let b = try root.next() {
                if b.count == 0 { continue }
                rows += b.count
                if rows > 1 { throw SQLError(.runtime, "more than one row returned by a subquery used as an expression") }
                value = b.columns[0].value(at: 0)
            }
            r = .scalar(value)
        case .exists:
            var found = false
            while let b = try root.next() { if b.count > 0 { found = true; break } }
            r = .exists(found)
        case .inSubquery:
            var values = Set<Value>()
            var hasNull = false
            while let b = try root.next() {
                let c = b.columns[0]
                for i in 0..<b.count {
                    let v = c.value(at: i)
                    if v.isNull { hasNull = true } else { values.insert(normalize(v)) }
                }
            }
            r = .set(values, hasNull: hasNull)
        }
        cache[key, default: [:]][parameters] = r
        return r
    }
}
