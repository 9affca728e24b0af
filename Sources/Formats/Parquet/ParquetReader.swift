import Columnar
import Diagnostics

/// Reads a Parquet file: its schema mapped to LakeSQL types, row group sizes and
/// statistics, and projections of columns as one `Batch` per row group.
///
/// Supported: PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE booleans, DELTA_BINARY_PACKED,
/// DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT; DataPage v1 and v2;
/// UNCOMPRESSED, SNAPPY and GZIP. Other codecs (ZSTD, LZ4, ...) and types without a
/// LakeSQL counterpart (MAP, TIME, unsigned 64-bit) are `.unsupported` errors naming the
/// column. A damaged file is a `.data` error "<name>: bad parquet file: ...".
public struct ParquetReader: Sendable {
    /// Name used in messages (the path, or the name given for bytes).
    public let name: String
    /// The file's columns as LakeSQL fields.
    public let schema: Schema
    /// The `created_by` string of the writer, if any.
    public let createdBy: String?
    /// Key/value metadata of the footer.
    public let keyValueMetadata: [String: String]

    /// The whole file when read from bytes; empty when read from `path`.
    private let bytes: [UInt8]
    /// The file whose column chunks are read on demand (nil: everything is in `bytes`).
    private let path: String?
    private let fileSize: Int
    private let metadata: ParquetFileMetaData
    private let layout: ParquetReadSchema

    /// Opens the file at `path`: its footer is read now, the column chunks a `read` needs
    /// when it runs (columns not asked for are never read).
    public init(path: String) throws(SQLError) {
        let size = try ParquetFileIO.fileSize(path)
        try self.init(bytes: [], path: path, size: size, name: path) { () throws(SQLError) -> ParquetFileMetaData in
            guard size >= 12 else { throw ParquetCorruption.error("file too short (\(size) bytes)") }
            let head = try ParquetFileIO.readRange(path, 0..<4)
            let tail = try ParquetFileIO.readRange(path, (size - 8)..<size)
            let length = try ParquetReader.footerLength(head: head, tail: tail, size: size)
            return try ParquetFileMetaData.decode(try ParquetFileIO.readRange(path, (size - 8 - length)..<(size - 8)))
        }
    }

    /// Reads a file held in `bytes`; `name` appears in error messages.
    public init(bytes: [UInt8], name: String = "<parquet bytes>") throws(SQLError) {
        try self.init(bytes: bytes, path: nil, size: bytes.count, name: name) { () throws(SQLError) -> ParquetFileMetaData in
            try ParquetReader.footer(bytes)
        }
    }

    private init(bytes: [UInt8], path: String?, size: Int, name: String,
                 footer: () throws(SQLError) -> ParquetFileMetaData) throws(SQLError) {
        self.name = name
        self.bytes = bytes
        self.path = path
        self.fileSize = size
        do throws(SQLError) {
            let meta = try footer()
            let layout = try ParquetReadSchema(meta.schema)
            try ParquetReader.validate(meta, layout: layout)
            self.metadata = meta
            self.layout = layout
        } catch {
            throw ParquetCorruption.prefixed(error, with: name)
        }
        schema = Schema(layout.fields)
        createdBy = metadata.createdBy
        var kv: [String: String] = [:]
        for pair in metadata.keyValueMetadata { kv[pair.key] = pair.value ?? "" }
        keyValueMetadata = kv
    }

    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Total number of rows.
    public var rowCount: Int { Int(metadata.numRows) }

    /// Rows in row group `index`.
    public func rowCount(rowGroup index: Int) -> Int {
        guard metadata.rowGroups.indices.contains(index) else { return 0 }
        return Int(metadata.rowGroups[index].numRows)
    }

    /// Statistics of top-level column `column` in row group `rowGroup`; nil for nested
    /// columns and when the file has none. Min/max are given only when they decode to
    /// the column's type and follow its order.
    public func statistics(rowGroup: Int, column: Int) -> ParquetColumnStatistics? {
        guard metadata.rowGroups.indices.contains(rowGroup), layout.shapes.indices.contains(column),
              case let .leaf(l, _) = layout.shapes[column] else { return nil }
        let chunks = metadata.rowGroups[rowGroup].columns
        guard chunks.indices.contains(l), let stats = chunks[l].metaData?.statistics else { return nil }
        let leaf = layout.leaves[l]
        var result = ParquetColumnStatistics(nullCount: stats.nullCount.map { Int(clamping: $0) })
        if ParquetReader.hasUsableOrder(leaf) {
            result.min = stats.minValue.flatMap { ParquetStatisticsCodec.value($0, leaf: leaf) }
            result.max = stats.maxValue.flatMap { ParquetStatisticsCodec.value($0, leaf: leaf) }
        }
        return result
    }

    /// Reads the columns at `columns` (indices into `schema`; all when nil) of row group
    /// `rowGroup` as one batch whose columns follow the order of `columns`.
    public func read(rowGroup: Int, columns: [Int]? = nil) throws(SQLError) -> Batch {
        let selected = columns ?? Array(0..<schema.count)
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw SQLError(.internal, "\(name): row group \(rowGroup) out of range")
        }
        for c in selected where !layout.shapes.indices.contains(c) {
            throw SQLError(.internal, "\(name): column \(c) out of range")
        }
        do throws(SQLError) {
            let group = metadata.rowGroups[rowGroup]
            let rows = Int(group.numRows)
            var out: [Column] = []
            for c in selected {
                let shape = layout.shapes[c]
                var decoded: [Int: ParquetLeafChunk] = [:]
                for l in shape.leaves {
                    guard let meta = group.columns[l].metaData else { throw ParquetCorruption.error("column chunk without metadata") }
                    if let p = group.columns[l].filePath, !p.isEmpty {
                        throw SQLError(.unsupported, "column chunks in other files (\(p)) are not supported")
                    }
                    if let path {
                        let range = try ParquetChunkReader.byteRange(meta, leaf: layout.leaves[l], fileSize: fileSize)
                        let chunk = try ParquetFileIO.readRange(path, range)
                        decoded[l] = try ParquetChunkReader.read(chunk, base: range.lowerBound, fileSize: fileSize, meta: meta,
                                                                 leaf: layout.leaves[l], rows: rows)
                    } else {
                        decoded[l] = try ParquetChunkReader.read(bytes, meta: meta, leaf: layout.leaves[l], rows: rows)
                    }
                }
                if case let .leaf(l, _) = shape, layout.leaves[l].maxRep == 0, let chunk = decoded[l] {
                    out.append(try ParquetValueConverter.column(chunk.values, defs: chunk.defs, rows: rows, leaf: layout.leaves[l]))
                } else {
                    var assembler = ParquetAssembler(chunks: decoded, leaves: layout.leaves)
                    out.append(try assembler.column(shape: shape, type: schema.fields[c].type, rows: rows))
                }
            }
            return Batch(columns: out, count: rows)
        } catch {
            throw ParquetCorruption.prefixed(error, with: name)
        }
    }

    /// Every row group of the columns at `columns` (all when nil), one batch each.
    public func readAll(columns: [Int]? = nil) throws(SQLError) -> [Batch] {
        var batches: [Batch] = []
        for g in 0..<rowGroupCount { batches.append(try read(rowGroup: g, columns: columns)) }
        return batches
    }

    // MARK: Opening

    private static func footer(_ bytes: [UInt8]) throws(SQLError) -> ParquetFileMetaData {
        guard bytes.count >= 12 else { throw ParquetCorruption.error("file too short (\(bytes.count) bytes)") }
        let length = try footerLength(head: Array(bytes[0..<4]), tail: Array(bytes[(bytes.count - 8)...]), size: bytes.count)
        let start = bytes.count - 8 - length
        return try ParquetFileMetaData.decode(Array(bytes[start..<(bytes.count - 8)]))
    }

    /// The footer's length, from the file's first 4 and last 8 bytes (magic checked).
    private static func footerLength(head: [UInt8], tail: [UInt8], size: Int) throws(SQLError) -> Int {
        let magic = Array("PAR1".utf8)
        guard head == magic, tail.count == 8, Array(tail[4...]) == magic else {
            throw ParquetCorruption.error("missing PAR1 magic")
        }
        let length = Int(ByteCursor.loadUInt32LE(tail, 0))
        guard length > 0, length <= size - 12 else { throw ParquetCorruption.error("footer length \(length) out of range") }
        return length
    }

    private static func validate(_ meta: ParquetFileMetaData, layout: ParquetReadSchema) throws(SQLError) {
        var total: Int64 = 0
        for g in meta.rowGroups {
            guard g.columns.count == layout.leaves.count else {
                throw ParquetCorruption.error("row group has \(g.columns.count) column chunks for \(layout.leaves.count) columns")
            }
            guard g.numRows <= 1 << 27 else { throw ParquetCorruption.error("row group of \(g.numRows) rows") }
            total += g.numRows
        }
        guard total == meta.numRows else { throw ParquetCorruption.error("row groups hold \(total) rows, the footer says \(meta.numRows)") }
    }

    /// True when min/max of `leaf` compare the way LakeSQL orders its values.
    private static func hasUsableOrder(_ leaf: ParquetLeaf) -> Bool {
        switch leaf.type {
        case .interval: return false
        case .int64 where ParquetValueConverter.isUnsigned(leaf): return false
        case .timestamp where leaf.element.type == .int96: return false
        case .float32 where leaf.element.type == .fixedLenByteArray: return false
        default: return true
        }
    }
}
