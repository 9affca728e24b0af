import Diagnostics
import Execution
import Lake
import Planner

/// Whole scans of bronze tables on the build side of a join, read once per refresh: each
/// term of an incremental refresh joins its new rows against the same small tables (the
/// dealers of every listing), so later terms build from the rows the first term read.
final class BuildScanCache {
    /// Tables larger than this are read again rather than kept in memory between terms.
    static let rowLimit = 1_000_000

    var rows: [String: MemoryTable] = [:]

    /// `plan` with every such scan reading the rows kept for it (read now if not yet).
    func reusing(_ plan: LogicalPlan, context: ExecutionContext) throws(SQLError) -> LogicalPlan {
        try plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            guard case var .join(j) = p else { return p }
            j.right = try kept(j.right, context: context)
            return .join(j)
        }
    }

    /// A build side read through filters and projections from a whole bronze scan.
    func kept(_ p: LogicalPlan, context: ExecutionContext) throws(SQLError) -> LogicalPlan {
        switch p {
        case var .filter(n):
            n.input = try kept(n.input, context: context)
            return .filter(n)
        case var .project(n):
            n.input = try kept(n.input, context: context)
            return .project(n)
        case let .scan(n):
            guard let t = n.table.provider as? JSONTable, !t.hasKeyFilter, let count = t.estimatedRowCount, count <= BuildScanCache.rowLimit else { return p }
            let key = "\(ObjectIdentifier(t).hashValue) \(n.projection) \(n.fieldPaths) \(n.filters)"
            let memory: MemoryTable
            if let known = rows[key] {
                memory = known
            } else {
                memory = MemoryTable(schema: p.schema, batches: try Executor.collect(p, context: context, ordered: false))
                // Kept for later terms only when it is as small as estimated.
                if (memory.estimatedRowCount ?? 0) <= BuildScanCache.rowLimit { rows[key] = memory }
            }
            return .scan(ScanNode(table: TableHandle(name: n.table.name, provider: memory), projection: Array(0..<memory.schema.count)))
        default:
            return p
        }
    }
}
