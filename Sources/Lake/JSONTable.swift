import Columnar
import Diagnostics
import Formats
import FoundationEssentials
import Planner
import Synchronization

/// An external table over a folder, file or glob of JSON files with a declared schema
/// (`CREATE TABLE ... USING JSON LOCATION ...`). Files are listed at every scan, so new
/// bronze files are seen as they arrive; a scan's partitions split the files between threads.
package final class JSONTable: TableProvider, ReportsBadRecords, Sendable {
    package let schema: Schema
    let lake: String
    /// The folder, file or glob, as declared.
    package let location: String
    let options: JSONReadOptions
    /// When set, only these files (paths as shown) are read: an incremental refresh.
    let onlyFiles: Set<String>?
    /// The last listing and when it was made: the partitions of one scan (and the planner's
    /// size estimate just before) share one listing, so they read the same files.
    let listing = Mutex<(time: ContinuousClock.Instant, files: FileSet)?>(nil)
    /// Size and modification time of the listed files, asked once per listing.
    let facts = Mutex<[String: (size: Int, mtime: Int)]>([:])
    /// Whether large listed files are newline-delimited (may be read in byte ranges).
    let lineDelimited = Mutex<[String: Bool]>([:])
    /// What the byte ranges of a file read so far found, by range start, until every range
    /// is read: then the file's key range is noted and its key index kept. Keyed by the
    /// file as split (path, key column, size, time), so ranges of a scan given up halfway
    /// only ever join ranges of the same bytes; dropped with the listing.
    let pendingParts = Mutex<[String: [Int: JSONRangeFindings]]>([:])
    /// Bad records met by scans since the session last asked (`takeBadRecordCount`).
    let badSinceReport = Mutex(0)
    /// The table this one restricts: bad records are counted there, for the warning.
    let parent: JSONTable?
    /// Key ranges known before the scan (for skipping files) and noted by it.
    let knownRanges: FileKeyRanges
    let notedRanges = Mutex(FileKeyRanges())
    /// The key filter's keys, for key index lookups.
    let keyLookup: JSONKeyLookup?

    package init(schema: Schema, lake: String, location: String, options: JSONReadOptions, onlyFiles: Set<String>? = nil,
                 parent: JSONTable? = nil, knownRanges: FileKeyRanges = FileKeyRanges()) {
        self.parent = parent
        self.knownRanges = knownRanges
        keyLookup = options.keyFilter?.lookup
        self.schema = schema
        self.lake = lake
        self.location = location
        self.options = options
        self.onlyFiles = onlyFiles
    }

    /// The same table limited to some of its files.
    package func restricted(to files: Set<String>) -> JSONTable {
        JSONTable(schema: schema, lake: lake, location: location, options: options, onlyFiles: onlyFiles.map { $0.intersection(files) } ?? files,
                  parent: parent ?? self)
    }

    /// The same table producing only records whose integer column `column` is one of
    /// `keys` (all records when nil), skipping files whose noted range of that column holds
    /// none; the ranges its scans see are noted (`noted`). Its scans keep a key index of each
    /// newline-delimited file they read whole, and with keys read only the indexed lines
    /// holding them (`JSONKeyIndex`).
    package func keeping(_ keys: Set<Int64>?, of column: Int, ranges: FileKeyRanges = FileKeyRanges()) -> JSONTable {
        var o = options
        o.keyFilter = JSONKeyFilter(column: schema.fields[column].name, keys: keys, notesOffsets: true)
        return JSONTable(schema: schema, lake: lake, location: location, options: o, onlyFiles: onlyFiles, parent: parent ?? self,
                         knownRanges: ranges)
    }

    /// True when the table was made by `keeping`.
    package var hasKeyFilter: Bool { options.keyFilter != nil }

    /// Key ranges noted by the scans of this table and of the tables restricting it.
    package func noted() -> FileKeyRanges { notedRanges.withLock { $0 } }

    /// Reads `OPTIONS (mode 'DROPMALFORMED', columnNameOfCorruptRecord '_corrupt_record')`.
    package static func options(from pairs: [(key: String, value: String)], schema: Schema) throws(SQLError) -> JSONReadOptions {
        var o = JSONReadOptions()
        if schema.index(of: "_corrupt_record") != nil { o.corruptRecordColumn = "_corrupt_record" }
        for (k, v) in pairs {
            switch k.lowercased() {
            case "mode":
                guard let m = JSONReadMode(sparkName: v) else {
                    throw SQLError(.semantic, "unknown JSON mode '\(v)'", notes: ["modes: PERMISSIVE, DROPMALFORMED, FAILFAST"])
                }
                o.mode = m
            case "columnnameofcorruptrecord":
                o.corruptRecordColumn = v
            default:
                continue
            }
        }
        return o
    }

    package var metadataFields: [Field] {
        [Field(name: "_file", type: .string, nullable: false), Field(name: "_line", type: .int64, nullable: false)]
    }

    /// The table whose listing (and file facts) this one shares: tables made by `keeping`
    /// and `restricted` filter the listing of the table they came from.
    var root: JSONTable { parent ?? self }

    /// The files of the table right now.
    package func files() throws(SQLError) -> FileSet {
        var set = try root.listed()
        if let only = onlyFiles { set.files = set.files.filter { only.contains($0.display) } }
        return set
    }

    /// The listing of the location, made at most once every 2 seconds (or since `forgetListing`).
    func listed() throws(SQLError) -> FileSet {
        let now = ContinuousClock.now
        if let cached = listing.withLock({ $0 }), now - cached.time < .seconds(2) { return cached.files }
        let set = try FileSet.resolve(location, lake: lake, extensions: FileSet.jsonExtensions)
        facts.withLock { $0 = [:] }
        lineDelimited.withLock { $0 = [:] }
        listing.withLock { $0 = (now, set) }
        return set
    }

    /// Drops the cached listing (and what is known of its files), so the next scan sees
    /// files that arrived since.
    package func forgetListing() {
        root.listing.withLock { $0 = nil }
        root.facts.withLock { $0 = [:] }
        root.lineDelimited.withLock { $0 = [:] }
        root.pendingParts.withLock { $0 = [:] }
    }

    /// Size and modification time of a listed file: looked at once per listing.
    package func info(_ path: String) -> (size: Int, mtime: Int)? {
        if let known = root.facts.withLock({ $0[path] }) { return known }
        guard let info = FileSystem.info(path) else { return nil }
        // The first answer stands: every caller of this listing sees the same facts.
        return root.facts.withLock { facts in
            if let known = facts[path] { return known }
            facts[path] = info
            return info
        }
    }

    package var estimatedRowCount: Int? {
        // About 250 bytes a record; sizes are looked at only for a few files (many files:
        // unknown, which counts as large).
        guard let set = try? files(), set.files.count <= 1000 else { return nil }
        return set.files.reduce(0) { $0 + (info($1.path)?.size ?? 0) } / 250
    }

    package var supportsPartitionedScan: Bool { true }

    /// Parsing a record costs about as much as 32 rows of work on columns in memory.
    package var rowCost: Int { 32 }

    package func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: 0, of: 1)
    }

    package func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: partition, of: count, filters: [])
    }

    package func scan(projection: [Int], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, fieldPaths: [], partition: partition, of: count, filters: filters)
    }

    /// The JSON reader reads fields inside STRUCT columns without building the STRUCTs.
    package var supportsFieldPaths: Bool { true }

    package func scan(projection: [Int], fieldPaths: [[Int]], partition: Int, of count: Int, filters: [BoundExpr]) throws(SQLError) -> any BatchSource {
        var all = try files().files
        if let filePosition = projection.indices.first(where: { projection[$0] == schema.count && ($0 >= fieldPaths.count || fieldPaths[$0].isEmpty) }) {
            all = FilePruning.keep(all, filters: filters, fileColumn: filePosition)
        }
        if let filter = options.keyFilter, let keys = filter.lookup, !knownRanges.ranges.isEmpty {
            all = all.filter { f in
                guard let size = info(f.path)?.size, let r = knownRanges.range(filter.column, f.display, size: size) else { return true }
                return keys.meets(r)
            }
        }
        return try JSONScan(table: self, files: parts(of: all, partition: partition, of: count), projection: projection, fieldPaths: fieldPaths)
    }

    /// Files at least this large may be read in byte ranges by several threads.
    static let splitMinimum = 1 << 19

    /// What partition `partition` of `count` reads: files are dealt out in turn, except
    /// that a newline-delimited file too large for that to keep the threads evenly busy
    /// (over half a partition's share of the bytes) is split into one byte range per
    /// partition. Lookups of a few keys read whole files (their lines come from indexes).
    func parts(of files: [(path: String, display: String)], partition: Int, of count: Int) -> [JSONFilePart] {
        guard count > 1, keyLookup == nil else {
            return files.indices.filter { $0 % max(count, 1) == partition }.map { JSONFilePart(path: files[$0].path, display: files[$0].display) }
        }
        let facts = files.map { info($0.path) }
        let sizes = facts.map { $0?.size ?? 0 }
        let total = sizes.reduce(0, +)
        var mine: [JSONFilePart] = []
        var whole = 0
        for (i, f) in files.enumerated() {
            if sizes[i] >= JSONTable.splitMinimum, sizes[i] * 2 * count > total, isLineDelimited(f.path) {
                let ranges = JSONReader.byteRanges(size: sizes[i], parts: count)
                if partition < ranges.count {
                    mine.append(JSONFilePart(path: f.path, display: f.display, range: ranges[partition], parts: ranges.count, size: sizes[i],
                                            mtime: facts[i]?.mtime ?? 0))
                }
                continue
            }
            if whole % count == partition { mine.append(JSONFilePart(path: f.path, display: f.display)) }
            whole += 1
        }
        return mine
    }

    /// `JSONReader.isLineDelimited`, asked once per listing.
    func isLineDelimited(_ path: String) -> Bool {
        if let known = root.lineDelimited.withLock({ $0[path] }) { return known }
        let answer = JSONReader.isLineDelimited(path: path)
        root.lineDelimited.withLock { $0[path] = answer }
        return answer
    }

    /// Records what one byte range of a split file found; when it is the last of the
    /// file's ranges to be read, returns what the whole file holds: its key range and,
    /// when every range noted them and none ended in a truncated record, its key offsets.
    func finishPart(_ part: JSONFilePart, _ result: JSONReadResult) -> JSONRangeFindings? {
        guard let range = part.range else { return nil }
        let key = "\(part.path)\u{0}\(options.keyFilter?.column ?? "")\u{0}\(part.size)\u{0}\(part.mtime)"
        return root.pendingParts.withLock { pending -> JSONRangeFindings? in
            var found = pending[key] ?? [:]
            found[range.lowerBound] = JSONRangeFindings(keyRange: result.keyRange,
                                                        offsets: result.truncatedTailBytes == 0 ? result.keyOffsets : nil)
            guard found.count == part.parts else {
                pending[key] = found
                return nil
            }
            pending[key] = nil
            var whole = JSONRangeFindings(keyRange: nil, offsets: JSONKeyOffsets())
            for (_, f) in found.sorted(by: { $0.key < $1.key }) {
                if let r = f.keyRange {
                    whole.keyRange = whole.keyRange.map { min($0.lowerBound, r.lowerBound)...max($0.upperBound, r.upperBound) } ?? r
                }
                if let o = f.offsets {
                    whole.offsets?.keys += o.keys
                    whole.offsets?.starts += o.starts
                    whole.offsets?.lines += o.lines
                } else {
                    whole.offsets = nil
                }
            }
            return whole
        }
    }

    /// Bad records counted since the last call.
    package func takeBadRecordCount() -> Int {
        badSinceReport.withLock { n in
            let v = n
            n = 0
            return v
        }
    }

    package func badRecordsTable() -> (any TableProvider)? { BadRecordsTable(table: self) }
}

/// A file a scan partition reads: whole, or one of `parts` byte ranges of it.
struct JSONFilePart {
    let path: String
    let display: String
    var range: Range<Int>? = nil
    var parts = 1
    /// The file's size and modification time when it was split into ranges.
    var size = 0
    var mtime = 0
}

/// What the byte ranges of a file found: the range of its key column and the offsets of
/// its records by key (nil when some range did not note them).
struct JSONRangeFindings {
    var keyRange: ClosedRange<Int64>?
    var offsets: JSONKeyOffsets?
}

/// Reads a partition's files one after another through the JSON reader.
final class JSONScan: BatchSource {
    let table: JSONTable
    let files: [JSONFilePart]
    let reader: JSONReader
    /// Output column k is reader output `order[k]`.
    let order: [Int]
    var index = 0
    var pending: [Batch] = []
    var withoutOffsets: JSONReader?

    /// A scan of `files` producing `projection`, each column read at its `fieldPaths` entry
    /// (STRUCT field indices; empty or absent: the whole column).
    init(table: JSONTable, files: [JSONFilePart], projection: [Int], fieldPaths: [[Int]] = []) throws(SQLError) {
        self.table = table
        self.files = files
        let width = table.schema.count
        let declared = projection.indices.filter { projection[$0] < width }
        let paths = declared.map { $0 < fieldPaths.count ? fieldPaths[$0] : [] }
        let wantsFile = projection.contains(width)
        let wantsLine = projection.contains(width + 1)
        reader = try JSONReader(schema: table.schema, projection: declared.map { projection[$0] }, fieldPaths: paths,
                                includeFile: wantsFile, includeLine: wantsLine, options: table.options)
        ScanProgress.shared.planned(files: files.count)
        // Reader output j is declared column j, then `_file`, then `_line`.
        order = projection.indices.map { k in
            if let j = declared.firstIndex(of: k) { return j }
            return projection[k] == width ? declared.count : declared.count + (wantsFile ? 1 : 0)
        }
    }

    /// Reads one file: only the lines its key index names for the filter's keys when it
    /// has a valid index, else whole (keeping an index of it when it has none). A byte
    /// range of a file is read as such (its index is kept by `next` once every range is in).
    func read(_ f: JSONFilePart) throws(SQLError) -> (JSONReadResult, info: (size: Int, mtime: Int)?) {
        // The file is looked at afresh (not through the listing's facts): an index must
        // match the file as it is read.
        guard let filter = table.options.keyFilter, let info = FileSystem.info(f.path) else {
            if let range = f.range { return (try reader.read(path: f.path, displayPath: f.display, range: range), nil) }
            return (try reader.read(path: f.path, displayPath: f.display), nil)
        }
        // A compressed file has no lines to seek to: read whole, its key range noted.
        if f.path.hasSuffix(".gz") { return (try reader.read(path: f.path, displayPath: f.display), info) }
        if let range = f.range {
            if filter.notesOffsets, JSONKeyIndex.isKept(lake: table.lake, file: f.path, column: filter.column, size: info.size, mtime: info.mtime) {
                return (try plainReader().read(path: f.path, displayPath: f.display, range: range), info)
            }
            return (try reader.read(path: f.path, displayPath: f.display, range: range), info)
        }
        guard filter.notesOffsets else { return (try reader.read(path: f.path, displayPath: f.display), info) }
        if let keys = table.keyLookup {
            if let index = JSONKeyIndex.load(lake: table.lake, file: f.path, column: filter.column, size: info.size, mtime: info.mtime, for: keys) {
                defer { index.release() }
                let lines = index.lines(for: keys)
                var result = lines.isEmpty ? JSONReadResult() : try plainReader().read(path: f.path, displayPath: f.display, lines: lines)
                result.keyRange = index.range
                return (result, info)
            }
        } else if JSONKeyIndex.isKept(lake: table.lake, file: f.path, column: filter.column, size: info.size, mtime: info.mtime) {
            // Every record is read anyway and the index is there: no offsets to note.
            return (try plainReader().read(path: f.path, displayPath: f.display), info)
        }
        let result = try reader.read(path: f.path, displayPath: f.display)
        if let offsets = result.keyOffsets, result.truncatedTailBytes == 0 {
            JSONKeyIndex.save(offsets, lake: table.lake, file: f.path, column: filter.column, size: info.size, mtime: info.mtime)
        }
        return (result, info)
    }

    /// The reader without offset noting (made on first use).
    func plainReader() throws(SQLError) -> JSONReader {
        if let r = withoutOffsets { return r }
        var options = table.options
        options.keyFilter?.notesOffsets = false
        let r = try JSONReader(schema: reader.schema, projection: reader.projection, fieldPaths: reader.fieldPaths, includeFile: reader.includeFile,
                               includeLine: reader.includeLine, options: options)
        withoutOffsets = r
        return r
    }

    func next() throws(SQLError) -> Batch? {
        while pending.isEmpty {
            guard index < files.count else { return nil }
            let f = files[index]
            index += 1
            let (result, info) = try read(f)
            ScanProgress.shared.finished(bytes: result.bytesRead, rows: result.rowsRead)
            if let filter = table.options.keyFilter, let info {
                if f.range == nil {
                    if let range = result.keyRange {
                        table.root.notedRanges.withLock { $0.note(filter.column, f.display, size: info.size, range) }
                    }
                } else if let whole = table.finishPart(f, result), info.size == f.size, info.mtime == f.mtime {
                    // (ranges split from a size the file no longer has do not cover it)
                    if let range = whole.keyRange {
                        table.root.notedRanges.withLock { $0.note(filter.column, f.display, size: info.size, range) }
                    }
                    if filter.notesOffsets, let offsets = whole.offsets {
                        JSONKeyIndex.save(offsets, lake: table.lake, file: f.path, column: filter.column, size: info.size, mtime: info.mtime)
                    }
                }
            }
            if !result.badRecords.isEmpty {
                let n = result.badRecords.count
                (table.parent ?? table).badSinceReport.withLock { $0 += n }
            }
            pending = result.batches.filter { $0.count > 0 }.reversed()
        }
        guard let b = pending.popLast() else { return nil }
        if order == Array(0..<order.count) && order.count == b.columns.count { return b }
        return Batch(columns: order.map { b.columns[$0] }, count: b.count)
    }
}

/// `bad_records('t')`: every bad record of the table's files, read afresh.
final class BadRecordsTable: TableProvider, Sendable {
    let table: JSONTable
    let schema = Schema([
        Field(name: "file", type: .string), Field(name: "line", type: .int64),
        Field(name: "error", type: .string), Field(name: "raw", type: .string),
    ])

    init(table: JSONTable) { self.table = table }

    var estimatedRowCount: Int? { nil }

    func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        var options = table.options
        options.mode = .dropMalformed
        let reader = try JSONReader(schema: table.schema, projection: Array(0..<table.schema.count), options: options)
        var file = ColumnBuilder(type: .string), line = ColumnBuilder(type: .int64)
        var error = ColumnBuilder(type: .string), raw = ColumnBuilder(type: .string)
        var n = 0
        for f in try table.files().files {
            for r in try reader.read(path: f.path, displayPath: f.display).badRecords {
                file.append(string: r.file)
                line.append(int: Int64(r.line))
                error.append(string: r.message)
                raw.append(string: r.raw)
                n += 1
            }
        }
        let all = [file.finish(), line.finish(), error.finish(), raw.finish()]
        return OneBatch(Batch(columns: projection.map { all[$0] }, count: n))
    }
}

/// A source of exactly one batch.
final class OneBatch: BatchSource {
    var batch: Batch?
    init(_ batch: Batch) { self.batch = batch }
    func next() throws(SQLError) -> Batch? {
        defer { batch = nil }
        return batch
    }
}
