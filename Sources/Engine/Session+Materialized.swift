import Columnar
import Diagnostics
import Execution
import FoundationEssentials
import Lake
import Planner
import SQLSyntax

/// Materialized views: a view's query stored as a managed table (Parquet + commit log),
/// brought up to date by REFRESH (see Session+Refresh.swift).
extension Session {
    func createMaterializedView(_ cv: CreateView, sql: String) throws(SQLError) -> StatementResult {
        guard lake != nil else {
            throw SQLError(.unsupported, "materialized views are stored in a lake: open one with --lake DIR", span: cv.span)
        }
        let parts = cv.name.parts.map(\.normalized)
        let (schemaName, name) = try catalog.split(parts)
        guard catalog.schemas[schemaName] != nil else {
            throw SQLError(.name, "schema \"\(schemaName)\" does not exist", span: cv.name.span, notes: ["CREATE SCHEMA \(schemaName) first"])
        }
        if let existing = try exists(cv.name) {
            if cv.ifNotExists { return .status("CREATE MATERIALIZED VIEW") }
            guard case .materialized = existing, cv.orReplace else {
                throw SQLError(.semantic, "\"\(cv.name.description)\" already exists", span: cv.name.span)
            }
            try dropObject(parts)
        }
        var definition = cv
        definition.orReplace = false
        definition.ifNotExists = false
        let table = try materializedTable(definition, sql: sql, schema: schemaName, name: name)
        try table.create()
        try catalog.putPersistent(parts, display: cv.name.last.value, .materialized(table, definition: definition, sql: sql), statement: .createView(definition))
        let outcome = try refresh(parts, display: cv.name.description, full: true)
        return .status("CREATE MATERIALIZED VIEW \(outcome.rows)")
    }

    /// The managed table holding a materialized view's rows; its schema is the query's.
    func materializedTable(_ cv: CreateView, sql: String, schema: String, name: String) throws(SQLError) -> ManagedTable {
        let fc = functionContext()
        let plan = try binder(sql, fc).bindQuery(cv.query)
        var fields = plan.schema.fields.map { Field(name: $0.name, type: $0.type == .null ? .int32 : $0.type) }
        for (i, c) in cv.columns.enumerated() where i < fields.count { fields[i].name = c.value }
        guard let folder = tableFolder(schema: schema, name: name), let format = managedFormat else {
            throw SQLError(.unsupported, "materialized views need a lake")
        }
        return ManagedTable(root: folder, schema: Schema(fields), format: format)
    }

    /// `names` of materialized views (as SHOW TABLES shows them) ordered so that a view
    /// comes after the materialized views it reads; otherwise in the order given.
    public func dependencyOrder(ofMaterialized names: [String]) -> [String] {
        let known = Set(names.map { $0.lowercased() })
        var reads: [String: Set<String>] = [:]
        for name in names {
            let parts = name.split(separator: ".").map { $0.lowercased() }
            guard let (_, obj) = try? catalog.object(parts), case let .materialized(_, cv, sql) = obj,
                  let plan = try? binder(sql, functionContext()).bindQuery(cv.query) else { continue }
            var sources = Set<String>()
            func walk(_ p: LogicalPlan) {
                if case let .scan(n) = p, known.contains(n.table.name.lowercased()) { sources.insert(n.table.name.lowercased()) }
                p.inputs.forEach(walk)
            }
            walk(plan)
            reads[name.lowercased()] = sources.subtracting([name.lowercased()])
        }
        var done = Set<String>()
        var out: [String] = []
        func visit(_ name: String, _ path: Set<String>) {
            let key = name.lowercased()
            guard !done.contains(key), !path.contains(key) else { return }
            for source in reads[key] ?? [] {
                if let original = names.first(where: { $0.lowercased() == source }) { visit(original, path.union([key])) }
            }
            if done.insert(key).inserted { out.append(name) }
        }
        for name in names { visit(name, []) }
        return out
    }

    /// Text of EXPLAIN REFRESH: the mode, why, and the plan (its incremental core marked).
    func explainRefresh(_ name: QualifiedName, full: Bool) throws(SQLError) -> [String] {
        let parts = name.parts.map(\.normalized)
        guard let (_, obj) = try catalog.object(parts), case let .materialized(table, cv, sql) = obj else {
            throw SQLError(.name, "materialized view \"\(name.description)\" does not exist", span: name.span)
        }
        let fc = functionContext()
        let bound = try binder(sql, fc).bindQuery(cv.query)
        let plan = try Optimizer.default.optimize(bound, context: fc)
        let d = try decideRefresh(bound: bound, plan: plan, table: table, full: full)
        var lines: [String] = []
        var now = ["bronze_file_list": encodeFileLists(d.current), "bronze_file_sizes": sortedJSON(d.sizes), "fingerprint": d.fingerprint]
        now["source_files"] = encodeFileLists(d.storedLists)
        if !full, try unchanged(d, bound: bound, table: table, properties: now) != nil {
            lines.append("Refresh: none (nothing the view reads changed since the last refresh\(d.fullReason.map { "; otherwise full: \($0)" } ?? ""))")
        } else if let reason = d.fullReason {
            lines.append("Refresh: full (\(reason))")
        } else {
            let counts = d.newFiles.sorted { $0.key < $1.key }.map { "\($0.key) +\($0.value.count)" }
            lines.append("Refresh: incremental (\(d.newFileCount) new file\(d.newFileCount == 1 ? "" : "s")\(counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")))")
            if let m = d.analysis.mergeable(in: plan) {
                lines.append("  partial aggregates of the rows from new files are merged into the stored ones, one row per group"
                    + (m.hasMedians ? "; medians are taken again for the groups that gained values" : ""))
            } else {
                lines.append(d.analysis.hasTop
                    ? "  rows from new files are added to the stored core rows; the part above the core is recomputed from them"
                    : "  rows from new files are appended to the view")
            }
            for s in d.analysis.slots where d.newFiles[s.tableName] != nil {
                if case let .optional(why) = s.role {
                    lines.append("  full instead if new rows of \(s.tableName) meet earlier rows (\(why))")
                }
            }
        }
        lines.append("Plan:")
        let coreText = PlanPrinter.text(d.analysis.core).split(separator: "\n").map(String.init)
        for line in PlanPrinter.text(plan).split(separator: "\n").map(String.init) {
            lines.append("  " + line)
        }
        if d.analysis.hasTop, d.analysis.blocker == nil, d.analysis.mergeable(in: plan) == nil, let first = coreText.first {
            lines.append("Core (stored rows): \(first.drop(while: { $0 == " " || $0 == "\t" })) and below")
        }
        return lines
    }
}
