import Columnar
import Diagnostics
import Lake
import Planner

/// A refresh term joins a few new rows against old bronze files. Where a join's key on one
/// side comes straight from the new rows and on the other straight from a bronze column,
/// the bronze scan is told those keys, so it converts only the records that can match
/// (see `JSONReadOptions.keyFilter`); the rest of each file is passed over.
enum RefreshKeyFilter {
    /// The plan with such scans narrowed; `delta` is the table holding the new rows;
    /// `ranges` the key ranges noted for bronze files, by table, to skip files with.
    static func apply(_ plan: LogicalPlan, delta: MemoryTable, ranges: [String: FileKeyRanges]) -> LogicalPlan {
        (try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            guard case var .join(n) = p else { return p }
            for pair in n.equiKeys {
                guard let lc = pair.left.columnIndex, let rc = pair.right.columnIndex else { continue }
                // Delta on the right, bronze on the left: the left side may be narrowed when
                // its rows appear only with a match (inner, semi, right joins).
                if [.inner, .semi, .right].contains(n.type), let keys = keys(n.right, rc, delta),
                   let narrowed = narrow(n.left, lc, keys, ranges) {
                    n.left = narrowed
                    return .join(n)
                }
                if [.inner, .left, .semi, .anti].contains(n.type), let keys = keys(n.left, lc, delta),
                   let narrowed = narrow(n.right, rc, keys, ranges) {
                    n.right = narrowed
                    return .join(n)
                }
            }
            return p
        }) ?? plan
    }

    /// The distinct integer values of output column `column` of `plan`, when it is a
    /// column of the delta rows passed up through filters and projections.
    static func keys(_ plan: LogicalPlan, _ column: Int, _ delta: MemoryTable) -> Set<Int64>? {
        switch plan {
        case let .filter(n): return keys(n.input, column, delta)
        case let .project(n):
            guard column < n.exprs.count, let c = n.exprs[column].columnIndex else { return nil }
            return keys(n.input, c, delta)
        case let .scan(n):
            guard n.table.provider as? MemoryTable === delta, column < n.projection.count else { return nil }
            var out = Set<Int64>(minimumCapacity: delta.batches.reduce(0) { $0 + $1.count })
            for b in delta.batches {
                let col = b.columns[n.projection[column]]
                if case let .int(values) = col.storage {
                    for r in 0..<min(b.count, values.count) where col.validity == nil || !col.isNull(r) { out.insert(values[r]) }
                    continue
                }
                for r in 0..<b.count {
                    switch col.value(at: r) {
                    case let .int(v): out.insert(v)
                    case .null: continue
                    default: return nil
                    }
                }
            }
            return out
        default: return nil
        }
    }

    /// `plan` with its bronze scan keeping only `keys` in output column `column` (all when
    /// nil, noting key ranges), when the column comes straight from a bronze integer column
    /// through filters, projections and joins, and the scan has no key filter yet. Only for
    /// a plan whose rows are dropped above unless their key is one of `keys`.
    static func narrow(_ plan: LogicalPlan, _ column: Int, _ keys: Set<Int64>?, _ ranges: [String: FileKeyRanges]) -> LogicalPlan? {
        switch plan {
        case var .filter(n):
            guard let input = narrow(n.input, column, keys, ranges) else { return nil }
            n.input = input
            return .filter(n)
        case var .project(n):
            guard column < n.exprs.count, let c = n.exprs[column].columnIndex, let input = narrow(n.input, c, keys, ranges) else { return nil }
            n.input = input
            return .project(n)
        case var .join(n):
            // Rows whose key is not one of `keys` are dropped above whichever input it
            // comes from, so that input may drop them first.
            let leftCount = n.left.schema.count
            if column < leftCount {
                guard let input = narrow(n.left, column, keys, ranges) else { return nil }
                n.left = input
            } else {
                guard [.inner, .left, .right, .cross].contains(n.type), let input = narrow(n.right, column - leftCount, keys, ranges) else { return nil }
                n.right = input
            }
            return .join(n)
        case var .scan(n):
            guard let table = n.table.provider as? JSONTable, column < n.projection.count, n.projection[column] < table.schema.count,
                  table.schema.fields[n.projection[column]].type.physical == .int, !table.hasKeyFilter else { return nil }
            n.table = TableHandle(name: n.table.name, provider: table.keeping(keys, of: n.projection[column], ranges: ranges[n.table.name] ?? FileKeyRanges()))
            return .scan(n)
        default: return nil
        }
    }

    /// For each bronze table some join of `plan` matches on one of its integer columns
    /// (straight from the scan, through filters, projections and joins): that column's
    /// position in the table's schema. A scan of the table's new files noting that key
    /// keeps an index for later refreshes that look up a few keys in them.
    static func joinKeyColumns(_ plan: LogicalPlan) -> [String: Int] {
        var out: [String: Int] = [:]
        func source(_ p: LogicalPlan, _ column: Int) -> (String, Int)? {
            switch p {
            case let .filter(n): return source(n.input, column)
            case let .project(n):
                guard column < n.exprs.count, let c = n.exprs[column].columnIndex else { return nil }
                return source(n.input, c)
            case let .join(n):
                let leftCount = n.left.schema.count
                return column < leftCount ? source(n.left, column) : source(n.right, column - leftCount)
            case let .scan(n):
                guard let table = n.table.provider as? JSONTable, column < n.projection.count, n.projection[column] < table.schema.count,
                      table.schema.fields[n.projection[column]].type.physical == .int else { return nil }
                return (n.table.name, n.projection[column])
            default: return nil
            }
        }
        // Inner joins first, as `track` narrows them: a table joined twice keeps the key of
        // its innermost join (a listing's id, not its dealer's).
        func walk(_ p: LogicalPlan) {
            p.inputs.forEach(walk)
            if case let .join(n) = p {
                for pair in n.equiKeys {
                    // (as `track`: only a side whose partner may be the new rows)
                    let left = scansOneTable(n.right) ? pair.left.columnIndex.flatMap { source(n.left, $0) } : nil
                    let right = scansOneTable(n.left) ? pair.right.columnIndex.flatMap { source(n.right, $0) } : nil
                    for found in [left, right] {
                        if let (name, column) = found, out[name] == nil { out[name] = column }
                    }
                }
            }
        }
        walk(plan)
        return out
    }

    /// The plan with the bronze scans under each join key noting the key ranges of their
    /// files (nothing is filtered), for later refreshes to skip files with.
    /// Only a side whose partner is a table's own rows (a scan, through filters and
    /// projections) is tracked: in a refresh term that partner may be the new rows, whose
    /// keys then narrow this side (`apply`); a side joined to a join's output never is.
    static func track(_ plan: LogicalPlan) -> LogicalPlan {
        (try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            guard case var .join(n) = p else { return p }
            for pair in n.equiKeys {
                if scansOneTable(n.right), let lc = pair.left.columnIndex, let narrowed = narrow(n.left, lc, nil, [:]) { n.left = narrowed }
                if scansOneTable(n.left), let rc = pair.right.columnIndex, let narrowed = narrow(n.right, rc, nil, [:]) { n.right = narrowed }
            }
            return .join(n)
        }) ?? plan
    }

    /// True for a scan under filters and projections only: what the new rows of a refresh
    /// term replace.
    static func scansOneTable(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case let .filter(n): return scansOneTable(n.input)
        case let .project(n): return scansOneTable(n.input)
        case .scan: return true
        default: return false
        }
    }
}
