import Columnar
import Diagnostics

/// Reads STRUCT fields below joins, so a join carries the flat fields a query uses
/// (typed strings and numbers, cheap to gather) instead of whole boxed STRUCT values.
/// A projection over an INNER or LEFT join whose expressions or join condition read `s.f`
/// of a left-side STRUCT column
/// gets a projection under the join's left input that computes the field once per input
/// row; the read above becomes a plain column. Column pruning, which runs next, then drops
/// the STRUCT from every node above that projection when nothing else reads it.
///
/// ```
/// Project: car.make AS make, region            Project: #3 AS make, region
///   LEFT Join: dealer_id = dealer_id      →      LEFT Join: dealer_id = dealer_id
///     Scan: listings [id, car, dealer_id]          Project: id, car, dealer_id, car.make
///     Scan: dealers [dealer_id, region]              Scan: listings [id, car, dealer_id]
///                                                  Scan: dealers [dealer_id, region]
/// ```
/// Pushed again when the left input is itself such a join, down to the scan. A field of a
/// NULL struct is NULL before and after the join alike; only left columns are moved (their
/// rows are kept whole by INNER and LEFT joins). Projections with subqueries are left alone.
struct PushDownFieldAccess: OptimizerRule {
    let name = "push_down_field_access"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        push(plan)
    }

    /// One field read: STRUCT column `column` of the join's left input, field `field`.
    private struct FieldRead: Equatable {
        var column: Int
        var field: Int
    }

    func push(_ plan: LogicalPlan) -> LogicalPlan {
        guard case var .project(p) = plan, case var .join(j) = p.input, j.type == .inner || j.type == .left,
              !p.exprs.contains(where: { $0.containsSubquery }), j.residual?.containsSubquery != true else {
            return (try? plan.mapInputs { (x: LogicalPlan) throws(SQLError) -> LogicalPlan in push(x) }) ?? plan
        }
        let left = j.left.schema
        let width = left.count
        var reads: [FieldRead] = []
        var types: [DataType] = []
        func collect(_ e: BoundExpr) {
            if case let .field(inner, k) = e.kind, case let .column(i) = inner.kind, i < width {
                if !reads.contains(FieldRead(column: i, field: k)) {
                    reads.append(FieldRead(column: i, field: k))
                    types.append(e.type)
                }
                return
            }
            for c in e.children { collect(c) }
        }
        p.exprs.forEach(collect)
        if let r = j.residual { collect(r) }
        guard !reads.isEmpty else {
            return (try? plan.mapInputs { (x: LogicalPlan) throws(SQLError) -> LogicalPlan in push(x) }) ?? plan
        }
        var exprs = left.fields.enumerated().map { BoundExpr.column($0.offset, $0.element.type) }
        var names = left.fields.map(\.name)
        for (r, type) in zip(reads, types) {
            let structType = left.fields[r.column].type
            exprs.append(BoundExpr(.field(.column(r.column, structType), r.field), type))
            var fieldName = "\(r.field)"
            if case let .struct(fields) = structType, r.field < fields.count { fieldName = fields[r.field].name }
            names.append(left.fields[r.column].name + "." + fieldName)
        }
        let shift = reads.count
        j.left = push(.project(ProjectNode(input: j.left, exprs: exprs, names: names)))
        j.right = push(j.right)
        // Over left ++ right: the pushed reads become the new left columns, right columns move.
        func moved(_ e: BoundExpr) -> BoundExpr {
            (try? e.rewritten { (x: BoundExpr) throws(SQLError) -> BoundExpr in
                switch x.kind {
                case let .column(i) where i >= width:
                    return BoundExpr(.column(i + shift), x.type)
                case let .field(inner, k):
                    if case let .column(i) = inner.kind, i < width, let n = reads.firstIndex(of: FieldRead(column: i, field: k)) {
                        return BoundExpr(.column(width + n), x.type)
                    }
                    return x
                default:
                    return x
                }
            }) ?? e
        }
        j.residual = j.residual.map(moved)
        p.input = .join(j)
        p.exprs = p.exprs.map(moved)
        return .project(p)
    }
}
