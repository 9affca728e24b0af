import Diagnostics

/// One parsed statement with its span in the text it came from.
public struct ParsedStatement: Sendable, Hashable {
    public var statement: Statement
    /// Span of the statement (without the terminating `;`).
    public var span: SourceSpan

    public init(statement: Statement, span: SourceSpan) {
        self.statement = statement
        self.span = span
    }
}

/// Statement forms.
public indirect enum Statement: Sendable, Hashable {
    case query(Query)
    case createTable(CreateTable)
    case createView(CreateView)
    /// `CREATE SCHEMA [IF NOT EXISTS] name`.
    case createSchema(QualifiedName, ifNotExists: Bool)
    /// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (cols)`: accepted, no effect.
    case createIndex(name: QualifiedName, table: QualifiedName, columns: [Expr], ifNotExists: Bool)
    case insert(Insert)
    case update(Update)
    case delete(Delete)
    case drop(Drop)
    /// `SHOW TABLES [FROM|IN schema] [LIKE 'pattern']`.
    case showTables(schema: Identifier?, like: String?)
    /// `DESCRIBE t` / `DESC t` / `SHOW COLUMNS FROM t`; DESCRIBE of a query is `.describeQuery`.
    case describe(QualifiedName)
    /// `DESCRIBE SELECT ...`.
    case describeQuery(Query)
    /// `SHOW CREATE TABLE|VIEW name`.
    case showCreate(QualifiedName)
    /// `EXPLAIN [ANALYZE] [VERBOSE] statement`.
    case explain(Statement, analyze: Bool, verbose: Bool)
    /// `REFRESH MATERIALIZED VIEW name [FULL]`.
    case refresh(QualifiedName, full: Bool)
    /// `COPY (query) TO 'file' [(FORMAT x, ...)]` or `COPY table TO ...`.
    case copy(Copy)
    /// `SET name = value` / `SET name TO value`.
    case set(name: Identifier, value: Expr)
    /// `BEGIN`, `COMMIT`, `ROLLBACK`: accepted, no effect (each statement commits).
    case transaction(String)
}

/// A column definition in CREATE TABLE.
public struct ColumnDef: Sendable, Hashable {
    public var name: Identifier
    public var type: TypeName
    public var notNull: Bool
    public var primaryKey: Bool
    public var unique: Bool
    public var defaultValue: Expr?
    public var comment: String?

    public init(name: Identifier, type: TypeName, notNull: Bool = false, primaryKey: Bool = false, unique: Bool = false, defaultValue: Expr? = nil, comment: String? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.primaryKey = primaryKey
        self.unique = unique
        self.defaultValue = defaultValue
        self.comment = comment
    }
}

/// `CREATE [OR REPLACE] [TEMP] [EXTERNAL] TABLE [IF NOT EXISTS] name (cols) | AS query
///  [USING fmt | STORED AS fmt] [OPTIONS (k 'v', ...)] [LOCATION 'path'] [PARTITIONED BY (...)]`.
public struct CreateTable: Sendable, Hashable {
    public var name: QualifiedName
    public var columns: [ColumnDef]
    /// Table-level `PRIMARY KEY (a, b)` / `UNIQUE (...)` constraints: their column names.
    public var primaryKey: [Identifier]
    public var asQuery: Query?
    public var orReplace: Bool
    public var ifNotExists: Bool
    public var temporary: Bool
    public var external: Bool
    /// `USING JSON` / `STORED AS PARQUET`: upper-cased format name.
    public var format: String?
    /// `OPTIONS (key 'value', ...)` / `OPTIONS ('key' = 'value')`: keys lower-cased.
    public var options: [(key: String, value: String)]
    public var location: String?
    public var comment: String?
    /// `PARTITIONED BY (a, b)`: partition column names.
    public var partitionedBy: [Identifier] = []
    /// Table-level `UNIQUE (a, b)` constraints (accepted, not enforced).
    public var uniqueKeys: [[Identifier]] = []
    public var span: SourceSpan

    public init(name: QualifiedName, columns: [ColumnDef] = [], primaryKey: [Identifier] = [], asQuery: Query? = nil, orReplace: Bool = false, ifNotExists: Bool = false, temporary: Bool = false, external: Bool = false, format: String? = nil, options: [(key: String, value: String)] = [], location: String? = nil, comment: String? = nil, span: SourceSpan) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.asQuery = asQuery
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.temporary = temporary
        self.external = external
        self.format = format
        self.options = options
        self.location = location
        self.comment = comment
        self.span = span
    }

    public static func == (a: CreateTable, b: CreateTable) -> Bool {
        a.name == b.name && a.columns == b.columns && a.primaryKey == b.primaryKey && a.asQuery == b.asQuery
            && a.orReplace == b.orReplace && a.ifNotExists == b.ifNotExists && a.temporary == b.temporary
            && a.external == b.external && a.format == b.format && a.location == b.location && a.comment == b.comment
            && a.partitionedBy == b.partitionedBy && a.uniqueKeys == b.uniqueKeys
            && a.options.map(\.key) == b.options.map(\.key) && a.options.map(\.value) == b.options.map(\.value)
    }

    public func hash(into h: inout Hasher) {
        h.combine(name); h.combine(columns); h.combine(asQuery); h.combine(location)
    }
}

/// `CREATE [OR REPLACE] [TEMP] [MATERIALIZED] VIEW [IF NOT EXISTS] name [(cols)] AS query`.
public struct CreateView: Sendable, Hashable {
    public var name: QualifiedName
    public var columns: [Identifier]
    public var query: Query
    public var orReplace: Bool
    public var ifNotExists: Bool
    public var temporary: Bool
    public var materialized: Bool
    /// The text of the query as written (for the catalog and SHOW CREATE).
    public var queryText: String
    public var span: SourceSpan

    public init(name: QualifiedName, columns: [Identifier] = [], query: Query, orReplace: Bool = false, ifNotExists: Bool = false, temporary: Bool = false, materialized: Bool = false, queryText: String, span: SourceSpan) {
        self.name = name
        self.columns = columns
        self.query = query
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.temporary = temporary
        self.materialized = materialized
        self.queryText = queryText
        self.span = span
    }
}

/// `INSERT [OR REPLACE|OR IGNORE] INTO t [(cols)] query`, `REPLACE INTO ...`, `INSERT OVERWRITE [TABLE] t query`.
public struct Insert: Sendable, Hashable {
    public enum Conflict: String, Sendable, Hashable { case abort, replace, ignore }
    public var table: QualifiedName
    public var columns: [Identifier]
    /// The rows: `VALUES` is a `Query` whose body is `.values`.
    public var source: Query
    public var onConflict: Conflict
    public var overwrite: Bool
    public var span: SourceSpan

    public init(table: QualifiedName, columns: [Identifier] = [], source: Query, onConflict: Conflict = .abort, overwrite: Bool = false, span: SourceSpan) {
        self.table = table
        self.columns = columns
        self.source = source
        self.onConflict = onConflict
        self.overwrite = overwrite
        self.span = span
    }
}

/// `UPDATE t [AS a] SET c = e, ... [WHERE cond]`.
public struct Update: Sendable, Hashable {
    public var table: QualifiedName
    public var alias: Identifier?
    public var assignments: [Assignment]
    public var whereClause: Expr?
    public var span: SourceSpan

    public init(table: QualifiedName, alias: Identifier? = nil, assignments: [Assignment], whereClause: Expr? = nil, span: SourceSpan) {
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.whereClause = whereClause
        self.span = span
    }
}

/// `column = value` in UPDATE.
public struct Assignment: Sendable, Hashable {
    public var column: Identifier
    public var value: Expr
    public init(column: Identifier, value: Expr) {
        self.column = column
        self.value = value
    }
}

/// `DELETE FROM t [AS a] [WHERE cond]`.
public struct Delete: Sendable, Hashable {
    public var table: QualifiedName
    public var alias: Identifier?
    public var whereClause: Expr?
    public var span: SourceSpan

    public init(table: QualifiedName, alias: Identifier? = nil, whereClause: Expr? = nil, span: SourceSpan) {
        self.table = table
        self.alias = alias
        self.whereClause = whereClause
        self.span = span
    }
}

/// `DROP TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|INDEX [IF EXISTS] name, ... [CASCADE]`.
public struct Drop: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case table = "TABLE", view = "VIEW", materializedView = "MATERIALIZED VIEW", schema = "SCHEMA", index = "INDEX"
    }
    public var kind: Kind
    public var names: [QualifiedName]
    public var ifExists: Bool
    public var cascade: Bool
    public var span: SourceSpan

    public init(kind: Kind, names: [QualifiedName], ifExists: Bool = false, cascade: Bool = false, span: SourceSpan) {
        self.kind = kind
        self.names = names
        self.ifExists = ifExists
        self.cascade = cascade
        self.span = span
    }
}

/// `COPY (query) TO 'path' [(FORMAT csv, HEADER true, ...)]` or `COPY table TO ...`.
public struct Copy: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case query(Query)
        case table(QualifiedName)
    }
    public var source: Source
    public var path: String
    /// Options with lower-cased keys; values as written (unquoted).
    public var options: [String: String]
    public var span: SourceSpan

    public init(source: Source, path: String, options: [String: String] = [:], span: SourceSpan) {
        self.source = source
        self.path = path
        self.options = options
        self.span = span
    }
}
