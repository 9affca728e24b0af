import Diagnostics
import Lake
import Planner

/// How a materialized view's plan can be refreshed from new bronze files (and from files
/// appended to the stored tables it reads).
///
/// The plan splits into a *core* and a *top*. The core is the largest subtree, reached from
/// the root through single-input nodes, made only of scans, filters, projections, joins and
/// UNION ALL: every such operator distributes over the union of old and new rows, so the
/// rows the core gains from new files are the union of one delta term per bronze scan (the
/// scan reads only the new files, scans before it every file, scans after it the old files).
/// The top (aggregates, DISTINCT, windows, ORDER BY, ...) is recomputed from the stored
/// core rows, which are kept next to the view's table; a view without a top appends its
/// new rows to its own table.
struct RefreshAnalysis {
    /// Where a bronze scan sits in the core, which decides what its new rows may do.
    enum Role {
        /// New rows only add rows.
        case free
        /// The optional side of an outer join: new rows add nothing as long as they meet no
        /// row of the other side (checked when the refresh runs).
        case optional(String)
        /// New rows can change or remove rows already stored.
        case frozen(String)
    }

    /// One scan of the core, of a bronze table or a stored one, in depth-first order.
    struct Slot {
        var tableName: String
        /// The bronze table (nil for a stored one).
        var table: JSONTable?
        /// The stored table (nil for a bronze one): only its appended files are new rows.
        var stored: ManagedTable?
        var role: Role
    }

    /// The core subtree.
    var core: LogicalPlan
    /// Single-input nodes between the root and the core (0: the core is the whole plan).
    var depth: Int
    var slots: [Slot]
    /// Why the view cannot refresh incrementally at all, when it cannot.
    var blocker: String?

    var hasTop: Bool { depth > 0 }

    init(_ plan: LogicalPlan) {
        var node = plan
        var depth = 0
        var blocker: String? = nil
        while RefreshAnalysis.linearProblem(node) != nil {
            let inputs = node.inputs
            guard inputs.count == 1 else {
                let problem = RefreshAnalysis.linearProblem(node) ?? "an operator"
                blocker = inputs.isEmpty ? "a bronze scan is filtered by \(problem)"
                    : "the view's plan has \(problem) below a join or set operation"
                break
            }
            node = inputs[0]
            depth += 1
        }
        core = node
        self.depth = depth
        var slots: [Slot] = []
        if blocker == nil {
            blocker = RefreshAnalysis.collect(node, role: .free, into: &slots)
            if blocker == nil, slots.isEmpty { blocker = "it reads no bronze (JSON) table and no stored table" }
        }
        self.slots = slots
        self.blocker = blocker
    }

    /// Nil when the whole subtree is linear in its bronze inputs; else why not.
    static func linearProblem(_ p: LogicalPlan) -> String? {
        switch p {
        case let .scan(n):
            if n.filters.contains(where: { $0.containsSubquery || !$0.isDeterministic }) { return "a subquery or a non-deterministic function" }
            return nil
        case .values, .tableFunction: return nil
        case let .filter(n):
            if n.predicate.containsSubquery || !n.predicate.isDeterministic { return "a subquery or a non-deterministic function" }
            return linearProblem(n.input)
        case let .project(n):
            if n.exprs.contains(where: { $0.containsSubquery || !$0.isDeterministic }) { return "a subquery or a non-deterministic function" }
            return linearProblem(n.input)
        case let .join(n):
            if let r = n.residual, r.containsSubquery || !r.isDeterministic { return "a subquery or a non-deterministic function" }
            return linearProblem(n.left) ?? linearProblem(n.right)
        case let .setOperation(n):
            guard n.operation == .union, n.all else { return "UNION, INTERSECT and EXCEPT (other than UNION ALL)" }
            return linearProblem(n.left) ?? linearProblem(n.right)
        case .aggregate: return "an aggregate"
        case .window: return "a window function"
        case .sort: return "ORDER BY"
        case .limit: return "LIMIT"
        case .distinct: return "DISTINCT"
        }
    }

    /// Lists the bronze scans of a linear subtree; returns a blocker for other sources.
    static func collect(_ p: LogicalPlan, role: Role, into slots: inout [Slot]) -> String? {
        switch p {
        case let .scan(n):
            if let j = n.table.provider as? JSONTable {
                slots.append(Slot(tableName: n.table.name, table: j, role: role))
                return nil
            }
            if let m = n.table.provider as? ManagedTable ?? (n.table.provider as? ManagedFilesTable)?.table {
                slots.append(Slot(tableName: n.table.name, stored: m, role: role))
                return nil
            }
            return "it reads \(n.table.name), which is neither a bronze (JSON) table nor a table stored in the lake"
        case .values, .tableFunction: return nil
        case let .filter(n): return collect(n.input, role: role, into: &slots)
        case let .project(n): return collect(n.input, role: role, into: &slots)
        case let .setOperation(n):
            return collect(n.left, role: role, into: &slots) ?? collect(n.right, role: role, into: &slots)
        case let .join(n):
            let (l, r) = sideRoles(n.type, role)
            return collect(n.left, role: l, into: &slots) ?? collect(n.right, role: r, into: &slots)
        case .aggregate, .window, .sort, .limit, .distinct: return "an aggregate"
        }
    }

    /// The roles of a join's two inputs, inside a join whose own role is `role`.
    static func sideRoles(_ type: JoinType, _ role: Role) -> (Role, Role) {
        if case .frozen = role { return (role, role) }
        switch type {
        case .inner, .cross: return (role, role)
        case .left: return (role, stricter(role, .optional("the optional side of a LEFT JOIN")))
        case .right: return (stricter(role, .optional("the optional side of a RIGHT JOIN")), role)
        case .full: return (.frozen("a side of a FULL JOIN"), .frozen("a side of a FULL JOIN"))
        case .semi: return (role, .frozen("the right side of a semi-join (IN / EXISTS)"))
        case .anti: return (role, .frozen("the right side of an anti-join (NOT IN / NOT EXISTS)"))
        }
    }

    static func stricter(_ a: Role, _ b: Role) -> Role {
        if case .optional = a { return a }
        return b
    }

    /// The plan with the core replaced by `replacement` (a scan of the stored core rows).
    func replacingCore(in plan: LogicalPlan, with replacement: LogicalPlan) -> LogicalPlan {
        replacing(in: plan, atDepth: depth, with: replacement)
    }

    /// The plan with the node `d` single-input steps below the root replaced.
    func replacing(in plan: LogicalPlan, atDepth d: Int, with replacement: LogicalPlan) -> LogicalPlan {
        func go(_ p: LogicalPlan, _ d: Int) -> LogicalPlan {
            if d == 0 { return replacement }
            return (try? p.mapInputs { (c: LogicalPlan) throws(SQLError) -> LogicalPlan in go(c, d - 1) }) ?? p
        }
        return go(plan, d)
    }

    /// The aggregate right above the core, when its calls can be merged from partials.
    func mergeable(in plan: LogicalPlan) -> MergeableAggregate? {
        guard blocker == nil, depth >= 1 else { return nil }
        var node = plan
        for _ in 0..<(depth - 1) {
            guard let next = node.inputs.first else { return nil }
            node = next
        }
        guard case let .aggregate(a) = node else { return nil }
        return MergeableAggregate(a)
    }

    /// Which files a scan reads in one plan.
    enum Files {
        case current, old
    }

    /// The core with bronze scan number `i` (depth-first) replaced by `scan(i, node)`;
    /// UNION ALL inputs without the target give no rows, and outer joins whose optional
    /// side holds the target become inner joins.
    func core(replacing scan: (Int, ScanNode) -> LogicalPlan, innerFor target: Int) -> LogicalPlan {
        var next = 0
        func go(_ p: LogicalPlan) -> (LogicalPlan, Bool) {
            switch p {
            case let .scan(n):
                guard RefreshAnalysis.isSource(n) else { return (p, false) }
                let index = next
                next += 1
                return (scan(index, n), index == target)
            case var .join(n):
                let (l, hasL) = go(n.left)
                let (r, hasR) = go(n.right)
                n.left = l
                n.right = r
                if hasR, n.type == .left { n.type = .inner }
                if hasL, n.type == .right { n.type = .inner }
                return (.join(n), hasL || hasR)
            case var .setOperation(n):
                let (l, hasL) = go(n.left)
                let (r, hasR) = go(n.right)
                n.left = hasL ? l : .values(ValuesNode(schema: l.schema, rows: []))
                n.right = hasR ? r : .values(ValuesNode(schema: r.schema, rows: []))
                return (.setOperation(n), hasL || hasR)
            case var .filter(n):
                let (i, has) = go(n.input)
                n.input = i
                return (.filter(n), has)
            case var .project(n):
                let (i, has) = go(n.input)
                n.input = i
                return (.project(n), has)
            default:
                return (p, false)
            }
        }
        return go(core).0
    }

    /// True for the scans that are slots: of bronze and of stored tables.
    static func isSource(_ n: ScanNode) -> Bool {
        n.table.provider is JSONTable || n.table.provider is ManagedTable || n.table.provider is ManagedFilesTable
    }

    /// Scan number `target` of the core (depth-first).
    func scanNode(_ target: Int) -> ScanNode? {
        var found: ScanNode? = nil
        _ = core(replacing: { i, n in
            if i == target { found = n }
            return .scan(n)
        }, innerFor: target)
        return found
    }
}
