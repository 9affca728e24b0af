import Columnar
import Diagnostics

/// Folds reads of STRUCT fields into the scan below, when its provider reads fields
/// itself (`supportsFieldPaths`, the JSON scan): the scan produces `car.make` as a flat
/// typed column, and never builds the boxed `car` value when nothing else reads it.
///
/// ```
/// Project: car.make AS make, id                 Project: #2 AS make, id
///   Scan: listings projection=[car, id]    →      Scan: listings projection=[id, car.make]
/// ```
/// It looks at projections and aggregates whose input is a scan, possibly under filters
/// (their outputs are defined by their expressions, so columns added to the scan do not
/// show above them). A chain of field reads `c.f.g` over scan column `c` becomes one new
/// scan column at path `[f, g]` (appended, so existing indices keep their meaning); a
/// column also read whole anywhere in the node, the filters or the scan's own filters is
/// left alone. Runs after column pruning (so projections pushed below joins keep only the
/// columns read above) and before a second pruning, which drops the STRUCT columns no
/// longer read. Nodes with subqueries are left alone.
struct FoldFieldReadsIntoScans: OptimizerRule {
    let name = "fold_field_reads_into_scans"

    func rewrite(_ plan: LogicalPlan, context: FunctionContext) throws(SQLError) -> LogicalPlan {
        try plan.transformUp { p throws(SQLError) in fold(p) ?? p }
    }

    /// A field read: scan column `column`, STRUCT field indices `path`.
    struct Read: Hashable {
        var column: Int
        var path: [Int]
    }

    /// The read `e` is, when it is a chain of field reads over a plain column.
    static func read(_ e: BoundExpr) -> Read? {
        guard case let .field(inner, k) = e.kind else { return nil }
        if case let .column(i) = inner.kind { return Read(column: i, path: [k]) }
        guard var r = read(inner) else { return nil }
        r.path.append(k)
        return r
    }

    /// `plan` with its field reads folded into the scan under it; nil when there is nothing to fold.
    func fold(_ plan: LogicalPlan) -> LogicalPlan? {
        let input: LogicalPlan
        switch plan {
        case let .project(p): input = p.input
        case let .aggregate(a): input = a.input
        default: return nil
        }
        var filters: [FilterNode] = []
        var below = input
        while case let .filter(f) = below {
            filters.append(f)
            below = f.input
        }
        guard case var .scan(scan) = below, scan.table.provider.supportsFieldPaths else { return nil }
        var exprs: [BoundExpr] = []
        _ = try? plan.mapExpressions { (e: BoundExpr) throws(SQLError) -> BoundExpr in exprs.append(e); return e }
        exprs += filters.map(\.predicate) + scan.filters
        guard !exprs.contains(where: \.containsSubquery) else { return nil }
        let width = scan.projection.count
        var reads: [Read] = []
        var whole = Set<Int>()
        func visit(_ e: BoundExpr) {
            if let r = FoldFieldReadsIntoScans.read(e), r.column < width {
                if !reads.contains(r) { reads.append(r) }
                return
            }
            if case let .column(i) = e.kind { whole.insert(i) }
            for c in e.children { visit(c) }
        }
        exprs.forEach(visit)
        reads.removeAll { whole.contains($0.column) }
        guard !reads.isEmpty else { return nil }
        var columnOf: [Read: Int] = [:]
        for r in reads {
            columnOf[r] = scan.project(scan.projection[r.column], path: scan.path(at: r.column) + r.path)
        }
        func replace(_ e: BoundExpr) -> BoundExpr {
            (try? e.rewritten { (x: BoundExpr) throws(SQLError) -> BoundExpr in
                if let r = FoldFieldReadsIntoScans.read(x), let k = columnOf[r] { return BoundExpr(.column(k), x.type) }
                return x
            }) ?? e
        }
        // Top-down: the longest chain is replaced before its inner reads are looked at.
        func replaceTopDown(_ e: BoundExpr) -> BoundExpr {
            if let r = FoldFieldReadsIntoScans.read(e), let k = columnOf[r] { return BoundExpr(.column(k), e.type) }
            return replace(e)
        }
        scan.filters = scan.filters.map(replaceTopDown)
        var rebuilt = LogicalPlan.scan(scan)
        for var f in filters.reversed() {
            f.predicate = replaceTopDown(f.predicate)
            f.input = rebuilt
            rebuilt = .filter(f)
        }
        var out = plan
        switch plan {
        case var .project(p): p.input = rebuilt; out = .project(p)
        case var .aggregate(a): a.input = rebuilt; out = .aggregate(a)
        default: return nil
        }
        return try? out.mapExpressions { (e: BoundExpr) throws(SQLError) -> BoundExpr in replaceTopDown(e) }
    }
}
