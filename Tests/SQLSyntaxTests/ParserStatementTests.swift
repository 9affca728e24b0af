import Diagnostics
import Testing
@testable import SQLSyntax

@Suite("Parser statements")
struct ParserStatementTests {
    @Test func lakeCreateTable() throws {
        let sql = """
            CREATE TABLE bronze.listings (listing_id BIGINT NOT NULL, car STRUCT<make: STRING, model: STRING, year: INT>,
              price DECIMAL(10,2) DEFAULT 0 COMMENT 'eur', listed_at TIMESTAMP) USING JSON
              OPTIONS (mode 'PERMISSIVE', 'dateFormat' = 'yyyy', x.y = 3) LOCATION 'bronze/listings' PARTITIONED BY (listed_at) COMMENT 'raw'
            """
        guard case .createTable(let t) = try TestSupport.statement(sql) else { Issue.record("not CREATE TABLE"); return }
        #expect(t.name.description == "bronze.listings" && t.columns.count == 4)
        #expect(t.columns[0].notNull && t.columns[2].defaultValue != nil && t.columns[2].comment == "eur")
        #expect(t.columns[2].type == .named("DECIMAL", [10, 2]))
        if case .struct(let fields) = t.columns[1].type { #expect(fields.map(\.name.value) == ["make", "model", "year"]) }
        #expect(t.format == "JSON" && t.location == "bronze/listings" && t.comment == "raw")
        #expect(t.options.map(\.key) == ["mode", "dateformat", "x.y"] && t.options.map(\.value) == ["PERMISSIVE", "yyyy", "3"])
        #expect(t.partitionedBy.map(\.value) == ["listed_at"])
    }

    @Test func externalAndCtas() throws {
        guard case .createTable(let e) = try TestSupport.statement("CREATE EXTERNAL TABLE IF NOT EXISTS t (a INT) STORED AS json LOCATION 'x'")
        else { Issue.record("not CREATE TABLE"); return }
        #expect(e.external && e.ifNotExists && e.format == "JSON" && e.location == "x")
        guard case .createTable(let c) = try TestSupport.statement("CREATE OR REPLACE TABLE g.t USING PARQUET AS SELECT 1 AS a")
        else { Issue.record("not CTAS"); return }
        #expect(c.orReplace && c.format == "PARQUET" && c.asQuery != nil && c.columns.isEmpty)
        guard case .createTable(let k) = try TestSupport.statement("CREATE TEMP TABLE t (a INT PRIMARY KEY UNIQUE, b INT, PRIMARY KEY (a, b), UNIQUE (b))")
        else { Issue.record("not CREATE TABLE"); return }
        #expect(k.temporary && k.columns[0].primaryKey && k.columns[0].unique && k.primaryKey.map(\.value) == ["a", "b"])
        #expect(k.uniqueKeys.map { $0.map(\.value) } == [["b"]])
    }

    @Test func createViewKeepsQueryText() throws {
        let sql = "CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS gold.v (a, b) AS SELECT x, y FROM t  ;"
        guard case .createView(let v) = try TestSupport.statement(sql) else { Issue.record("not a view"); return }
        #expect(v.orReplace && v.materialized && v.ifNotExists && v.columns.count == 2)
        #expect(v.queryText == "SELECT x, y FROM t")
    }

    @Test func otherCreates() throws {
        #expect(try TestSupport.statement("CREATE SCHEMA IF NOT EXISTS gold") == .createSchema(QualifiedName([Identifier("gold", span: SourceSpan(start: 28, end: 32))]), ifNotExists: true))
        guard case .createIndex(let name, let table, let columns, _) = try TestSupport.statement("CREATE UNIQUE INDEX i ON t (a, lower(b))")
        else { Issue.record("not an index"); return }
        #expect(name.description == "i" && table.description == "t" && columns.count == 2)
    }

    @Test func inserts() throws {
        guard case .insert(let a) = try TestSupport.statement("INSERT INTO t (a, b) VALUES (1, 2), (3, 4)") else { Issue.record("not INSERT"); return }
        #expect(a.columns.count == 2 && a.onConflict == .abort && !a.overwrite)
        if case .values(let rows, _) = a.source.body { #expect(rows.count == 2) } else { Issue.record("not VALUES") }
        guard case .insert(let b) = try TestSupport.statement("REPLACE INTO t SELECT * FROM u") else { return }
        #expect(b.onConflict == .replace && b.columns.isEmpty)
        guard case .insert(let c) = try TestSupport.statement("INSERT OR IGNORE INTO t VALUES (1)") else { return }
        #expect(c.onConflict == .ignore)
        guard case .insert(let d) = try TestSupport.statement("INSERT OVERWRITE TABLE g.t SELECT 1") else { return }
        #expect(d.overwrite)
        guard case .insert(let e) = try TestSupport.statement("INSERT INTO t (SELECT 1)") else { return }
        #expect(e.columns.isEmpty)
    }

    @Test func updateAndDelete() throws {
        guard case .update(let u) = try TestSupport.statement("UPDATE t AS x SET a = a + 1, b = NULL WHERE id = 3") else { Issue.record("not UPDATE"); return }
        #expect(u.alias?.value == "x" && u.assignments.map(\.column.value) == ["a", "b"] && u.whereClause != nil)
        guard case .delete(let d) = try TestSupport.statement("DELETE FROM s.t WHERE a IS NULL") else { Issue.record("not DELETE"); return }
        #expect(d.table.parts.count == 2 && d.whereClause != nil)
    }

    @Test func dropAndUtility() throws {
        guard case .drop(let d) = try TestSupport.statement("DROP MATERIALIZED VIEW IF EXISTS a, b.c CASCADE") else { Issue.record("not DROP"); return }
        #expect(d.kind == .materializedView && d.ifExists && d.cascade && d.names.count == 2)
        if case .showTables(let schema, let like) = try TestSupport.statement("SHOW TABLES IN gold LIKE 'a%'") {
            #expect(schema?.value == "gold" && like == "a%")
        } else { Issue.record("not SHOW TABLES") }
        if case .describe(let n) = try TestSupport.statement("SHOW COLUMNS FROM t") { #expect(n.description == "t") } else { Issue.record("not describe") }
        if case .describe(let n) = try TestSupport.statement("DESC bronze.listings") { #expect(n.parts.count == 2) } else { Issue.record("not describe") }
        if case .describeQuery = try TestSupport.statement("DESCRIBE SELECT 1") {} else { Issue.record("not describe query") }
        if case .showCreate(let n) = try TestSupport.statement("SHOW CREATE VIEW v") { #expect(n.description == "v") } else { Issue.record("not SHOW CREATE") }
        if case .explain(let inner, let analyze, let verbose) = try TestSupport.statement("EXPLAIN ANALYZE VERBOSE SELECT 1") {
            #expect(analyze && verbose)
            if case .query = inner {} else { Issue.record("inner not a query") }
        } else { Issue.record("not EXPLAIN") }
        if case .refresh(let n, let full) = try TestSupport.statement("REFRESH MATERIALIZED VIEW g.v FULL") { #expect(n.parts.count == 2 && full) }
        if case .set(let name, let value) = try TestSupport.statement("SET threads TO 4") { #expect(name.value == "threads" && value.kind == .literal(.integer("4"))) }
        for (sql, word) in [("BEGIN", "BEGIN"), ("begin transaction", "BEGIN"), ("COMMIT", "COMMIT"), ("ROLLBACK TRANSACTION", "ROLLBACK")] {
            #expect(try TestSupport.statement(sql) == .transaction(word))
        }
    }

    @Test func copy() throws {
        guard case .copy(let c) = try TestSupport.statement("COPY (SELECT 1) TO 'out.parquet' (FORMAT parquet, HEADER true, 'delim' = ';')")
        else { Issue.record("not COPY"); return }
        if case .query = c.source {} else { Issue.record("not a query source") }
        #expect(c.path == "out.parquet" && c.options == ["format": "parquet", "header": "true", "delim": ";"])
        guard case .copy(let t) = try TestSupport.statement("COPY t TO 'x.csv' WITH (FORMAT csv)") else { return }
        if case .table(let n) = t.source { #expect(n.description == "t") }
        #expect(t.options == ["format": "csv"])
    }

    @Test func scriptsAndSpans() throws {
        let sql = "SELECT 1;; SELECT 2 ;\n  INSERT INTO t VALUES (1)"
        let all = try SQLParser.parse(sql)
        #expect(all.count == 3)
        #expect(all.map(\.span) == [SourceSpan(start: 0, end: 8), SourceSpan(start: 11, end: 19), SourceSpan(start: 24, end: 48)])
        #expect(try SQLParser.parse("  -- nothing\n ; ").isEmpty)
    }
}
