import Columnar
import Diagnostics
import Execution
import Formats
import FoundationEssentials
import Lake
import Planner
import SQLSyntax

/// A connection to a lake: runs SQL statements one after another.
/// The one API the CLI and the tests use.
public final class Session {
    let catalog: SessionCatalog
    /// The lake folder, when there is one.
    public let lake: String?
    /// Set from a signal handler to stop the running statement.
    public let cancellation = CancellationFlag()
    /// Warnings of the last statement, one line each (bad records met by scans).
    public internal(set) var lastStatementMessages: [String] = []

    /// How managed tables store their rows in the lake.
    var managedFormat: (any DataFileFormat)? = nil
    /// Set until the lake's catalog has been read once.
    var catalogLoaded = false

    /// Creates a session. `lake` is the lake folder (nil: in-memory only); it is created
    /// when missing, and its catalog is read.
    public init(lake: String? = nil) throws(SQLError) {
        if let lake {
            let root = PathText.standardized(lake)
            if FileSystem.exists(root).exists && !FileSystem.exists(root).isDirectory {
                throw SQLError(.io, "lake \(root) is a file, not a folder")
            }
            try FileSystem.makeDirectory(root)
            self.lake = root
            catalog = SessionCatalog(store: CatalogStore(lake: root))
        } else {
            self.lake = nil
            catalog = SessionCatalog(store: nil)
        }
        registerFormats()
        reloadCatalogIfChanged()
    }

    /// Installs the file formats this build knows.
    func registerFormats() {
        managedFormat = ParquetDataFormat()
    }

    /// Runs one statement (a trailing `;` is allowed). Errors carry spans into `sql`.
    public func execute(_ sql: String) throws(SQLError) -> StatementResult {
        let parsed = try SQLParser.parse(sql)
        guard !parsed.isEmpty else { throw SQLError(.syntax, "empty statement") }
        guard parsed.count == 1 else {
            throw SQLError(.syntax, "expected one statement, found \(parsed.count)", span: parsed[1].span)
        }
        cancellation.reset()
        ScanProgress.shared.reset()
        lastStatementMessages = []
        reloadCatalogIfChanged()
        forgetFileListings()
        defer { collectScanMessages() }
        return try run(parsed[0].statement, sql: sql)
    }

    /// Runs every statement of `sql` in order and returns their results; stops at the first error.
    public func executeScript(_ sql: String) throws(SQLError) -> [StatementResult] {
        var results: [StatementResult] = []
        for piece in Script.split(sql) {
            do {
                results.append(try execute(piece.text))
            } catch {
                throw error.shifted(by: piece.offset)
            }
        }
        return results
    }

    /// Facts of this statement for functions such as now().
    func functionContext() -> FunctionContext {
        let micros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        return FunctionContext(statementTime: micros)
    }

    func binder(_ sql: String, _ fc: FunctionContext) -> Binder {
        Binder(catalog: catalog, sql: sql, context: fc)
    }

    /// Binds and optimizes a query.
    func plan(_ query: Query, sql: String, _ fc: FunctionContext) throws(SQLError) -> LogicalPlan {
        let plan = try binder(sql, fc).bindQuery(query)
        return try Optimizer.default.optimize(plan, context: fc)
    }

    /// Runs a query to completion; `ordered: false` when its rows are stored, not shown,
    /// so the order of rows without ORDER BY may follow the threads that made them.
    func runQuery(_ query: Query, sql: String, ordered: Bool = true) throws(SQLError) -> ResultSet {
        let fc = functionContext()
        let p = try plan(query, sql: sql, fc)
        let context = ExecutionContext(functionContext: fc, cancellation: cancellation)
        let batches = try Executor.collect(p, context: context, ordered: ordered)
        return ResultSet(schema: p.schema, batches: batches)
    }

    func run(_ statement: Statement, sql: String) throws(SQLError) -> StatementResult {
        switch statement {
        case let .query(q):
            return .rows(try runQuery(q, sql: sql))
        case let .createTable(ct):
            return try createTable(ct, sql: sql)
        case let .createView(cv):
            return try createView(cv, sql: sql)
        case let .createSchema(name, ifNotExists):
            let s = name.last.normalized
            if catalog.schemas[s] != nil {
                if ifNotExists { return .status("CREATE SCHEMA") }
                throw SQLError(.semantic, "schema \"\(name.description)\" already exists", span: name.span)
            }
            catalog.schemas[s] = [:]
            try catalog.store?.saveSchema(s)
            return .status("CREATE SCHEMA")
        case let .createIndex(name, table, _, ifNotExists):
            guard try catalog.object(table.parts.map(\.normalized)) != nil else {
                throw SQLError(.name, "table \"\(table.description)\" does not exist", span: table.span)
            }
            let key = name.last.normalized
            if catalog.indexes[key] != nil {
                if ifNotExists { return .status("CREATE INDEX") }
                throw SQLError(.semantic, "index \"\(name.description)\" already exists", span: name.span)
            }
            catalog.indexes[key] = try catalog.split(table.parts.map(\.normalized))
            return .status("CREATE INDEX")
        case let .insert(ins):
            return try insert(ins, sql: sql)
        case let .update(u):
            return try update(u, sql: sql)
        case let .delete(d):
            return try delete(d, sql: sql)
        case let .drop(d):
            return try drop(d)
        case let .showTables(schema, like):
            return .rows(showTables(schema: schema?.normalized, like: like))
        case let .describe(name):
            return .rows(try describe(name))
        case let .describeQuery(q):
            let fc = functionContext()
            return .rows(describeSchema(try plan(q, sql: sql, fc).schema))
        case let .showCreate(name):
            return .rows(try showCreate(name))
        case let .explain(inner, analyze, _):
            return .rows(try explain(inner, analyze: analyze, sql: sql))
        case let .refresh(name, full):
            return .status(try refresh(name.parts.map(\.normalized), display: name.description, full: full).status)
        case let .copy(c):
            return try copy(c, sql: sql)
        case .set:
            return .status("SET")
        case let .transaction(word):
            return .status(word.uppercased())
        }
    }
}
