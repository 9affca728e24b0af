import Columnar
import Diagnostics
import Execution
import Lake
import Planner
import SQLSyntax

extension Session {
    func exists(_ name: QualifiedName) throws(SQLError) -> SessionCatalog.Object? {
        try catalog.object(name.parts.map(\.normalized))?.object
    }

    func createTable(_ ct: CreateTable, sql: String) throws(SQLError) -> StatementResult {
        let parts = ct.name.parts.map(\.normalized)
        let (schemaName, tableName) = try catalog.split(parts)
        guard catalog.schemas[schemaName] != nil else {
            throw SQLError(.name, "schema \"\(schemaName)\" does not exist", span: ct.name.span, notes: ["CREATE SCHEMA \(schemaName) first"])
        }
        if let existing = try exists(ct.name) {
            if ct.ifNotExists { return .status("CREATE TABLE") }
            if case .view = existing { throw SQLError(.semantic, "\"\(ct.name.description)\" is a view", span: ct.name.span) }
            if !ct.orReplace { throw SQLError(.semantic, "table \"\(ct.name.description)\" already exists", span: ct.name.span) }
        }
        // Rows of CREATE TABLE ... AS, computed before anything is replaced.
        var result: ResultSet? = nil
        var schema: Schema
        if let q = ct.asQuery {
            let r = try runQuery(q, sql: sql, ordered: false)
            schema = r.schema
            for (i, c) in ct.columns.enumerated() where i < schema.count { schema.fields[i].name = c.name.value }
            schema.fields = schema.fields.map { Field(name: $0.name, type: $0.type == .null ? .int32 : $0.type) }
            result = r
        } else {
            schema = try declaredSchema(ct)
            guard !schema.fields.isEmpty else { throw SQLError(.syntax, "a table needs at least one column", span: ct.span) }
        }
        try checkDuplicateColumns(schema.names, span: ct.name.span)
        let definition = normalizedDefinition(ct, schema: schema)
        if ct.location != nil {
            guard ct.asQuery == nil else { throw SQLError(.unsupported, "CREATE TABLE ... LOCATION ... AS is not supported: external tables are read-only", span: ct.span) }
            let provider = try externalTable(definition, schema: schema, location: ct.location ?? "")
            try catalog.putPersistent(parts, display: ct.name.last.value, .external(provider, definition: definition), statement: .createTable(definition))
            return .status("CREATE TABLE")
        }
        if let old = try exists(ct.name), case let .table(t as ManagedTable, _) = old { FileSystem.remove(t.root) }
        let object = try openTable(definition, schema: schemaName, name: tableName)
        guard case let .table(table, _) = object else { throw SQLError(.internal, "new table is not writable") }
        if let managed = table as? ManagedTable { try managed.create() }
        if let r = result {
            let batches = r.batches.map { b in
                Batch(columns: zip(b.columns, schema.types).map { c, t in c.type == t ? c : ((try? c.cast(to: t)) ?? c) }, count: b.count)
            }
            try table.replace(batches, operation: "CREATE TABLE AS")
        }
        try catalog.putPersistent(parts, display: ct.name.last.value, object, statement: .createTable(definition))
        return .status(result.map { "CREATE TABLE \($0.rowCount)" } ?? "CREATE TABLE")
    }

    func checkDuplicateColumns(_ names: [String], span: SourceSpan) throws(SQLError) {
        var seen = Set<String>()
        for n in names where !seen.insert(n.lowercased()).inserted {
            throw SQLError(.semantic, "column \"\(n)\" specified more than once", span: span)
        }
    }

    func createView(_ cv: CreateView, sql: String) throws(SQLError) -> StatementResult {
        if cv.materialized { return try createMaterializedView(cv, sql: sql) }
        if let existing = try exists(cv.name) {
            if cv.ifNotExists { return .status("CREATE VIEW") }
            guard case .view = existing else { throw SQLError(.semantic, "\"\(cv.name.description)\" is a table, not a view", span: cv.name.span) }
            if !cv.orReplace { throw SQLError(.semantic, "view \"\(cv.name.description)\" already exists", span: cv.name.span) }
        }
        // Bind once now, so a broken view is reported when it is created.
        let fc = functionContext()
        let plan = try binder(sql, fc).bindQuery(cv.query)
        if cv.columns.count > plan.schema.count {
            throw SQLError(.semantic, "CREATE VIEW specifies more column names than columns", span: cv.name.span)
        }
        var definition = cv
        definition.orReplace = false
        definition.ifNotExists = false
        // Persisted views re-parse from the catalog file; in memory they keep this statement's text.
        try catalog.putPersistent(cv.name.parts.map(\.normalized), display: cv.name.last.value, .view(cv, sql: sql), statement: .createView(definition))
        return .status("CREATE VIEW")
    }

    func drop(_ d: Drop) throws(SQLError) -> StatementResult {
        for name in d.names {
            let parts = name.parts.map(\.normalized)
            switch d.kind {
            case .schema:
                let s = name.last.normalized
                guard let objects = catalog.schemas[s] else {
                    if d.ifExists { continue }
                    throw SQLError(.name, "schema \"\(name.description)\" does not exist", span: name.span)
                }
                if s == catalog.defaultSchema { throw SQLError(.semantic, "cannot drop schema \"main\"", span: name.span) }
                if !objects.isEmpty && !d.cascade {
                    throw SQLError(.semantic, "schema \"\(name.description)\" is not empty", span: name.span, notes: ["use DROP SCHEMA ... CASCADE"])
                }
                for (n, _) in objects { try dropObject([s, n]) }
                catalog.schemas[s] = nil
                catalog.store?.removeSchema(s)
            case .index:
                let key = name.last.normalized
                if catalog.indexes.removeValue(forKey: key) == nil && !d.ifExists {
                    throw SQLError(.name, "index \"\(name.description)\" does not exist", span: name.span)
                }
            case .table, .view, .materializedView:
                guard let obj = try exists(name) else {
                    if d.ifExists { continue }
                    throw SQLError(.name, "\(d.kind == .table ? "table" : "view") \"\(name.description)\" does not exist", span: name.span)
                }
                switch (d.kind, obj) {
                case (.table, .view): throw SQLError(.semantic, "\"\(name.description)\" is a view", span: name.span, notes: ["use DROP VIEW"])
                case (.view, .table), (.materializedView, .table), (.view, .external), (.materializedView, .external):
                    throw SQLError(.semantic, "\"\(name.description)\" is a table", span: name.span, notes: ["use DROP TABLE"])
                case (.table, .materialized):
                    throw SQLError(.semantic, "\"\(name.description)\" is a materialized view", span: name.span, notes: ["use DROP MATERIALIZED VIEW"])
                case (.materializedView, .view):
                    throw SQLError(.semantic, "\"\(name.description)\" is a view", span: name.span, notes: ["use DROP VIEW"])
                default: try dropObject(parts)
                }
            }
        }
        return .status("DROP \(d.kind.rawValue)")
    }

    /// Removes an object from the catalog, and a managed table's files from the lake
    /// (external tables' files are never touched).
    func dropObject(_ parts: [String]) throws(SQLError) {
        if let (_, obj) = try catalog.object(parts) {
            var root: String? = nil
            if case let .table(t as ManagedTable, _) = obj { root = t.root }
            if case let .materialized(t, _, _) = obj { root = t.root }
            if let root {
                try catalog.remove(parts)
                FileSystem.remove(root)
                return
            }
        }
        try catalog.remove(parts)
    }

    /// SHOW TABLES: name, kind, and for materialized views when they were refreshed and
    /// from how many bronze files.
    func showTables(schema: String?, like: String?) -> ResultSet {
        var rows: [(schema: String, name: String, kind: String, refreshed: String?, files: Int64?)] = []
        for (s, objects) in catalog.schemas where schema == nil || schema == s {
            for (_, o) in objects {
                var refreshed: String? = nil, files: Int64? = nil
                let kind: String
                switch o.object {
                case .view: kind = "VIEW"
                case .table: kind = "TABLE"
                case .external: kind = "EXTERNAL TABLE"
                case .damaged: kind = "DAMAGED"
                case let .materialized(t, _, _):
                    kind = "MATERIALIZED VIEW"
                    if let c = (try? t.snapshot()) ?? nil {
                        refreshed = c.properties["refreshed_at"]
                        files = c.properties["bronze_files"].flatMap { Int64($0) }
                    }
                }
                rows.append((s, o.name, kind, refreshed, files))
            }
        }
        if let like { rows = rows.filter { likeMatch($0.name.lowercased(), like.lowercased()) } }
        rows.sort { ($0.schema, $0.name) < ($1.schema, $1.name) }
        var name = ColumnBuilder(type: .string), kind = ColumnBuilder(type: .string)
        var refreshed = ColumnBuilder(type: .timestamp), files = ColumnBuilder(type: .int64)
        for r in rows {
            name.append(string: r.schema == catalog.defaultSchema ? r.name : "\(r.schema).\(r.name)")
            kind.append(string: r.kind)
            if let t = r.refreshed.flatMap({ DateTime.parseTimestamp($0) }) { refreshed.append(int: t) } else { refreshed.appendNull() }
            if let f = r.files { files.append(int: f) } else { files.appendNull() }
        }
        let out = Schema([Field(name: "name", type: .string), Field(name: "kind", type: .string),
                          Field(name: "refreshed_at", type: .timestamp), Field(name: "bronze_files", type: .int64)])
        return ResultSet(schema: out, batches: [Batch(columns: [name.finish(), kind.finish(), refreshed.finish(), files.finish()], count: rows.count)])
    }

    /// SQL LIKE on plain strings (for SHOW TABLES LIKE).
    func likeMatch(_ s: String, _ p: String) -> Bool {
        let sc = Array(s), pc = Array(p)
        func m(_ i: Int, _ j: Int) -> Bool {
            if j == pc.count { return i == sc.count }
            if pc[j] == "%" { return (i...sc.count).contains { m($0, j + 1) } }
            if i < sc.count && (pc[j] == "_" || pc[j] == sc[i]) { return m(i + 1, j + 1) }
            return false
        }
        return m(0, 0)
    }

    func describe(_ name: QualifiedName) throws(SQLError) -> ResultSet {
        guard let entry = try catalog.lookup(name.parts.map(\.normalized)) else {
            throw SQLError(.name, "table \"\(name.description)\" does not exist", span: name.span)
        }
        switch entry {
        case let .table(h):
            if let (_, obj) = try catalog.object(name.parts.map(\.normalized)), case let .materialized(table, _, _) = obj {
                return describeSchema(h.provider.schema, facts: try refreshFacts(table))
            }
            return describeSchema(h.provider.schema)
        case .view:
            let q = Query(body: .select(Select(items: [.wildcard(qualifier: nil, exclude: [], span: .none)], from: [.table(name, alias: nil, span: name.span)], span: .none)), span: .none)
            let fc = functionContext()
            return describeSchema(try binder("", fc).bindQuery(q).schema)
        }
    }

    /// One row per column; `facts` follow under a `# materialized view` row (as Spark's
    /// DESCRIBE EXTENDED adds its details), the value in `column_type`.
    func describeSchema(_ schema: Schema, facts: [(String, String)] = []) -> ResultSet {
        var n = ColumnBuilder(type: .string), t = ColumnBuilder(type: .string), nullable = ColumnBuilder(type: .string)
        for f in schema.fields {
            n.append(string: f.name)
            t.append(string: f.type.description)
            nullable.append(string: f.nullable ? "YES" : "NO")
        }
        if !facts.isEmpty {
            n.append(string: "# materialized view")
            t.appendNull()
            nullable.appendNull()
            for (k, v) in facts {
                n.append(string: k)
                t.append(string: v)
                nullable.appendNull()
            }
        }
        let s = Schema([Field(name: "column_name", type: .string), Field(name: "column_type", type: .string), Field(name: "null", type: .string)])
        let count = schema.count + (facts.isEmpty ? 0 : facts.count + 1)
        return ResultSet(schema: s, batches: [Batch(columns: [n.finish(), t.finish(), nullable.finish()], count: count)])
    }

    /// What DESCRIBE tells of a materialized view's last refresh.
    func refreshFacts(_ table: ManagedTable) throws(SQLError) -> [(String, String)] {
        guard let c = try table.snapshot() else { return [("refreshed_at", "never")] }
        let p = c.properties
        var facts: [(String, String)] = [("refreshed_at", p["refreshed_at"] ?? "never"),
                                         ("bronze_files", p["bronze_files"] ?? "0"),
                                         ("rows", String(c.rowCount))]
        switch p["mode"] {
        case "incremental"?:
            let n = p["new_files"] ?? "0"
            facts.append(("last_refresh", "incremental, \(n) new file\(n == "1" ? "" : "s")"))
        case "full"?: facts.append(("last_refresh", "full: \(p["reason"] ?? "")"))
        case "unchanged"?: facts.append(("last_refresh", "none needed: nothing the view reads had changed"))
        default: break
        }
        return facts
    }

    func showCreate(_ name: QualifiedName) throws(SQLError) -> ResultSet {
        guard let (display, obj) = try catalog.object(name.parts.map(\.normalized)) else {
            throw SQLError(.name, "table \"\(name.description)\" does not exist", span: name.span)
        }
        let text: String
        switch obj {
        case let .table(_, def?), let .external(_, def):
            text = SQLPrinter.statement(.createTable(def))
        case let .table(t, nil):
            let cols = t.schema.fields.map { "  \($0.name) \($0.type)" + ($0.nullable ? "" : " NOT NULL") }
            text = "CREATE TABLE \(display) (\n" + cols.joined(separator: ",\n") + "\n)"
        case let .view(v, _):
            text = "CREATE VIEW \(display) AS " + v.queryText
        case let .materialized(_, v, _):
            text = "CREATE MATERIALIZED VIEW \(display) AS " + v.queryText
        case let .damaged(e):
            throw e
        }
        let s = Schema([Field(name: "sql", type: .string)])
        return ResultSet(schema: s, batches: [Batch(columns: [Column.constant(.string(text), type: .string, count: 1)], count: 1)])
    }

    func explain(_ statement: Statement, analyze: Bool, sql: String) throws(SQLError) -> ResultSet {
        if case let .refresh(name, full) = statement {
            var b = ColumnBuilder(type: .string)
            let lines = try explainRefresh(name, full: full)
            for l in lines { b.append(string: l) }
            return ResultSet(schema: Schema([Field(name: "plan", type: .string)]), batches: [Batch(columns: [b.finish()], count: lines.count)])
        }
        guard case let .query(q) = statement else {
            throw SQLError(.unsupported, "EXPLAIN supports queries and REFRESH only")
        }
        let fc = functionContext()
        let p = try plan(q, sql: sql, fc)
        var lines: [String]
        if analyze {
            let context = ExecutionContext(functionContext: fc, cancellation: cancellation, collectStatistics: true)
            var planner = PhysicalPlanner(context: context)
            let root = try planner.plan(p)
            let start = ContinuousClock.now
            var rows = 0
            while let b = try root.next() { rows += b.count }
            let total = ContinuousClock.now - start
            lines = planner.statistics.map { s in
                let ms = Double(s.stats.nanoseconds) / 1_000_000
                return String(repeating: "  ", count: s.depth) + s.description + "  (rows=\(s.stats.rows) time=\(formatMillis(ms)))"
            }
            let totalMs = Double(total.components.seconds) * 1000 + Double(total.components.attoseconds) / 1e15
            lines.append("Total: \(rows) row\(rows == 1 ? "" : "s") in \(formatMillis(totalMs))")
        } else {
            lines = PlanPrinter.text(p).split(separator: "\n").map(String.init)
        }
        var b = ColumnBuilder(type: .string)
        for l in lines { b.append(string: l) }
        let s = Schema([Field(name: "plan", type: .string)])
        return ResultSet(schema: s, batches: [Batch(columns: [b.finish()], count: lines.count)])
    }

    func formatMillis(_ ms: Double) -> String {
        let tenths = (ms * 100).rounded() / 100
        return "\(tenths)ms"
    }
}
