import Columnar
import Diagnostics
import Formats
import FoundationEssentials
import Lake
import Planner
import SQLSyntax

extension Session {
    /// Where a managed table of `schema.name` keeps its files.
    func tableFolder(schema: String, name: String) -> String? {
        guard let lake else { return nil }
        return PathText.join(PathText.join(lake, schema), name)
    }

    /// Re-reads `_catalog/` when another process (or an editor) changed it.
    func reloadCatalogIfChanged() {
        guard let store = catalog.store else { return }
        let signature = store.signature() + store.schemas().map { "schema:" + $0 }
        if signature == catalog.storeSignature && catalogLoaded { return }
        catalogLoaded = true
        var schemas: [String: [String: (name: String, object: SessionCatalog.Object)]] = [catalog.defaultSchema: [:]]
        var pendingMaterialized: [(CatalogStore.Entry, CreateView)] = []
        for s in store.schemas() { schemas[s] = schemas[s] ?? [:] }
        for entry in store.load() {
            if schemas[entry.schema] == nil { schemas[entry.schema] = [:] }
            let object: SessionCatalog.Object
            switch entry.statement {
            case let .failure(e):
                object = .damaged(e)
            case let .success(.createTable(ct)):
                do {
                    object = try openTable(ct, schema: entry.schema, name: entry.name)
                } catch {
                    object = .damaged(SQLError(error.kind, "\(entry.file): \(error.message)", notes: error.notes))
                }
            case let .success(.createView(cv)) where cv.materialized:
                pendingMaterialized.append((entry, cv))
                continue
            case let .success(.createView(cv)):
                object = .view(cv, sql: entry.sql)
            case .success:
                object = .damaged(SQLError(.data, "\(entry.file): damaged catalog file: not a CREATE TABLE or CREATE VIEW"))
            }
            schemas[entry.schema]?[entry.name] = (entry.name, object)
        }
        catalog.schemas = schemas
        // Materialized views take their schema from their query, which may read other
        // materialized views: bind them in rounds until no more succeed.
        var remaining = pendingMaterialized
        var lastError: [String: SQLError] = [:]
        while !remaining.isEmpty {
            var next: [(CatalogStore.Entry, CreateView)] = []
            for (entry, cv) in remaining {
                do {
                    let table = try materializedTable(cv, sql: entry.sql, schema: entry.schema, name: entry.name)
                    catalog.schemas[entry.schema]?[entry.name] = (entry.name, .materialized(table, definition: cv, sql: entry.sql))
                } catch {
                    lastError[entry.file] = error
                    next.append((entry, cv))
                }
            }
            if next.count == remaining.count {
                for (entry, _) in next {
                    let e = lastError[entry.file] ?? SQLError(.data, "cannot open")
                    catalog.schemas[entry.schema]?[entry.name] = (entry.name, .damaged(SQLError(e.kind, "\(entry.file): \(e.message)", notes: e.notes)))
                }
                break
            }
            remaining = next
        }
        catalog.storeSignature = signature
    }

    /// Each statement lists bronze folders afresh.
    func forgetFileListings() {
        for (_, objects) in catalog.schemas {
            for (_, o) in objects {
                if case let .external(p, _) = o.object, let j = p as? JSONTable { j.forgetListing() }
            }
        }
    }

    /// Turns the bad-record counts of the tables scanned by the last statement into warnings.
    func collectScanMessages() {
        for (schema, objects) in catalog.schemas.sorted(by: { $0.key < $1.key }) {
            for (_, o) in objects.sorted(by: { $0.key < $1.key }) {
                guard case let .external(p, _) = o.object, let r = p as? any ReportsBadRecords else { continue }
                let n = r.takeBadRecordCount()
                if n > 0 {
                    let name = schema == catalog.defaultSchema ? o.name : "\(schema).\(o.name)"
                    lastStatementMessages.append("\(n) bad record\(n == 1 ? "" : "s") in \(name); see SELECT * FROM bad_records('\(name)')")
                }
            }
        }
    }

    /// The table a persisted definition describes.
    func openTable(_ ct: CreateTable, schema: String, name: String) throws(SQLError) -> SessionCatalog.Object {
        let tableSchema = try declaredSchema(ct)
        if let location = ct.location {
            return .external(try externalTable(ct, schema: tableSchema, location: location), definition: ct)
        }
        guard let folder = tableFolder(schema: schema, name: name) else {
            return .table(MemoryTable(schema: tableSchema, uniqueKeys: try uniqueKeys(ct, tableSchema)), definition: ct)
        }
        guard let format = managedFormat else {
            throw SQLError(.unsupported, "tables stored in the lake need the Parquet format, which is not available")
        }
        return .table(ManagedTable(root: folder, schema: tableSchema, uniqueKeys: try uniqueKeys(ct, tableSchema), format: format), definition: ct)
    }

    /// An external table over files at `location`.
    func externalTable(_ ct: CreateTable, schema: Schema, location: String) throws(SQLError) -> any TableProvider {
        let format = (ct.format ?? "JSON").uppercased()
        guard let lake else {
            throw SQLError(.unsupported, "external tables need a lake folder (--lake DIR)", span: ct.span)
        }
        switch format {
        case "JSON", "JSONL", "NDJSON":
            return JSONTable(schema: schema, lake: lake, location: location, options: try JSONTable.options(from: ct.options, schema: schema))
        case "PARQUET":
            return ParquetFilesTable(schema: schema, lake: lake, location: location)
        default:
            throw SQLError(.unsupported, "tables USING \(format) are not supported", span: ct.span, notes: ["supported: JSON, PARQUET"])
        }
    }

    /// The columns a CREATE TABLE declares.
    func declaredSchema(_ ct: CreateTable) throws(SQLError) -> Schema {
        var fields: [Field] = []
        for c in ct.columns {
            let t = try TypeMapping.dataType(c.type, span: c.name.span)
            fields.append(Field(name: c.name.value, type: t, nullable: !c.notNull && !c.primaryKey))
        }
        return Schema(fields)
    }

    /// Column positions of PRIMARY KEY and UNIQUE constraints.
    func uniqueKeys(_ ct: CreateTable, _ schema: Schema) throws(SQLError) -> [[Int]] {
        func positions(_ ids: [Identifier]) throws(SQLError) -> [Int] {
            var out: [Int] = []
            for id in ids {
                guard let i = schema.index(of: id.value) else {
                    throw SQLError(.name, "column \"\(id.value)\" named in key does not exist", span: id.span)
                }
                out.append(i)
            }
            return out
        }
        var keys: [[Int]] = []
        if !ct.primaryKey.isEmpty { keys.append(try positions(ct.primaryKey)) }
        for (i, c) in ct.columns.enumerated() where c.primaryKey || c.unique { keys.append([i]) }
        for u in ct.uniqueKeys { keys.append(try positions(u)) }
        return keys
    }

    /// The definition to persist: the table as declared, without OR REPLACE / IF NOT EXISTS / AS query.
    func normalizedDefinition(_ ct: CreateTable, schema: Schema) -> CreateTable {
        var d = ct
        d.orReplace = false
        d.ifNotExists = false
        d.asQuery = nil
        if ct.columns.isEmpty || ct.asQuery != nil {
            d.columns = schema.fields.map { f in
                ColumnDef(name: Identifier(f.name, quoted: true), type: TypeNames.typeName(f.type), notNull: !f.nullable)
            }
        }
        return d
    }
}

/// `TypeName`s that spell `DataType`s (for persisted definitions).
enum TypeNames {
    static func typeName(_ t: DataType) -> TypeName {
        switch t {
        case let .decimal(p, s): return .named("DECIMAL", [p, s])
        case let .array(e): return .array(typeName(e))
        case let .struct(fields): return .struct(fields.map { (name: Identifier($0.name, quoted: true), type: typeName($0.type)) })
        case .null: return .named("INTEGER", [])
        default: return .named(t.description, [])
        }
    }
}
