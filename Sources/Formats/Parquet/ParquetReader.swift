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

    private let bytes: [UInt8]
    private let metadata: ParquetFileMetaData
    private let layout: ParquetReadSchema

    /// Opens the file at `path` (read whole into memory).
    public init(path: String) throws(SQLError) {
        let data = try ParquetFileIO.readFile(path)
        try self.init(bytes: data, name: path)
    }

    /// Reads a file held in `bytes`; `name` appears in error messages.
    public init(bytes: [UInt8], name: String = "<parquet bytes>") throws(SQLError) {
        self.name = name
        self.bytes = bytes
        do throws(SQLError) {
            let meta = try ParquetReader.footer(bytes)
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
                    decoded[l] = try ParquetChunkReader.read(bytes, meta: meta, leaf: layout.leaves[l], rows: rows)
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
        let magic = Array("PAR1".utf8)
        guard bytes.count >= 12 else { throw ParquetCorruption.error("file too short (\(bytes.count) bytes)") }
        guard Array(bytes[0..<4]) == magic, Array(bytes[(bytes.count - 4)...]) == magic else {
            throw ParquetCorruption.error("missing PAR1 magic")
        }
        let length = Int(ByteCursor.loadUInt32LE(bytes, bytes.count - 8))
        guard length > 0, length <= bytes.count - 12 else { throw ParquetCorruption.error("footer length \(length) out of range") }
        let start = bytes.count - 8 - length
        return try ParquetFileMetaData.decode(Array(bytes[start..<(bytes.count - 8)]))
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
