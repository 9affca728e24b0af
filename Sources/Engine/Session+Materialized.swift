import Columnar
import Diagnostics
import Execution
import Foundation
import Lake
import Planner
import SQLSyntax

/// Materialized views: a view's query stored as a managed table (Parquet + commit log),
/// recomputed by REFRESH. A view over one bronze table through filters and projections
/// refreshes incrementally: only bronze files that arrived since the last refresh are read
/// and their rows appended. Anything else is recomputed in full.
extension Session {
    /// How a REFRESH will run, and why.
    struct RefreshPlan {
        /// The bronze table read incrementally, when the view allows it.
        var incrementalSource: JSONTable?
        var reason: String
    }

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
        let rows = try refresh(parts, display: cv.name.description, full: true)
        return .status("CREATE MATERIALIZED VIEW \(rows)")
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

    /// Recomputes a materialized view; returns the rows written by this refresh.
    func refresh(_ parts: [String], display: String, full: Bool) throws(SQLError) -> Int {
        guard let (_, obj) = try catalog.object(parts), case let .materialized(table, cv, sql) = obj else {
            throw SQLError(.name, "materialized view \"\(display)\" does not exist")
        }
        let fc = functionContext()
        let bound = try binder(sql, fc).bindQuery(cv.query)
        let plan = try Optimizer.default.optimize(bound, context: fc)
        let decision = full ? RefreshPlan(incrementalSource: nil, reason: "FULL requested") : refreshPlan(plan, table: table)
        let sources = bronzeTables(in: plan)
        var seen: [String: [String]] = [:]
        for (name, t) in sources { seen[name] = (try? t.files().files.map(\.display)) ?? [] }
        var properties = ["refreshed_at": ISO8601DateFormatter().string(from: Date())]
        properties["bronze_files"] = String(seen.values.reduce(0) { $0 + $1.count })
        properties["bronze_file_list"] = encodeFileLists(seen)
        let context = ExecutionContext(functionContext: fc, cancellation: cancellation)
        if let source = decision.incrementalSource, let previous = try table.snapshot(), let oldLists = previous.properties["bronze_file_list"] {
            let old = Set(decodeFileLists(oldLists).values.flatMap { $0 })
            let newFiles = (try source.files().files).filter { !old.contains($0.display) }
            properties["mode"] = "incremental"
            properties["new_files"] = String(newFiles.count)
            let restricted = restrict(plan, to: source, files: Set(newFiles.map(\.display)))
            let batches = newFiles.isEmpty ? [] : try Executor.collect(restricted, context: context, ordered: false)
            try table.appendCommit(batches, operation: "REFRESH", properties: properties)
            return batches.reduce(0) { $0 + $1.count }
        }
        properties["mode"] = "full"
        let batches = try Executor.collect(plan, context: context, ordered: false)
        try table.replaceCommit(batches, operation: "REFRESH", properties: properties)
        return batches.reduce(0) { $0 + $1.count }
    }

    /// Incremental when the plan is filters and projections over one bronze JSON table.
    func refreshPlan(_ plan: LogicalPlan, table: ManagedTable) -> RefreshPlan {
        func walk(_ p: LogicalPlan) -> (JSONTable?, String?) {
            switch p {
            case let .filter(n): return walk(n.input)
            case let .project(n):
                if n.exprs.contains(where: { $0.containsSubquery }) { return (nil, "a subquery") }
                return walk(n.input)
            case let .scan(n):
                if let j = n.table.provider as? JSONTable { return (j, nil) }
                return (nil, "it reads \(n.table.name), which is not a bronze (JSON) table")
            case .aggregate: return (nil, "aggregates are recomputed")
            case .join: return (nil, "joins are recomputed")
            case .sort, .limit, .distinct, .window, .setOperation: return (nil, "ORDER BY, LIMIT, DISTINCT, windows and set operations are recomputed")
            case .values, .tableFunction: return (nil, "it reads no bronze table")
            }
        }
        let (source, reason) = walk(plan)
        if let source, (try? table.snapshot())??.properties["bronze_file_list"] != nil {
            return RefreshPlan(incrementalSource: source, reason: "only new files of the bronze table are read")
        }
        return RefreshPlan(incrementalSource: nil, reason: reason ?? "the view was never refreshed")
    }

    /// The plan with scans of `source` limited to `files`.
    func restrict(_ plan: LogicalPlan, to source: JSONTable, files: Set<String>) -> LogicalPlan {
        (try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            guard case var .scan(n) = p, n.table.provider === source else { return p }
            n.table = TableHandle(name: n.table.name, provider: source.restricted(to: files))
            return .scan(n)
        }) ?? plan
    }

    /// Bronze JSON tables a plan scans, by name.
    func bronzeTables(in plan: LogicalPlan) -> [String: JSONTable] {
        var out: [String: JSONTable] = [:]
        func walk(_ p: LogicalPlan) {
            if case let .scan(n) = p, let j = n.table.provider as? JSONTable { out[n.table.name] = j }
            p.inputs.forEach(walk)
        }
        walk(plan)
        return out
    }

    func encodeFileLists(_ lists: [String: [String]]) -> String {
        let data = (try? JSONEncoder().encode(lists)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    func decodeFileLists(_ text: String) -> [String: [String]] {
        (try? JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))) ?? [:]
    }

    /// Text of EXPLAIN REFRESH: the mode and the plan.
    func explainRefresh(_ name: QualifiedName) throws(SQLError) -> [String] {
        let parts = name.parts.map(\.normalized)
        guard let (_, obj) = try catalog.object(parts), case let .materialized(table, cv, sql) = obj else {
            throw SQLError(.name, "materialized view \"\(name.description)\" does not exist", span: name.span)
        }
        let fc = functionContext()
        let plan = try Optimizer.default.optimize(try binder(sql, fc).bindQuery(cv.query), context: fc)
        let decision = refreshPlan(plan, table: table)
        let head = decision.incrementalSource != nil ? "Refresh: incremental (\(decision.reason))" : "Refresh: full (\(decision.reason))"
        return [head] + PlanPrinter.text(plan).split(separator: "\n").map { "  " + $0 }
    }
}
