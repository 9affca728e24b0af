import Columnar
import Diagnostics
import Formats
import FoundationEssentials
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// How a managed table stores its rows in files (Parquet in the lake).
package protocol DataFileFormat: Sendable {
    /// File name extension, without the dot.
    var fileExtension: String { get }
    /// Writes the rows to a new file at `path`, durably (fsync) when `sync`; returns its
    /// size in bytes.
    func write(_ batches: [Batch], schema: Schema, to path: String, sync: Bool) throws(SQLError) -> Int
    /// Reads the columns at `projection` of the file at `path`.
    func read(_ path: String, schema: Schema, projection: [Int]) throws(SQLError) -> [Batch]
    /// Reads part `part` of `parts` disjoint parts of the file at `path` (Parquet: every
    /// `parts`-th row group), so threads can share one large file.
    func read(_ path: String, schema: Schema, projection: [Int], part: Int, of parts: Int) throws(SQLError) -> [Batch]
    /// A writer of a new file at `path`, taking rows a batch at a time.
    func openWriter(schema: Schema, to path: String) throws(SQLError) -> any DataFileWriter
}

extension DataFileFormat {
    /// Writes the rows durably (fsync) to a new file at `path`; returns its size in bytes.
    package func write(_ batches: [Batch], schema: Schema, to path: String) throws(SQLError) -> Int {
        try write(batches, schema: schema, to: path, sync: true)
    }

    /// Formats that cannot split a file: part 0 is the whole file, the others are empty.
    package func read(_ path: String, schema: Schema, projection: [Int], part: Int, of parts: Int) throws(SQLError) -> [Batch] {
        part == 0 ? try read(path, schema: schema, projection: projection) : []
    }
}

/// A data file being written a batch at a time.
package protocol DataFileWriter: AnyObject {
    /// Adds rows.
    func write(_ batch: Batch) throws(SQLError)
    /// Completes the file, durably (fsync) when `sync`; returns its size in bytes.
    func finish(sync: Bool) throws(SQLError) -> Int
}

extension DataFileFormat {
    /// A writer of a new file at `path` (formats that cannot stream write every row at the end).
    package func openWriter(schema: Schema, to path: String) throws(SQLError) -> any DataFileWriter {
        BufferedDataFileWriter(format: self, schema: schema, path: path)
    }
}

/// Keeps the batches and writes them all at `finish`.
final class BufferedDataFileWriter: DataFileWriter {
    let format: any DataFileFormat
    let schema: Schema
    let path: String
    var batches: [Batch] = []

    init(format: any DataFileFormat, schema: Schema, path: String) {
        self.format = format
        self.schema = schema
        self.path = path
    }

    func write(_ batch: Batch) throws(SQLError) { batches.append(batch) }
    func finish(sync: Bool) throws(SQLError) -> Int { try format.write(batches, schema: schema, to: path, sync: sync) }
}

/// A table whose rows can be replaced or appended to (in memory, or files plus a commit log).
package protocol WritableTable: TableProvider {
    /// Column positions of PRIMARY KEY / UNIQUE constraints.
    var uniqueKeys: [[Int]] { get }
    /// Every row, as of now.
    func readAll() throws(SQLError) -> [Batch]
    /// Replaces every row in one atomic step.
    func replace(_ batches: [Batch], operation: String) throws(SQLError)
    /// Adds rows in one atomic step.
    func append(_ batches: [Batch], operation: String) throws(SQLError)
}

/// A table stored under the lake as data files plus a commit log. Every write is one
/// commit; a reader (or a crash at any moment) sees the previous version or the new one.
package final class ManagedTable: WritableTable, @unchecked Sendable {
    /// `v` in decimal, zero-padded to 8 digits (data file names sort by version).
    static func padded(_ v: Int) -> String {
        let text = String(v)
        return String(repeating: "0", count: max(0, 8 - text.count)) + text
    }

    package let schema: Schema
    package let uniqueKeys: [[Int]]
    let log: CommitLog
    let format: any DataFileFormat

    /// Opens (or prepares) the table in folder `root`.
    package init(root: String, schema: Schema, uniqueKeys: [[Int]] = [], format: any DataFileFormat) {
        self.schema = schema
        self.uniqueKeys = uniqueKeys
        self.log = CommitLog(root: root)
        self.format = format
    }

    package var root: String { log.root }

    /// The newest commit (nil: no rows were ever written).
    package func snapshot() throws(SQLError) -> Commit? { try log.latest() }

    package var estimatedRowCount: Int? { (try? snapshot())?.rowCount ?? 0 }

    package func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: 0, of: 1)
    }

    package func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        try scan(files: try snapshot()?.files ?? [], projection: projection, partition: partition, of: count)
    }

    /// A scan of some of the table's data files (partition `partition` of `count`).
    func scan(files: [DataFile], projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        // Large files are shared by every partition (each reads its part); the others go
        // whole to one partition each, in turn.
        var units: [FileScan.Unit] = []
        var next = 0
        for f in files {
            if count > 1 && f.rows >= FileScan.splitRows {
                units.append(FileScan.Unit(file: f, part: partition, of: count))
            } else {
                if next % count == partition { units.append(FileScan.Unit(file: f, part: 0, of: 1)) }
                next += 1
            }
        }
        return FileScan(table: self, units: units, projection: projection)
    }

    package var supportsPartitionedScan: Bool { true }

    package func readAll() throws(SQLError) -> [Batch] {
        let source = try scan(projection: Array(0..<schema.count))
        var out: [Batch] = []
        while let b = try source.next() { out.append(b) }
        return out
    }

    /// Writes the batches as one new data file (none when there are no rows).
    func writeFile(_ batches: [Batch], version: Int) throws(SQLError) -> [DataFile] {
        let rows = batches.reduce(0) { $0 + $1.count }
        if rows == 0 { return [] }
        try FileSystem.makeDirectory(root)
        let name = "part-\(ManagedTable.padded(version))-\(UInt64.random(in: 0...UInt64.max)).\(format.fileExtension)"
        let tmp = PathText.join(root, FileSystem.temporaryName("." + format.fileExtension))
        let final = PathText.join(root, name)
        let bytes = try format.write(batches, schema: schema, to: tmp, sync: false)
        guard rename(tmp, final) == 0 else {
            let e = FileSystem.ioError("cannot rename \(tmp)")
            unlink(tmp)
            throw e
        }
        return [DataFile(path: name, rows: rows, bytes: bytes)]
    }

    func locked<T>(_ body: () throws(SQLError) -> T) throws(SQLError) -> T {
        try FileSystem.makeDirectory(root)
        let lock = try FileLock(PathText.join(root, "_lock"))
        defer { withExtendedLifetime(lock) {} }
        log.clean()
        return try body()
    }

    package func replace(_ batches: [Batch], operation: String) throws(SQLError) {
        try replaceCommit(batches, operation: operation, properties: [:])
    }

    package func append(_ batches: [Batch], operation: String) throws(SQLError) {
        try appendCommit(batches, operation: operation, properties: [:])
    }

    /// Replaces every row, recording `properties` in the commit.
    package func replaceCommit(_ batches: [Batch], operation: String, properties: [String: String]) throws(SQLError) {
        try commit(keeping: [], adding: batches, operation: operation, properties: properties)
    }

    /// Adds rows, recording `properties` in the commit.
    package func appendCommit(_ batches: [Batch], operation: String, properties: [String: String]) throws(SQLError) {
        try locked { () throws(SQLError) in
            let previous = try snapshot()?.files ?? []
            let next = (log.versions().last ?? 0) + 1
            let files = try writeFile(batches, version: next)
            _ = try log.commit(files: previous + files, operation: operation, properties: properties, flushing: paths(files))
        }
    }

    /// Replaces every row with those `produce` hands to its sink, written to the new data
    /// file as they come (the query computing them runs meanwhile); the commit records
    /// `properties()`, asked once every row is written. Returns the row count.
    @discardableResult
    package func replaceCommit(operation: String, properties: () -> [String: String],
                               rows produce: ((Batch) throws(SQLError) -> Void) throws(SQLError) -> Void) throws(SQLError) -> Int {
        try locked { () throws(SQLError) -> Int in
            let next = (log.versions().last ?? 0) + 1
            let name = "part-\(ManagedTable.padded(next))-\(UInt64.random(in: 0...UInt64.max)).\(format.fileExtension)"
            let tmp = PathText.join(root, FileSystem.temporaryName("." + format.fileExtension))
            let final = PathText.join(root, name)
            var rows = 0
            var files: [DataFile] = []
            do throws(SQLError) {
                let writer = try format.openWriter(schema: schema, to: tmp)
                try produce { b throws(SQLError) in
                    rows += b.count
                    try writer.write(b)
                }
                if rows > 0 {
                    let bytes = try writer.finish(sync: false)
                    guard rename(tmp, final) == 0 else { throw FileSystem.ioError("cannot rename \(tmp)") }
                    files = [DataFile(path: name, rows: rows, bytes: bytes)]
                }
            } catch {
                unlink(tmp)
                throw error
            }
            _ = try log.commit(files: files, operation: operation, properties: properties(), flushing: paths(files))
            return rows
        }
    }

    /// Makes `keep` (files of this table) plus a new file of `batches` the table's rows;
    /// returns that file list. Files not kept leave the table.
    @discardableResult
    package func commit(keeping keep: [DataFile], adding batches: [Batch], operation: String, properties: [String: String]) throws(SQLError) -> [DataFile] {
        try commit(keeping: keep, addingFiles: [{ batches }], operation: operation, properties: properties)
    }

    /// Makes `keep` plus one new file per element of `parts` (each gives the rows of its
    /// file) the table's rows, in one commit; the files are made and written at once, each
    /// on a thread of its own. Returns the new file list.
    @discardableResult
    package func commit(keeping keep: [DataFile], addingFiles parts: [() -> [Batch]], operation: String, properties: [String: String]) throws(SQLError) -> [DataFile] {
        try locked { () throws(SQLError) -> [DataFile] in
            let next = (log.versions().last ?? 0) + 1
            let written = try writeFiles(parts[...], version: next)
            let files = keep + written
            _ = try log.commit(files: files, operation: operation, properties: properties, flushing: paths(written))
            return files
        }
    }

    /// Where the table's files `files` are.
    func paths(_ files: [DataFile]) -> [String] { files.map { PathText.join(root, $0.path) } }

    /// Writes a file per part (none for a part without rows), the first on this thread and
    /// the others alongside; their files in the parts' order.
    func writeFiles(_ parts: ArraySlice<() -> [Batch]>, version: Int) throws(SQLError) -> [DataFile] {
        guard let first = parts.first else { return [] }
        if parts.count == 1 { return try writeFile(first(), version: version) }
        var rest: [DataFile] = []
        let head = try Alongside.run({ () throws(SQLError) in rest = try self.writeFiles(parts.dropFirst(), version: version) },
                                     { () throws(SQLError) -> [DataFile] in try writeFile(first(), version: version) })
        return head + rest
    }

    /// Makes the first (empty) version, so the table exists on disk.
    package func create() throws(SQLError) {
        try locked { () throws(SQLError) in
            if log.versions().isEmpty { _ = try log.commit(files: [], operation: "CREATE") }
        }
    }
}

/// Streams a table's data files (or parts of them) one at a time.
final class FileScan: BatchSource {
    /// Part `part` of `of` parts of one data file.
    struct Unit {
        let file: DataFile
        let part: Int
        let of: Int
    }

    /// Files of at least this many rows are split across partitions (two row groups of
    /// the default Parquet writer).
    static let splitRows = 245_760

    let table: ManagedTable
    let units: [Unit]
    let projection: [Int]
    var index = 0
    var pending: [Batch] = []

    init(table: ManagedTable, units: [Unit], projection: [Int]) {
        self.table = table
        self.units = units
        self.projection = projection
    }

    func next() throws(SQLError) -> Batch? {
        while pending.isEmpty {
            guard index < units.count else { return nil }
            let unit = units[index]
            let path = PathText.join(table.root, unit.file.path)
            index += 1
            pending = try table.format.read(path, schema: table.schema, projection: projection, part: unit.part, of: unit.of).reversed()
        }
        return pending.popLast()
    }
}
