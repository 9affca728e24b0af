import Columnar
import Diagnostics
import Execution
import Formats
import FoundationEssentials
import Lake
import Planner

/// REFRESH of a materialized view, incremental when its plan and its bronze files allow it
/// (see `RefreshAnalysis`), else a full recompute. Every bronze scan of one refresh reads a
/// pinned list of files, recorded in the commit, so a file arriving during the refresh is
/// read by the next one, never by two or by none.
extension Session {
    /// What a REFRESH did.
    struct RefreshOutcome {
        var rows: Int
        var incremental: Bool
        var newFiles: Int
        var reason: String
        /// Nothing the view reads changed: its rows were kept.
        var unchanged = false

        /// The statement's status text.
        var status: String {
            if unchanged { return "REFRESH 0 (unchanged: nothing the view reads changed since the last refresh)" }
            if incremental {
                return "REFRESH \(rows) (incremental, \(newFiles) new file\(newFiles == 1 ? "" : "s"))"
            }
            return "REFRESH \(rows) (full: \(reason))"
        }
    }

    /// The choice between incremental and full, made before anything is read.
    struct RefreshDecision {
        var analysis: RefreshAnalysis
        /// Every bronze table of the plan and its files now, as shown.
        var current: [String: [String]]
        var tables: [String: JSONTable]
        /// Files each bronze table gained since the last refresh (incremental only).
        var newFiles: [String: Set<String>]
        var old: [String: [String]]
        /// Why the refresh is full; nil when incremental.
        var fullReason: String?
        var fingerprint: String
        /// Per bronze table, the key ranges of its files noted by earlier refreshes.
        var keyRanges: [String: FileKeyRanges] = [:]
        /// Per bronze table, the size of each file now.
        var sizes: [String: [String: Int]] = [:]
        /// Every stored table of the plan and its data files now (data files never change:
        /// a table that only gained files gained exactly their rows).
        var stored: [String: ManagedTable] = [:]
        var storedCurrent: [String: [DataFile]] = [:]

        /// The stored tables' file lists as recorded in a commit (`source_files`).
        var storedLists: [String: [String]] { storedCurrent.mapValues { $0.map(\.path) } }

        var newFileCount: Int { newFiles.values.reduce(0) { $0 + $1.count } }
    }

    /// Recomputes a materialized view, incrementally when it can.
    func refresh(_ parts: [String], display: String, full: Bool) throws(SQLError) -> RefreshOutcome {
        guard let (_, obj) = try catalog.object(parts), case let .materialized(table, cv, sql) = obj else {
            throw SQLError(.name, "materialized view \"\(display)\" does not exist")
        }
        // One refresh of a view at a time, across processes: a second one waits, then sees
        // what the first committed (two incremental refreshes would add the same rows twice).
        try FileSystem.makeDirectory(table.root)
        let refreshLock = try FileLock(PathText.join(table.root, "_refresh_lock"))
        defer { withExtendedLifetime(refreshLock) {} }
        let fc = functionContext()
        let bound = try binder(sql, fc).bindQuery(cv.query)
        let plan = try Optimizer.default.optimize(bound, context: fc)
        let decision = try decideRefresh(bound: bound, plan: plan, table: table, full: full)
        var properties = ["refreshed_at": UTCTimestamp.string()]
        properties["bronze_files"] = String(decision.current.values.reduce(0) { $0 + $1.count })
        properties["bronze_file_list"] = encodeFileLists(decision.current)
        properties["bronze_file_sizes"] = sortedJSON(decision.sizes)
        properties["fingerprint"] = decision.fingerprint
        properties["source_files"] = encodeFileLists(decision.storedLists)
        // A view that would be recomputed, or refreshed from no new files, when nothing it
        // reads has changed, keeps its rows.
        if !full, let previous = try unchanged(decision, bound: bound, table: table, properties: properties) {
            var kept = previous.properties
            kept["refreshed_at"] = properties["refreshed_at"]
            kept["mode"] = "unchanged"
            kept["reason"] = nil
            kept["new_files"] = nil
            try table.appendCommit([], operation: "REFRESH", properties: kept)
            return RefreshOutcome(rows: 0, incremental: false, newFiles: 0, reason: "", unchanged: true)
        }
        let context = ExecutionContext(functionContext: fc, cancellation: cancellation)
        if decision.fullReason == nil {
            properties["mode"] = "incremental"
            properties["new_files"] = String(decision.newFileCount)
            if let outcome = try refreshIncrementally(decision, plan: plan, table: table, properties: properties, context: context, fc: fc) {
                return outcome
            }
        }
        let reason = decision.fullReason ?? "new rows of an optional join side meet earlier rows"
        properties["mode"] = "full"
        properties["new_files"] = nil
        properties["reason"] = reason
        let pinned = RefreshKeyFilter.track(pin(plan, decision))
        var rows: [Batch]
        if decision.analysis.hasTop, decision.analysis.blocker == nil {
            let pinnedAnalysis = RefreshAnalysis(pinned)
            let coreRows = try Executor.collect(pinnedAnalysis.core, context: context, ordered: false)
            properties["key_ranges"] = keyRanges(decision)
            if let m = pinnedAnalysis.mergeable(in: pinned) {
                let partials: [Batch]
                var run: MedianRun? = nil
                if m.hasMedians {
                    let (state, values) = try m.fullState(of: coreRows, coreSchema: pinnedAnalysis.core.schema, context: context,
                                                          evaluator: ExpressionEvaluator(context: fc))
                    partials = [state]
                    run = values
                } else {
                    partials = try m.partial(of: coreRows, coreSchema: pinnedAnalysis.core.schema, context: context)
                }
                // The state (one sorted run of every MEDIAN value, then the partials listing
                // it) is written while the view's rows are computed from the partials and
                // written: the view is recomputed from the state at every refresh, so either
                // may land first.
                let values = try run.map { _ throws(SQLError) in try valuesTable(of: table, m) }
                let state = try partialsTable(of: table, m)
                let stateProperties = properties
                let count = try Alongside.run({ () throws(SQLError) in
                    var p = stateProperties
                    if let run, let values {
                        // (a large run is kept as two, written at once: a MEDIAN reads across runs)
                        let files = try values.commit(keeping: [], addingFiles: run.parts(run.count >= Session.splitRunsFrom ? 2 : 1),
                                                      operation: "REFRESH", properties: [:])
                        p["median_values"] = self.sortedJSON(files.map(\.path))
                    }
                    try state.replaceCommit(partials, operation: "REFRESH", properties: p)
                }, { () throws(SQLError) -> Int in
                    let top = pinnedAnalysis.replacing(in: pinned, atDepth: pinnedAnalysis.depth - 1, with: MergeableAggregate.scan(m.finish(partials)))
                    let rows = try Executor.collect(top, context: context, ordered: false)
                    try table.replaceCommit(rows, operation: "REFRESH", properties: properties)
                    return rows.reduce(0) { $0 + $1.count }
                })
                return RefreshOutcome(rows: count, incremental: false, newFiles: 0, reason: reason)
            } else {
                try stateTable(of: table, core: pinnedAnalysis.core).replaceCommit(coreRows, operation: "REFRESH", properties: properties)
                let memory = MemoryTable(schema: stateSchema(pinnedAnalysis.core), batches: coreRows)
                rows = try Executor.collect(pinnedAnalysis.replacingCore(in: pinned, with: coreScan(memory)), context: context, ordered: false)
            }
        } else {
            // Rows are written as the query makes them.
            let finalProperties = properties
            let count = try table.replaceCommit(operation: "REFRESH", properties: {
                var p = finalProperties
                p["key_ranges"] = keyRanges(decision)
                return p
            }, rows: { sink throws(SQLError) in try Executor.run(pinned, context: context, ordered: false, each: sink) })
            return RefreshOutcome(rows: count, incremental: false, newFiles: 0, reason: reason)
        }
        try table.replaceCommit(rows, operation: "REFRESH", properties: properties)
        return RefreshOutcome(rows: rows.reduce(0) { $0 + $1.count }, incremental: false, newFiles: 0, reason: reason)
    }

    /// Decides how a refresh will run (also used by EXPLAIN REFRESH).
    func decideRefresh(bound: LogicalPlan, plan: LogicalPlan, table: ManagedTable, full: Bool) throws(SQLError) -> RefreshDecision {
        let analysis = RefreshAnalysis(plan)
        var tables = bronzeTables(in: plan)
        for s in analysis.slots { if let t = s.table { tables[s.tableName] = t } }
        var current: [String: [String]] = [:]
        var sizes: [String: [String: Int]] = [:]
        // The statement began with fresh listings (`forgetFileListings`); planning the view
        // after taking the refresh lock made them, and this decision shares them.
        for (name, t) in tables {
            let files = try t.files().files
            current[name] = files.map(\.display)
            for f in files { sizes[name, default: [:]][f.display] = t.info(f.path)?.size ?? -1 }
        }
        let fingerprint = refreshFingerprint(plan: bound, tables: tables) + (analysis.mergeable(in: plan) != nil ? "-partials-3" : "")
        var d = RefreshDecision(analysis: analysis, current: current, tables: tables, newFiles: [:], old: [:], fullReason: nil, fingerprint: fingerprint)
        d.sizes = sizes
        d.stored = storedTables(in: plan)
        for (name, t) in d.stored { d.storedCurrent[name] = try t.snapshot()?.files ?? [] }
        let ledger = analysis.hasTop && analysis.blocker == nil ? try stateTable(of: table, core: analysis.core) : table
        if let text = (try? ledger.snapshot())??.properties["key_ranges"],
           let ranges = decodeKeyRanges(text) {
            d.keyRanges = ranges
        }
        func reason() throws(SQLError) -> String? {
            if full { return "FULL requested" }
            if let b = analysis.blocker { return b }
            if readsStatementTime(bound) { return "the view reads the current date or time" }
            let ledger = analysis.hasTop ? try stateTable(of: table, core: analysis.core) : table
            guard let previous = try ledger.snapshot(), let text = previous.properties["bronze_file_list"] else {
                return "the view has no incremental state yet"
            }
            if previous.properties["fingerprint"] != fingerprint { return "the view or a bronze table was redefined since the last refresh" }
            if let m = analysis.mergeable(in: plan), m.hasMedians, let problem = try medianValuesProblem(of: table, m, previous: previous) {
                return problem
            }
            d.old = decodeFileLists(text)
            let oldSizes = previous.properties["bronze_file_sizes"].flatMap { (try? LakeJSON.parse($0))?.counts } ?? [:]
            for (name, files) in current.sorted(by: { $0.key < $1.key }) {
                let now = Set(files)
                let before = Set(d.old[name] ?? [])
                if !before.isSubset(of: now) {
                    // Their key indexes are of no further use.
                    if let lake { JSONKeyIndex.prune(lake: lake) }
                    return "files were removed from \(name) since the last refresh"
                }
                for (file, size) in oldSizes[name] ?? [:] where sizes[name]?[file] != size {
                    return "\(file) changed since the last refresh (bronze files are read once: new data belongs in new files)"
                }
                let added = now.subtracting(before)
                if !added.isEmpty { d.newFiles[name] = added }
            }
            let oldStored = decodeFileLists(previous.properties["source_files"] ?? "{}")
            for (name, files) in d.storedCurrent.sorted(by: { $0.key < $1.key }) {
                let before = oldStored[name] ?? []
                let now = Set(files.map(\.path))
                if !Set(before).isSubset(of: now) {
                    return "\(name) was rewritten since the last refresh (a stored table refreshes incrementally only while rows are appended)"
                }
                d.old[name] = before
                let added = now.subtracting(before)
                if !added.isEmpty { d.newFiles[name] = added }
            }
            for s in analysis.slots where d.newFiles[s.tableName] != nil {
                if case let .frozen(why) = s.role { return "\(s.tableName) has new files and is \(why)" }
            }
            return nil
        }
        d.fullReason = try reason()
        return d
    }

    /// Appends the core rows that new files add; recomputes the top from the stored core
    /// rows. Nil when new rows of an optional join side meet earlier rows (a full refresh).
    func refreshIncrementally(_ d: RefreshDecision, plan: LogicalPlan, table: ManagedTable, properties: [String: String],
                              context: ExecutionContext, fc: FunctionContext) throws(SQLError) -> RefreshOutcome? {
        var properties = properties
        let slots = d.analysis.slots
        var cache: [String: any TableProvider] = [:]
        func files(_ name: String, _ which: RefreshAnalysis.Files) -> (any TableProvider)? {
            // Without new files, a table's old files are its current ones: one provider.
            let which = d.newFiles[name]?.isEmpty == false ? which : .current
            let key = (which == .current ? "current " : "old ") + name
            if let t = cache[key] { return t }
            let t = d.provider(name, files: which == .current ? nil : Set(d.old[name] ?? []))
            cache[key] = t
            return t
        }
        var delta: [Batch] = []
        let buildScans = BuildScanCache()
        // The terms telescope in this order: optional sides first, so their term meets only
        // the old rows of every other scan (new rows meet them in the later terms), and a
        // match there means an earlier row changes: the refresh is then a full one.
        let order = slots.indices.sorted { a, b in
            (isOptional(slots[a].role) ? 0 : 1, a) < (isOptional(slots[b].role) ? 0 : 1, b)
        }
        var rank = [Int](repeating: 0, count: slots.count)
        for (r, k) in order.enumerated() { rank[k] = r }
        let keyColumns = RefreshKeyFilter.joinKeyColumns(d.analysis.core)
        for k in order {
            let name = slots[k].tableName
            guard let added = d.newFiles[name], var provider = d.provider(name, files: added), var node = d.analysis.scanNode(k) else { continue }
            // The new files' rows first: a term whose new side is empty adds nothing. They
            // are read whole, noting their join key: later terms (and refreshes) then read
            // only the lines of those files holding the keys they look for.
            if let t = provider as? JSONTable, let column = keyColumns[name] {
                provider = t.keeping(nil, of: column, ranges: d.keyRanges[name] ?? FileKeyRanges())
            }
            node.table = TableHandle(name: name, provider: provider)
            let newRows = try Executor.collect(.scan(node), context: context, ordered: false)
            if !newRows.contains(where: { $0.count > 0 }) { continue }
            let memory = MemoryTable(schema: LogicalPlan.scan(node).schema, batches: newRows)
            let term = d.analysis.core(replacing: { j, n in
                if j == k { return coreScan(memory, name: name) }
                var n = n
                if let t = files(slots[j].tableName, rank[j] < rank[k] ? .current : .old) {
                    n.table = TableHandle(name: n.table.name, provider: t)
                }
                return .scan(n)
            }, innerFor: k)
            let plan = try buildScans.reusing(RefreshKeyFilter.apply(try Optimizer.default.optimize(term, context: fc), delta: memory, ranges: d.keyRanges),
                                              context: context)
            let rows = try Executor.collect(plan, context: context, ordered: false)
            if isOptional(slots[k].role), rows.contains(where: { $0.count > 0 }) { return nil }
            delta += rows
        }
        properties["key_ranges"] = keyRanges(d)
        let added = delta.reduce(0) { $0 + $1.count }
        guard d.analysis.hasTop else {
            try table.appendCommit(delta, operation: "REFRESH", properties: properties)
            try compact(table)
            return RefreshOutcome(rows: added, incremental: true, newFiles: d.newFileCount, reason: "")
        }
        if let m = d.analysis.mergeable(in: plan) {
            let state = try partialsTable(of: table, m)
            let previous = try state.snapshot()
            let update = try m.update(try state.readAll(), with: delta, coreSchema: d.analysis.core.schema, context: context,
                                      evaluator: ExpressionEvaluator(context: fc))
            var merged = [update.state]
            if let (run, starts) = update.values {
                let (withMedians, list) = try refreshMedians(update.state, m, table: table, previous: previous, new: run, starts: starts)
                merged = [withMedians]
                properties["median_values"] = list
            }
            // The new state is written while the view's rows are computed from it and
            // written: the view is recomputed from the state at every refresh, so either
            // commit may land first.
            let stateProperties = properties
            let rows = try Alongside.run({ () throws(SQLError) in
                try state.replaceCommit(merged, operation: "REFRESH", properties: stateProperties)
            }, { () throws(SQLError) -> [Batch] in
                let top = d.analysis.replacing(in: pin(plan, d), atDepth: d.analysis.depth - 1, with: MergeableAggregate.scan(m.finish(merged)))
                let rows = try Executor.collect(top, context: context, ordered: false)
                try table.replaceCommit(rows, operation: "REFRESH", properties: properties)
                return rows
            })
            return RefreshOutcome(rows: rows.reduce(0) { $0 + $1.count }, incremental: true, newFiles: d.newFileCount, reason: "")
        }
        let state = try stateTable(of: table, core: d.analysis.core)
        try state.appendCommit(delta, operation: "REFRESH", properties: properties)
        try compact(state)
        let top = d.analysis.replacingCore(in: pin(plan, d), with: coreScan(state))
        let rows = try Executor.collect(top, context: context, ordered: false)
        try table.replaceCommit(rows, operation: "REFRESH", properties: properties)
        return RefreshOutcome(rows: rows.reduce(0) { $0 + $1.count }, incremental: true, newFiles: d.newFileCount, reason: "")
    }

    /// The key ranges known after a refresh: those noted before (of files still listed)
    /// and those its scans noted, as the commit's `key_ranges` text.
    func keyRanges(_ d: RefreshDecision) -> String {
        var out: [String: FileKeyRanges] = [:]
        for (name, t) in d.tables {
            var r = d.keyRanges[name] ?? FileKeyRanges()
            r.merge(t.noted())
            r = r.keeping(files: Set(d.current[name] ?? []))
            if !r.ranges.isEmpty { out[name] = r }
        }
        return sortedJSON(out)
    }

    func isOptional(_ role: RefreshAnalysis.Role) -> Bool {
        if case .optional = role { return true }
        return false
    }

    /// Rewrites a table of many small appended files as one file (same rows, same facts).
    func compact(_ table: ManagedTable) throws(SQLError) {
        guard let snap = try table.snapshot(), snap.files.count > 32 else { return }
        try table.replaceCommit(try table.readAll(), operation: "COMPACT", properties: snap.properties)
    }

    /// The values the MEDIAN calls of a view kept as partials are taken of:
    /// `<view folder>/_state/values/`.
    func valuesTable(of table: ManagedTable, _ m: MergeableAggregate) throws(SQLError) -> ManagedTable {
        guard managedFormat != nil else { throw SQLError(.unsupported, "materialized views need a lake") }
        let root = PathText.join(table.root, "_state/values")
        // Only LakeSQL reads these: plain arrays, copied in and out without encoding.
        return ManagedTable(root: root, schema: m.valuesSchema, format: RawColumnsFormat())
    }

    /// The stored partials of a view refreshed from partials: `<view folder>/_state/`. Only
    /// LakeSQL reads them and every refresh rewrites them whole: plain arrays when the
    /// columns allow (numbers, dates, strings), else Parquet without dictionaries or
    /// compression.
    func partialsTable(of table: ManagedTable, _ m: MergeableAggregate) throws(SQLError) -> ManagedTable {
        guard managedFormat != nil else { throw SQLError(.unsupported, "materialized views need a lake") }
        let root = PathText.join(table.root, "_state")
        let schema = m.stateSchema
        let format: any DataFileFormat = RawColumnsFormat.holds(schema) ? RawColumnsFormat()
            : ParquetDataFormat(options: ParquetWriterOptions(codec: .uncompressed, dictionary: false))
        return ManagedTable(root: root, schema: schema, format: format)
    }

    /// The stored core rows of a view with a top: `<view folder>/_state/`.
    func stateTable(of table: ManagedTable, core: LogicalPlan) throws(SQLError) -> ManagedTable {
        try stateTable(of: table, schema: stateSchema(core))
    }

    /// The view's stored state (core rows, or per-group partials) with `schema`.
    func stateTable(of table: ManagedTable, schema: Schema) throws(SQLError) -> ManagedTable {
        guard let format = managedFormat else { throw SQLError(.unsupported, "materialized views need a lake") }
        let root = PathText.join(table.root, "_state")
        return ManagedTable(root: root, schema: schema, format: format)
    }

    /// Core columns under plain unique names (join outputs may repeat a name).
    func stateSchema(_ core: LogicalPlan) -> Schema {
        Schema(core.schema.fields.enumerated().map { i, f in Field(name: "c\(i)", type: f.type == .null ? .int32 : f.type) })
    }

    /// A scan of every column of `provider` (stored core rows, or rows read from new files).
    func coreScan(_ provider: any TableProvider, name: String = "stored core rows") -> LogicalPlan {
        .scan(ScanNode(table: TableHandle(name: name, provider: provider), projection: Array(0..<provider.scanFields.count)))
    }

    /// The plan with every bronze and stored table scan reading exactly the files the
    /// decision listed.
    func pin(_ plan: LogicalPlan, _ d: RefreshDecision) -> LogicalPlan {
        var pinned: [String: any TableProvider] = [:]
        for name in Set(d.tables.keys).union(d.stored.keys) { pinned[name] = d.provider(name, files: nil) }
        return (try? plan.transformUp { (p: LogicalPlan) throws(SQLError) -> LogicalPlan in
            guard case var .scan(n) = p, RefreshAnalysis.isSource(n), let t = pinned[n.table.name] else { return p }
            n.table = TableHandle(name: n.table.name, provider: t)
            return .scan(n)
        }) ?? plan
    }
}

extension Session.RefreshDecision {
    /// Table `name` (bronze or stored) reading the given files of the current ones (all of
    /// them when nil).
    func provider(_ name: String, files: Set<String>?) -> (any TableProvider)? {
        if let t = tables[name] { return t.restricted(to: files ?? Set(current[name] ?? [])) }
        if let m = stored[name], let all = storedCurrent[name] {
            return ManagedFilesTable(m, files: files.map { f in all.filter { f.contains($0.path) } } ?? all)
        }
        return nil
    }
}
