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
/// Rows are buffered until a row group is full, which is then encoded on background
/// threads while more rows arrive; `finish()` returns the file bytes.
public struct ParquetWriter: Sendable {
    /// The schema of the file.
    public let schema: Schema
    /// The writer's settings.
    public let options: ParquetWriterOptions
    /// The `created_by` string stored in the footer.
    public static let createdBy = "lakesql version 0.1.0"

    private let layout: ParquetWriteSchema
    /// The file's bytes not handed to `sink`, piece by piece (joined once by `finish()`).
    private var parts: [[UInt8]] = [Array("PAR1".utf8)]
    /// Size of the file so far.
    private var position = 4
    /// The whole file, once `finish()` has joined it.
    private var file: [UInt8]? = nil
    private var rowGroups: [ParquetRowGroup] = []
    private var pending: [Batch] = []
    private var pendingRows = 0
    private var totalRows: Int64 = 0
    private var finished = false
    /// Background encoders (nil with one thread: row groups are encoded in `write`).
    private let pipeline: ParquetEncodePipeline?
    /// Row groups handed to the pipeline and not yet laid out, oldest first.
    private var inFlight: [ParquetPendingRowGroup] = []
    /// The file being streamed to (nil: the file is built in memory).
    private var sink: ParquetFileSink?

    /// A writer for `schema`; unsupported column types are `.unsupported` errors.
    public init(schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(SQLError) {
        self.schema = schema
        self.options = options
        self.layout = try ParquetWriteSchema(schema)
        // One thread fewer than asked: the writer's own thread encodes while it waits.
        self.pipeline = options.threads > 1 ? ParquetEncodePipeline(threads: options.threads - 1) : nil
    }

    /// A writer that streams the file to `path` (created or truncated): each row group is
    /// written by a background thread once encoded, so writing overlaps encoding. End with
    /// `close()`; the caller renames a temporary file into place for atomic commits.
    public init(schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions(), streamingTo path: String) throws(SQLError) {
        try self.init(schema: schema, options: options)
        let sink = try ParquetFileSink(path: path)
        for part in parts { sink.write(part) }
        parts = []
        self.sink = sink
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

    /// Writes buffered rows and the footer; returns the whole file (not for a streaming writer).
    public mutating func finish() throws(SQLError) -> [UInt8] {
        guard sink == nil else { throw SQLError(.internal, "a streaming parquet writer ends with close()") }
        try finishFooter()
        if let file { return file }
        let joined = [UInt8](unsafeUninitializedCapacity: position) { buffer, initialized in
            var o = 0
            for part in parts {
                guard let base = buffer.baseAddress, o + part.count <= buffer.count else { break }
                part.withUnsafeBufferPointer { p in
                    if let src = p.baseAddress { (base + o).initialize(from: src, count: p.count) }
                }
                o += part.count
            }
            initialized = o
        }
        parts = []
        file = joined
        return joined
    }

    /// Streaming: writes buffered rows and the footer, waits until the whole file is
    /// written and fsynced (unless `sync` is false: the caller flushes it later); returns
    /// its size in bytes.
    public mutating func close(sync: Bool = true) throws(SQLError) -> Int {
        guard let sink else { throw SQLError(.internal, "an in-memory parquet writer ends with finish()") }
        try finishFooter()
        for part in parts { sink.write(part) }
        parts = []
        try sink.close(sync: sync)
        return position
    }

    private mutating func finishFooter() throws(SQLError) {
        guard !finished else { return }
        if pendingRows > 0 { try flushRowGroup(rows: pendingRows) }
        try collect(all: true)
        var meta = ParquetFileMetaData(version: 1, schema: layout.elements, numRows: totalRows, rowGroups: rowGroups)
        meta.createdBy = ParquetWriter.createdBy
        meta.keyValueMetadata = options.keyValueMetadata.map { ($0.key, $0.value) }
        meta.hasTypeDefinedOrder = true
        let footer = ThriftCompact.encode(meta.thrift)
        var tail = footer
        tail.appendUInt32LE(UInt32(footer.count))
        tail.append(contentsOf: Array("PAR1".utf8))
        parts.append(tail)
        position += tail.count
        finished = true
    }

    /// Finishes the file and writes it to `path` with one write and an fsync (the
    /// caller renames a temporary file into place for atomic commits).
    public mutating func write(to path: String) throws(SQLError) {
        let bytes = try finish()
        try ParquetFileIO.writeFile(bytes, to: path)
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
        let layout = self.layout, options = self.options
        let columns = layout.shapes.count
        guard let pipeline else {
            var chunks: [ParquetEncodedChunk] = []
            for k in 0..<columns { chunks += try Self.encode(column: k, of: group, layout: layout, options: options) }
            append(chunks, rows: rows)
            return
        }
        // Each top-level column is shredded and encoded by a background worker (or by this
        // thread while it waits); the caller goes on adding rows meanwhile. Finished groups
        // are laid out oldest first.
        let pendingGroup = ParquetPendingRowGroup(rows: rows, columns: columns)
        for k in 0..<columns {
            pendingGroup.expect()
            pipeline.submit {
                let result: Result<[ParquetEncodedChunk], SQLError>
                do throws(SQLError) {
                    result = .success(try Self.encode(column: k, of: group, layout: layout, options: options))
                } catch {
                    result = .failure(error)
                }
                pendingGroup.fill(k, result)
            }
        }
        inFlight.append(pendingGroup)
        try collect(all: false)
    }

    /// Lays out the row groups that are done, oldest first; with `all`, waits for every
    /// one, else only while more than twice `threads` are queued (bounding memory).
    private mutating func collect(all: Bool) throws(SQLError) {
        let limit = 2 * options.threads
        while let first = inFlight.first, all || inFlight.count > limit || first.isDone {
            // Rather than idle, encode queued chunks here (the oldest group's come first).
            if let pipeline { while !first.isDone, pipeline.runOne() {} }
            inFlight.removeFirst()
            append(try first.wait(), rows: first.rows)
        }
    }

    /// Shreds and encodes top-level column `k` of the row group made of `pieces`.
    private static func encode(column k: Int, of pieces: [Batch], layout: ParquetWriteSchema,
                               options: ParquetWriterOptions) throws(SQLError) -> [ParquetEncodedChunk] {
        var data = layout.leaves.map { ParquetLeafData(leaf: $0) }
        let shape = layout.shapes[k]
        if pieces.count > 1, case let .leaf(l, _) = shape {
            // Room for the whole row group at once: appended piece by piece, the values
            // would be copied again at every growth.
            var bytes = 0
            for piece in pieces {
                if case let .string(st) = piece.columns[k].storage, let first = st.offsets.first, let last = st.offsets.last { bytes += last - first }
            }
            data[l].values.reserve(pieces.reduce(0) { $0 + $1.count }, bytes: bytes)
        }
        for piece in pieces { try ParquetShredder.shred(piece.columns[k], shape: shape, into: &data) }
        var chunks: [ParquetEncodedChunk] = []
        for l in shape.leaves {
            var bytes: [UInt8] = []
            let meta = try ParquetChunkWriter.write(data[l], options: options, out: &bytes)
            data[l] = ParquetLeafData(leaf: layout.leaves[l])
            chunks.append(ParquetEncodedChunk(bytes: bytes, meta: meta))
        }
        return chunks
    }

    /// Appends the chunks of one row group (in leaf order) to the file.
    private mutating func append(_ encoded: [ParquetEncodedChunk], rows: Int) {
        let groupStart = position
        var chunks: [ParquetColumnChunk] = []
        var uncompressed: Int64 = 0
        for chunk in encoded {
            let chunkStart = Int64(position)
            var meta = chunk.meta
            meta.dataPageOffset += chunkStart
            if let d = meta.dictionaryPageOffset { meta.dictionaryPageOffset = d + chunkStart }
            if let sink { sink.write(chunk.bytes) } else { parts.append(chunk.bytes) }
            position += chunk.bytes.count
            uncompressed += meta.totalUncompressedSize
            chunks.append(ParquetColumnChunk(fileOffset: chunkStart, metaData: meta))
        }
        rowGroups.append(ParquetRowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rows), fileOffset: Int64(groupStart),
                                         totalCompressedSize: Int64(position - groupStart), ordinal: rowGroups.count))
        totalRows += Int64(rows)

    }
}
