import Columnar
import Diagnostics

/// A stream of batches: what a scan hands the executor.
public protocol BatchSource: AnyObject {
    /// The next batch, or nil at the end.
    func next() throws(SQLError) -> Batch?
}

/// Something that can be scanned as a table: in-memory tables, JSON folders, Parquet files.
/// Implemented outside the planner (Engine, Lake); the plan only holds a reference.
public protocol TableProvider: AnyObject, Sendable {
    /// The table's columns.
    var schema: Schema { get }
    /// Rows the table holds, when cheaply known (used to pick hash-join build sides).
    var estimatedRowCount: Int? { get }
    /// Opens a scan producing only the columns at `projection` (in that order).
    func scan(projection: [Int]) throws(SQLError) -> any BatchSource
    /// Opens partition `partition` of `count` disjoint scans that together produce every row
    /// once (parallel execution runs one per core). Row order across partitions is not kept.
    func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource
    /// Like `scan(projection:partition:of:)`, told the conjuncts the scan will apply to its
    /// output (over the projected columns), so a provider can skip whole files they rule
    /// out. The caller still applies every filter to what comes back.
    func scan(projection: [Int], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource
    /// True when partitioned scans split the work (false: partition 0 does it all).
    var supportsPartitionedScan: Bool { get }
    /// About how many rows of simple in-memory work producing one row costs (1 for rows
    /// already in memory; more for rows parsed from text): the executor splits a scan
    /// between threads when rows times this is large enough to be worth it.
    var rowCost: Int { get }
    /// True when the provider reads fields inside STRUCT columns itself, cheaper than
    /// building the STRUCT values (the optimizer then folds field reads into the scan).
    var supportsFieldPaths: Bool { get }
    /// Like `scan(projection:partition:of:filters:)`, where produced column k is the field
    /// at `fieldPaths[k]` (STRUCT field indices, empty: the whole column) inside table
    /// column `projection[k]`; `filters` are over these produced columns.
    func scan(projection: [Int], fieldPaths: [[Int]], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource
    /// Columns a scan can produce besides the table's own (`_file`, `_line`): hidden from
    /// `*`, produced only when a query names them. In a projection, index
    /// `schema.count + k` asks for metadata column k.
    var metadataFields: [Field] { get }
    /// The table of bad records met reading this table (`bad_records('name')`), if it keeps one.
    func badRecordsTable() -> (any TableProvider)?
}

extension TableProvider {
    /// By default the whole table is partition 0.
    public func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        if partition == 0 { return try scan(projection: projection) }
        return EmptyBatchSource()
    }

    public var supportsPartitionedScan: Bool { false }

    public var rowCost: Int { 1 }

    public func scan(projection: [Int], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: partition, of: count)
    }

    public var metadataFields: [Field] { [] }

    public var supportsFieldPaths: Bool { false }

    /// By default the whole columns are scanned and the fields taken out of their values.
    public func scan(projection: [Int], fieldPaths: [[Int]], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource {
        var columns: [Int] = []
        var outputs: [(column: Int, path: [Int])] = []
        for (k, c) in projection.enumerated() {
            let at = columns.firstIndex(of: c) ?? columns.count
            if at == columns.count { columns.append(c) }
            outputs.append((at, k < fieldPaths.count ? fieldPaths[k] : []))
        }
        let source = try scan(projection: columns, partition: partition, of: count, filters: [])
        return FieldPathSource(source, outputs: outputs)
    }

    public func badRecordsTable() -> (any TableProvider)? { nil }

    /// Declared columns followed by metadata columns.
    public var scanFields: [Field] { schema.fields + metadataFields }
}

/// A source without rows.
public final class EmptyBatchSource: BatchSource {
    /// Creates an empty source.
    public init() {}
    public func next() throws(SQLError) -> Batch? { nil }
}

/// A table as the plan refers to it.
public struct TableHandle: Sendable {
    /// Qualified name, for EXPLAIN and errors.
    public var name: String
    /// What produces its rows.
    public var provider: any TableProvider

    /// Creates a handle.
    public init(name: String, provider: any TableProvider) {
        self.name = name
        self.provider = provider
    }
}
