import Columnar
import Diagnostics

/// Writes LakeSQL batches as a Parquet file.
///
/// Type mapping: BOOLEAN; TINYINT/SMALLINT/INTEGER as INT32 with INT(8/16/32, signed);
/// BIGINT as INT64; REAL as FLOAT; DOUBLE; DECIMAL(p,s) as INT32 (p ≤ 9), INT64 (p ≤ 18)
/// or FIXED_LEN_BYTE_ARRAY (big-endian, smallest width); VARCHAR as BYTE_ARRAY STRING;
/// DATE as INT32 DATE; TIMESTAMP as INT64 TIMESTAMP(isAdjustedToUTC=true, MICROS);
/// STRUCT as a group; ARRAY as a three-level LIST.
///
/// INTERVAL uses Parquet's FIXED_LEN_BYTE_ARRAY(12) INTERVAL: months, days and
/// milliseconds as little-endian 32-bit integers. Microseconds below a millisecond are
/// dropped (truncated toward zero), and a time part beyond ±2^31 milliseconds (about 24
/// days) is an error. The spec calls the three parts unsigned; negative parts are stored
/// as their two's-complement bits, which LakeSQL and DuckDB's reader read back as negative
/// (DuckDB's own writer refuses negative intervals).
///
/// Rows are buffered until a row group is full; `finish()` returns the file bytes.
public struct ParquetWriter: Sendable {
    /// The schema of the file.
    public let schema: Schema
    /// The writer's settings.
    public let options: ParquetWriterOptions
    /// The `created_by` string stored in the footer.
    public static let createdBy = "lakesql version 0.1.0"

    private let layout: ParquetWriteSchema
    private var out: [UInt8] = Array("PAR1".utf8)
    private var rowGroups: [ParquetRowGroup] = []
    private var pending: [Batch] = []
    private var pendingRows = 0
    private var totalRows: Int64 = 0
    private var finished = false

    /// A writer for `schema`; unsupported column types are `.unsupported` errors.
    public init(schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(SQLError) {
        self.schema = schema
        self.options = options
        self.layout = try ParquetWriteSchema(schema)
    }

    /// Adds the rows of `batch` (its columns in schema order).
    public mutating func write(_ batch: Batch) throws(SQLError) {
        guard !finished else { throw SQLError(.internal, "parquet writer used after finish") }
        guard batch.columns.count == schema.count else {
            throw SQLError(.internal, "batch has \(batch.columns.count) columns, the parquet schema \(schema.count)")
        }
        guard batch.count > 0 else { return }
        pending.append(batch)
        pendingRows += batch.count
        let size = max(1, options.rowGroupSize)
        while pendingRows >= size { try flushRowGroup(rows: size) }
    }

    /// Writes buffered rows and the footer; returns the whole file.
    public mutating func finish() throws(SQLError) -> [UInt8] {
        guard !finished else { return out }
        if pendingRows > 0 { try flushRowGroup(rows: pendingRows) }
        var meta = ParquetFileMetaData(version: 1, schema: layout.elements, numRows: totalRows, rowGroups: rowGroups)
        meta.createdBy = ParquetWriter.createdBy
        meta.keyValueMetadata = options.keyValueMetadata.map { ($0.key, $0.value) }
        meta.hasTypeDefinedOrder = true
        let footer = ThriftCompact.encode(meta.thrift)
        out.append(contentsOf: footer)
        out.appendUInt32LE(UInt32(footer.count))
        out.append(contentsOf: Array("PAR1".utf8))
        finished = true
        return out
    }

    /// Finishes the file and writes it to `path` with one write and an fsync (the
    /// caller renames a temporary file into place for atomic commits).
    public mutating func write(to path: String) throws(SQLError) {
        let bytes = try finish()
        try ParquetFileIO.writeFile(bytes, to: path)
    }

    /// One encoded column chunk; its page offsets count from the chunk's first byte.
    private struct EncodedChunk: Sendable {
        var bytes: [UInt8]
        var meta: ParquetColumnMetaData
    }

    private mutating func flushRowGroup(rows: Int) throws(SQLError) {
        // The row group's pieces: whole pending batches, the last one cut at `rows`.
        var pieces: [Batch] = []
        var taken = 0
        var rest: [Batch] = []
        for b in pending {
            if taken >= rows { rest.append(b); continue }
            let want = rows - taken
            if b.count <= want {
                pieces.append(b)
                taken += b.count
            } else {
                pieces.append(b.slice(0..<want))
                rest.append(b.slice(want..<b.count))
                taken = rows
            }
        }
        pending = rest
        pendingRows -= rows
        let group = pieces
        // Each top-level column is shredded and its chunks encoded on its own, in parallel;
        // the chunks are then laid out in leaf order, so the bytes do not depend on threads.
        let layout = self.layout, options = self.options
        let encoded = try ParquetParallel.map(count: layout.shapes.count, threads: options.threads) { (k: Int) throws(SQLError) -> [EncodedChunk] in
            var data = layout.leaves.map { ParquetLeafData(leaf: $0) }
            let shape = layout.shapes[k]
            for piece in group { try ParquetShredder.shred(piece.columns[k], shape: shape, into: &data) }
            var chunks: [EncodedChunk] = []
            for l in shape.leaves {
                var bytes: [UInt8] = []
                let meta = try ParquetChunkWriter.write(data[l], options: options, out: &bytes)
                data[l] = ParquetLeafData(leaf: layout.leaves[l])
                chunks.append(EncodedChunk(bytes: bytes, meta: meta))
            }
            return chunks
        }
        let groupStart = out.count
        var chunks: [ParquetColumnChunk] = []
        var uncompressed: Int64 = 0
        for chunk in encoded.joined() {
            let chunkStart = Int64(out.count)
            var meta = chunk.meta
            meta.dataPageOffset += chunkStart
            if let d = meta.dictionaryPageOffset { meta.dictionaryPageOffset = d + chunkStart }
            out.append(contentsOf: chunk.bytes)
            uncompressed += meta.totalUncompressedSize
            chunks.append(ParquetColumnChunk(fileOffset: chunkStart, metaData: meta))
        }
        rowGroups.append(ParquetRowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rows), fileOffset: Int64(groupStart),
                                         totalCompressedSize: Int64(out.count - groupStart), ordinal: rowGroups.count))
        totalRows += Int64(rows)
    }
}
