import Columnar
import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// A schema-directed JSON reader for one table: it reads only the declared columns a
/// query needs, straight into typed column buffers, and applies the bad-record policy.
///
/// The reader is an immutable description (`Sendable`); every `read` call keeps its own
/// state, so different threads may read different files, or different byte ranges of one
/// file, with the same reader at the same time.
///
/// Output columns: the projected declared columns in projection order, then `_file`
/// (STRING, the `displayPath`) when requested, then `_line` (BIGINT, 1-based line where the
/// record starts) when requested.
public struct JSONReader: Sendable {
    /// The declared table schema.
    public let schema: Schema
    /// Indices into `schema` of the columns to produce.
    public let projection: [Int]
    /// Per produced column, the STRUCT field path read inside it (empty or absent: whole).
    public let fieldPaths: [[Int]]
    /// Whether `_file` is produced.
    public let includeFile: Bool
    /// Whether `_line` is produced.
    public let includeLine: Bool
    /// Read options.
    public let options: JSONReadOptions

    /// Types of the output columns, in order.
    public let outputTypes: [DataType]

    /// Declared names of the fields parsed from JSON (projected, not the corrupt column).
    let neededNames: [String]
    /// Key table of the needed fields.
    let neededTable: JSONFieldTable
    /// Converters of the needed fields.
    let neededConverters: [JSONConverter]
    /// For each projected column: its staging slot, or -1 for the corrupt column. Slots
    /// below `neededNames.count` are the needed fields; the others are fields read inside
    /// STRUCT columns (`leafPlans`).
    let outputSources: [Int]
    /// For each projected column: a path still to follow inside its slot's boxed value
    /// (when a STRUCT is read whole and some of its fields too); usually empty.
    let outputExtracts: [[Int]]
    /// Per needed field: how it is walked when only some of its fields are read (nil: whole).
    let leafPlans: [JSONLeafPlan?]
    /// Converter of every staging slot.
    let slotConverters: [JSONConverter]
    /// The needed-field index of the key filter's column (an integer column), if any.
    let keyFilterSlot: Int?
    /// The key filter's keys (nil: keep all).
    let keyFilterKeys: JSONKeyLookup?
    /// Nested values built by earlier reads, for the next ones.
    let nestedCaches = JSONCachePool<JSONNestedCache>()
    /// STRUCT fields staged by earlier reads, for the next ones (one cache per needed field).
    let leafCaches = JSONCachePool<JSONLeafCache>()

    /// Creates a reader. `projection` lists indices of `schema` (each below
    /// `schema.count`); declared columns not listed are skipped unparsed. When given,
    /// `fieldPaths[k]` (STRUCT field indices; empty: the whole column) makes output column
    /// k the field at that path inside column `projection[k]`, read without building the
    /// STRUCT (see `JSONLeafPlan`). Throws when the corrupt-record column is not a declared
    /// STRING column, a type cannot come from JSON, or a path does not lead through STRUCTs.
    public init(schema: Schema, projection: [Int], fieldPaths: [[Int]] = [], includeFile: Bool = false, includeLine: Bool = false,
                options: JSONReadOptions = JSONReadOptions()) throws(SQLError) {
        self.schema = schema
        self.projection = projection
        self.fieldPaths = fieldPaths
        self.includeFile = includeFile
        self.includeLine = includeLine
        self.options = options
        var corruptIndex = -1
        if let name = options.corruptRecordColumn {
            guard let k = schema.index(of: name), schema.fields[k].type == .string else {
                throw SQLError(.semantic, "corrupt record column \"\(name)\" must be a declared STRING column")
            }
            corruptIndex = k
        }
        let layout = try JSONReadLayout(schema: schema, projection: projection, fieldPaths: fieldPaths, corrupt: corruptIndex)
        var types = layout.types
        if includeFile { types.append(.string) }
        if includeLine { types.append(.int64) }
        outputTypes = types
        neededNames = layout.names
        neededTable = JSONFieldTable(layout.names)
        neededConverters = layout.converters
        outputSources = layout.sources
        outputExtracts = layout.extracts
        leafPlans = layout.plans
        slotConverters = layout.slotConverters
        var slot: Int? = nil
        if let f = options.keyFilter, let u = layout.names.firstIndex(of: f.column), case .integer = layout.converters[u] { slot = u }
        keyFilterSlot = slot
        keyFilterKeys = options.keyFilter?.lookup
    }

    /// The type at `path` inside `type` (stops where the path leaves the STRUCTs).
    static func type(of type: DataType, at path: [Int]) -> DataType {
        var t = type
        for index in path {
            guard case let .struct(fields) = t, index >= 0, index < fields.count else { break }
            t = fields[index].type
        }
        return t
    }

    /// Reads a whole file: newline-delimited JSON, one object, or one array of objects;
    /// `.gz` files are decompressed first. `displayPath` names the file in `_file`, bad
    /// records and errors. I/O failures throw `.io`; bad data throws only in FAILFAST mode.
    public func read(path: String, displayPath: String) throws(SQLError) -> JSONReadResult {
        let file = try JSONFileBytes.load(path: path)
        defer { file.release() }
        return try read(bytes: file.buffer, displayPath: displayPath)
    }

    /// Reads a whole in-memory file (see `read(path:displayPath:)`).
    public func read(bytes: UnsafeRawBufferPointer, displayPath: String) throws(SQLError) -> JSONReadResult {
        try scan(bytes, displayPath: displayPath, range: nil)
    }

    /// Reads the newline-delimited records of `range` of a file (not `.gz`): the records
    /// whose line starts inside the range. A range starting mid-line begins after the next
    /// line feed; the last record may run past `range.upperBound` to its line end. `_line`
    /// numbers are absolute: the line feeds before the range start are counted (a `memchr`
    /// pass over the prefix). Only a range reaching the end of the file can have a
    /// truncated tail.
    public func read(path: String, displayPath: String, range: Range<Int>) throws(SQLError) -> JSONReadResult {
        let file = try JSONFileBytes.load(path: path, allowGzip: false)
        defer { file.release() }
        return try read(bytes: file.buffer, displayPath: displayPath, range: range)
    }

    /// Reads the records of `range` of an in-memory NDJSON file
    /// (see `read(path:displayPath:range:)`).
    public func read(bytes: UnsafeRawBufferPointer, displayPath: String, range: Range<Int>) throws(SQLError) -> JSONReadResult {
        try scan(bytes, displayPath: displayPath, range: range)
    }

    /// Splits a file of `size` bytes into `parts` contiguous byte ranges of similar size,
    /// for `read(path:displayPath:range:)` on several threads (empty ranges omitted).
    public static func byteRanges(size: Int, parts: Int) -> [Range<Int>] {
        let n = max(1, parts)
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1...n {
            let end = k == n ? size : size / n * k
            if end > start { ranges.append(start..<end) }
            start = max(start, end)
        }
        return ranges
    }

    /// True when the file at `path` (not `.gz`) is newline-delimited, as far as its start
    /// tells: its first record is one object that ends on its first line. Only such files
    /// may be read in byte ranges; an array of objects, or one object spanning lines, is
    /// read whole. False when the file cannot be read or its first line is over 64 KiB.
    public static func isLineDelimited(path: String) -> Bool {
        if path.hasSuffix(".gz") { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let size = 1 << 16
        let head = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { head.deallocate() }
        var n = 0
        while n < size {
            let got = pread(fd, head + n, size - n, off_t(n))
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            n += got
        }
        let p = UnsafePointer(head)
        var start = 0
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        let first = JSONBytes.skipSpace(p, start, n)
        guard first < n, p[first] == 0x7B else { return false }
        let nl = JSONBytes.find(0x0A, p, first, n)
        guard nl >= 0 else { return false }
        let end = JSONBytes.skipValue(p, first, nl)
        return end > first && JSONBytes.skipSpace(p, end, nl) == nl
    }

    func scan(_ bytes: UnsafeRawBufferPointer, displayPath: String, range: Range<Int>?) throws(SQLError) -> JSONReadResult {
        try withState(bytes, displayPath: displayPath) { state throws(SQLError) in
            if let range {
                try state.scanRange(range)
            } else {
                try state.scanFile()
            }
        }
    }

    /// Runs `body` on a fresh read state over `bytes` and returns what it produced.
    func withState(_ bytes: UnsafeRawBufferPointer, displayPath: String,
                   _ body: (inout JSONScanState) throws(SQLError) -> Void) throws(SQLError) -> JSONReadResult {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return JSONReadResult()
        }
        let caches = nestedCaches.take(count: max(slotConverters.count, 1)) { _ in JSONNestedCache() }
        let leaves = leafCaches.take(count: max(neededNames.count, 1)) { u in
            let slots = u < leafPlans.count ? leafPlans[u]?.slots ?? [] : []
            let scalar = slots.allSatisfy { Kind.of(slotConverters[$0]).0 < Kind.nested }
            return JSONLeafCache(width: slots.count, enabled: scalar)
        }
        var state = JSONScanState(reader: self, base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count, path: displayPath,
                                  caches: caches, leafCaches: leaves)
        defer { state.release() }
        try body(&state)
        let result = state.finish()
        nestedCaches.give(state.nestedCaches)
        leafCaches.give(state.leafCaches)
        return result
    }
}
