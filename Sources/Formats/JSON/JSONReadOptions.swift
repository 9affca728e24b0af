/// How the JSON reader treats records it cannot read (Spark's `mode` option).
public enum JSONReadMode: String, Sendable, Hashable, CaseIterable {
    /// A bad record becomes a row of NULLs (its raw text goes to the corrupt-record column
    /// when one is declared); it is also listed in `JSONReadResult.badRecords`.
    case permissive
    /// A bad record is left out of the output; it is still listed in `badRecords`.
    case dropMalformed
    /// The first bad record stops the read with a `.data` error naming file and line.
    case failFast

    /// Parses Spark's spelling (`PERMISSIVE`, `DROPMALFORMED`, `FAILFAST`), case-insensitively.
    public init?(sparkName: String) {
        switch sparkName.lowercased() {
        case "permissive": self = .permissive
        case "dropmalformed": self = .dropMalformed
        case "failfast": self = .failFast
        default: return nil
        }
    }
}

/// Options of a JSON read, fixed for a whole table scan.
public struct JSONReadOptions: Sendable, Hashable {
    /// Bad-record policy.
    public var mode: JSONReadMode
    /// Name of a declared STRING column that receives the raw text of a bad record in
    /// PERMISSIVE mode (Spark's `columnNameOfCorruptRecord`, usually `_corrupt_record`).
    /// That column is never read from the JSON itself.
    public var corruptRecordColumn: String?
    /// Rows per produced batch (a scan makes batches of at most 2^20 rows).
    public var batchSize: Int
    /// When set, only records whose integer column `column` holds one of `keys` become
    /// rows; the others are passed over before their other fields are converted (the probe
    /// side of a join against a few keys). A record whose key cannot be read is read as usual.
    /// With `keys` nil every record is kept; either way the result's `keyRange` tells the
    /// smallest and largest key read.
    public var keyFilter: JSONKeyFilter?

    /// Creates options; the defaults are PERMISSIVE, no corrupt-record column, 8192 rows.
    public init(mode: JSONReadMode = .permissive, corruptRecordColumn: String? = nil, batchSize: Int = 8192) {
        self.mode = mode
        self.corruptRecordColumn = corruptRecordColumn
        self.batchSize = max(1, batchSize)
    }
}

/// Keys a read keeps (see `JSONReadOptions.keyFilter`).
public struct JSONKeyFilter: Sendable, Hashable {
    /// Declared name of an integer column.
    public var column: String
    /// The values kept (nil: all, only `keyRange` is noted).
    public let keys: Set<Int64>?
    /// Whether the result also tells where each record whose key was read starts
    /// (`JSONReadResult.keyOffsets`), to build a key index of the file.
    public var notesOffsets: Bool
    /// `keys` ready for membership tests (built once, shared by every reader of the filter).
    package let lookup: JSONKeyLookup?

    /// Creates a filter.
    public init(column: String, keys: Set<Int64>?, notesOffsets: Bool = false) {
        self.column = column
        self.keys = keys
        self.notesOffsets = notesOffsets
        lookup = keys.map(JSONKeyLookup.init)
    }

    public static func == (a: JSONKeyFilter, b: JSONKeyFilter) -> Bool {
        a.column == b.column && a.notesOffsets == b.notesOffsets && a.keys == b.keys
    }

    public func hash(into h: inout Hasher) {
        h.combine(column)
        h.combine(notesOffsets)
        h.combine(keys)
    }
}
