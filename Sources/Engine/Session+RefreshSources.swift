import Columnar
import Diagnostics
import FoundationEssentials
import Lake
import Planner

/// What a refresh records about its sources, to tell later what changed: bronze file
/// lists and sizes, stored tables' data files, the view's fingerprint.
extension Session {
    /// Identifies the view's query (with the views it reads expanded) and its bronze tables'
    /// declarations: when either changes, stored rows no longer match and the next refresh is full.
    func refreshFingerprint(plan: LogicalPlan, tables: [String: JSONTable]) -> String {
        var text = PlanPrinter.text(plan)
        for (name, t) in tables.sorted(by: { $0.key < $1.key }) {
            text += "\n\(name) \(t.location) " + t.schema.fields.map { "\($0.name) \($0.type)" }.joined(separator: ",")
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// True when the plan calls now(), current_date and the like: its rows depend on when
    /// it runs, so stored rows cannot simply be kept.
    func readsStatementTime(_ plan: LogicalPlan) -> Bool {
        let names: Set<String> = ["current_timestamp", "now", "localtimestamp", "current_date", "today", "current_time"]
        func calls(_ e: BoundExpr) -> Bool {
            if case let .call(f, _) = e.kind, names.contains(f.name) { return true }
            return e.children.contains(where: calls)
        }
        var found = false
        _ = try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            _ = try p.mapExpressions { (e: BoundExpr) throws(SQLError) -> BoundExpr in
                if calls(e) { found = true }
                return e
            }
            return p
        }
        return found
    }

    /// The view's last commit, when nothing the view reads changed since that commit (then
    /// its rows stand as they are): asked when the refresh would be a full one, or an
    /// incremental one without new files.
    func unchanged(_ d: RefreshDecision, bound: LogicalPlan, table: ManagedTable, properties: [String: String]) throws(SQLError) -> Commit? {
        guard d.fullReason != nil || d.newFileCount == 0, sourcesAreTracked(bound), let previous = try table.snapshot(), previous.properties["mode"] != nil,
              ["bronze_file_list", "bronze_file_sizes", "fingerprint", "source_files"].allSatisfy({ previous.properties[$0] == properties[$0] })
        else { return nil }
        return previous
    }

    /// True when everything the plan's rows depend on is tracked by a refresh: it reads
    /// only bronze and stored tables, calls no clock or random function, holds no subquery.
    func sourcesAreTracked(_ plan: LogicalPlan) -> Bool {
        if readsStatementTime(plan) { return false }
        var tracked = true
        _ = try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            if case let .scan(n) = p, !(n.table.provider is JSONTable || n.table.provider is ManagedTable) { tracked = false }
            _ = try p.mapExpressions { (e: BoundExpr) throws(SQLError) -> BoundExpr in
                if e.containsSubquery || !e.isDeterministic { tracked = false }
                return e
            }
            return p
        }
        return tracked
    }

    /// The stored (managed) tables a plan scans, by name.
    func storedTables(in plan: LogicalPlan) -> [String: ManagedTable] { providers(ManagedTable.self, in: plan) }

    /// Bronze JSON tables a plan scans, by name.
    func bronzeTables(in plan: LogicalPlan) -> [String: JSONTable] { providers(JSONTable.self, in: plan) }

    /// The scanned tables of a plan whose provider is a `T`, by name.
    func providers<T>(_: T.Type, in plan: LogicalPlan) -> [String: T] {
        var out: [String: T] = [:]
        func walk(_ p: LogicalPlan) {
            if case let .scan(n) = p, let t = n.table.provider as? T { out[n.table.name] = t }
            p.inputs.forEach(walk)
        }
        walk(plan)
        return out
    }

    /// File paths as JSON text (an array).
    func sortedJSON(_ paths: [String]) -> String { LakeJSON.array(paths.map(LakeJSON.string)).text() }

    /// File sizes by table as JSON text with sorted keys: equal values give equal text, so
    /// commit properties can be compared as strings.
    func sortedJSON(_ sizes: [String: [String: Int]]) -> String { LakeJSON(counts: sizes).text() }

    /// Key ranges by table as JSON text with sorted keys.
    func sortedJSON(_ ranges: [String: FileKeyRanges]) -> String { LakeJSON.object(ranges.map { ($0.key, $0.value.json) }).text() }

    /// Key ranges by table read back from their JSON text (nil if damaged).
    func decodeKeyRanges(_ text: String) -> [String: FileKeyRanges]? {
        guard let members = (try? LakeJSON.parse(text))?.members else { return nil }
        var out: [String: FileKeyRanges] = [:]
        for (name, value) in members {
            guard let r = FileKeyRanges(json: value) else { return nil }
            out[name] = r
        }
        return out
    }

    func encodeFileLists(_ lists: [String: [String]]) -> String { LakeJSON(lists: lists).text() }

    func decodeFileLists(_ text: String) -> [String: [String]] {
        (try? LakeJSON.parse(text))?.lists ?? [:]
    }
}
