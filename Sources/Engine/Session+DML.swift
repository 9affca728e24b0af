import Columnar
import Diagnostics
import Execution
import Lake
import Planner
import SQLSyntax

extension Session {
    /// The writable in-memory table called `name`.
    func writableTable(_ name: QualifiedName, verb: String) throws(SQLError) -> any WritableTable {
        guard let obj = try exists(name) else {
            let hint = NameSuggestion.closest(to: name.description, among: catalog.allRelationNames())
            throw SQLError(.name, "table \"\(name.description)\" does not exist", span: name.span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
        }
        switch obj {
        case let .table(t, _): return t
        case .external: throw SQLError(.semantic, "cannot \(verb) \"\(name.description)\": external tables are read-only", span: name.span, notes: ["their files belong to whoever writes them; create a managed table with CREATE TABLE ... AS"])
        case .view: throw SQLError(.semantic, "cannot \(verb) view \"\(name.description)\"", span: name.span)
        case .materialized: throw SQLError(.semantic, "cannot \(verb) materialized view \"\(name.description)\"", span: name.span, notes: ["its rows come from its query: REFRESH MATERIALIZED VIEW \(name.description)"])
        case let .damaged(e): throw e
        }
    }

    func insert(_ ins: Insert, sql: String) throws(SQLError) -> StatementResult {
        let table = try writableTable(ins.table, verb: "insert into")
        let schema = table.schema
        var targets: [Int] = []
        if ins.columns.isEmpty {
            targets = Array(0..<schema.count)
        } else {
            for c in ins.columns {
                guard let i = schema.index(of: c.value) else {
                    let hint = NameSuggestion.closest(to: c.value, among: schema.names)
                    throw SQLError(.name, "column \"\(c.value)\" of table \"\(ins.table.description)\" does not exist", span: c.span, notes: hint.map { ["did you mean \"\($0)\"?"] } ?? [])
                }
                if targets.contains(i) { throw SQLError(.semantic, "column \"\(c.value)\" specified more than once", span: c.span) }
                targets.append(i)
            }
        }
        let source = try runQuery(ins.source, sql: sql, ordered: false)
        guard source.schema.count == targets.count else {
            let more = source.schema.count > targets.count
            throw SQLError(.semantic, "INSERT has \(more ? "more" : "fewer") expressions than target columns (\(source.schema.count) for \(targets.count))", span: ins.source.span)
        }
        let rows = source.rowCount
        var columns: [Column] = []
        let merged = Batch.concatenate(source.batches.isEmpty ? [Batch.empty(types: source.schema.types)] : source.batches, types: source.schema.types)
        for (i, field) in schema.fields.enumerated() {
            if let k = targets.firstIndex(of: i) {
                let c = merged.columns[k]
                do {
                    columns.append(c.type == field.type ? c : try c.cast(to: field.type))
                } catch {
                    throw SQLError(error.kind, "column \"\(field.name)\": \(error.message)", span: ins.source.span)
                }
            } else {
                columns.append(Column.constant(.null, type: field.type, count: rows))
            }
        }
        var batch = Batch(columns: columns, count: rows)
        try checkNotNull(batch, schema, table: ins.table.description)
        if ins.overwrite {
            try table.replace([batch], operation: "INSERT OVERWRITE")
        } else if table.uniqueKeys.isEmpty {
            try table.append([batch], operation: "INSERT")
        } else {
            var existing = try table.readAll()
            (existing, batch) = try resolveConflicts(existing: existing, new: batch, table: table, mode: ins.onConflict, name: ins.table.description)
            try table.replace(existing + [batch], operation: "INSERT")
        }
        return .status("INSERT \(batch.count)")
    }

    func checkNotNull(_ batch: Batch, _ schema: Schema, table: String) throws(SQLError) {
        for (i, f) in schema.fields.enumerated() where !f.nullable && batch.columns[i].nullCount > 0 {
            throw SQLError(.semantic, "NOT NULL constraint failed: \(table).\(f.name)")
        }
    }

    /// Applies PRIMARY KEY / UNIQUE: conflicting old rows are dropped (OR REPLACE), new rows
    /// skipped (OR IGNORE), or the statement fails.
    func resolveConflicts(existing: [Batch], new: Batch, table: any WritableTable, mode: Insert.Conflict, name: String) throws(SQLError) -> ([Batch], Batch) {
        var old = Batch.concatenate(existing.isEmpty ? [Batch.empty(types: table.schema.types)] : existing, types: table.schema.types)
        var incoming = new
        for key in table.uniqueKeys {
            // Later new rows win over earlier ones with OR REPLACE; duplicates otherwise conflict.
            var seen: [[Value]: Int] = [:]
            var keepNew = [Bool](repeating: true, count: incoming.count)
            for i in 0..<incoming.count {
                let k = key.map { incoming.columns[$0].value(at: i) }
                if k.contains(where: \.isNull) { continue }
                if let j = seen[k] {
                    switch mode {
                    case .replace: keepNew[j] = false; seen[k] = i
                    case .ignore: keepNew[i] = false
                    case .abort: throw uniqueError(name, key, table.schema)
                    }
                } else {
                    seen[k] = i
                }
            }
            incoming = incoming.filter(keepNew)
            seen = [:]
            for i in 0..<incoming.count {
                let k = key.map { incoming.columns[$0].value(at: i) }
                if !k.contains(where: \.isNull) { seen[k] = i }
            }
            var keepOld = [Bool](repeating: true, count: old.count)
            var dropNew = [Bool](repeating: false, count: incoming.count)
            for i in 0..<old.count {
                let k = key.map { old.columns[$0].value(at: i) }
                guard let j = seen[k] else { continue }
                switch mode {
                case .replace: keepOld[i] = false
                case .ignore: dropNew[j] = true
                case .abort: throw uniqueError(name, key, table.schema)
                }
            }
            old = old.filter(keepOld)
            incoming = incoming.filter(dropNew.map { !$0 })
        }
        return (old.count > 0 ? [old] : [], incoming)
    }

    func uniqueError(_ table: String, _ key: [Int], _ schema: Schema) -> SQLError {
        SQLError(.semantic, "UNIQUE constraint failed: " + key.map { "\(table).\(schema.fields[$0].name)" }.joined(separator: ", "))
    }

    /// The whole table as one batch.
    func allRows(_ table: any WritableTable) throws(SQLError) -> Batch {
        let b = try table.readAll()
        return Batch.concatenate(b.isEmpty ? [Batch.empty(types: table.schema.types)] : b, types: table.schema.types)
    }

    func update(_ u: Update, sql: String) throws(SQLError) -> StatementResult {
        let table = try writableTable(u.table, verb: "update")
        let schema = table.schema
        let fc = functionContext()
        let b = binder(sql, fc)
        let qualifier = u.alias?.normalized ?? u.table.last.normalized
        let predicate = try u.whereClause.map { w throws(SQLError) in try b.bindExpression(w, over: schema, qualifier: qualifier) }
        var sets: [(Int, BoundExpr)] = []
        for a in u.assignments {
            guard let i = schema.index(of: a.column.value) else {
                throw SQLError(.name, "column \"\(a.column.value)\" of table \"\(u.table.description)\" does not exist", span: a.column.span)
            }
            sets.append((i, try b.bindExpression(a.value, over: schema, qualifier: qualifier)))
        }
        let rows = try allRows(table)
        let context = ExecutionContext(functionContext: fc, cancellation: cancellation)
        let mask = try predicate.map { p throws(SQLError) in try context.evaluate(p, on: rows).trueMask } ?? [Bool](repeating: true, count: rows.count)
        let selected = (0..<rows.count).filter { mask[$0] }
        let subset = rows.gather(selected)
        var columns = rows.columns
        for (i, e) in sets {
            var newValues = try context.evaluate(e, on: subset)
            if newValues.type != schema.fields[i].type { newValues = try newValues.cast(to: schema.fields[i].type) }
            var source = [Int](repeating: 0, count: rows.count)
            var offset = Array(0..<rows.count)
            for (k, r) in selected.enumerated() { source[r] = 1; offset[r] = k }
            columns[i] = Column.assemble(type: schema.fields[i].type, count: rows.count, pieces: [rows.columns[i], newValues], source: source, offset: offset)
        }
        let updated = Batch(columns: columns, count: rows.count)
        try checkNotNull(updated, schema, table: u.table.description)
        for key in table.uniqueKeys {
            var seen = Set<[Value]>()
            for r in 0..<updated.count {
                let k = key.map { updated.columns[$0].value(at: r) }
                if !k.contains(where: \.isNull) && !seen.insert(k).inserted { throw uniqueError(u.table.description, key, schema) }
            }
        }
        try table.replace([updated], operation: "UPDATE")
        return .status("UPDATE \(selected.count)")
    }

    func delete(_ d: Delete, sql: String) throws(SQLError) -> StatementResult {
        let table = try writableTable(d.table, verb: "delete from")
        let fc = functionContext()
        let qualifier = d.alias?.normalized ?? d.table.last.normalized
        let rows = try allRows(table)
        guard let w = d.whereClause else {
            try table.replace([], operation: "DELETE")
            return .status("DELETE \(rows.count)")
        }
        let predicate = try binder(sql, fc).bindExpression(w, over: table.schema, qualifier: qualifier)
        let context = ExecutionContext(functionContext: fc, cancellation: cancellation)
        let mask = try context.evaluate(predicate, on: rows).trueMask
        try table.replace([rows.filter(mask.map { !$0 })], operation: "DELETE")
        return .status("DELETE \(mask.filter { $0 }.count)")
    }
}
