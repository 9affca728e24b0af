import Columnar
import Diagnostics
import Formats

/// Managed tables store their rows as Parquet files (snappy, dictionary-encoded),
/// readable by DuckDB, pyarrow and Spark as they are.
package struct ParquetDataFormat: DataFileFormat {
    package let fileExtension = "parquet"
    let options: ParquetWriterOptions

    package init(options: ParquetWriterOptions = ParquetWriterOptions()) { self.options = options }

    /// Streams the file to `path` (row groups are encoded and written in the background
    /// while later ones are cut), fsyncs it when `sync` and returns its size. On failure
    /// the partial file is removed.
    package func write(_ batches: [Batch], schema: Schema, to path: String, sync: Bool) throws(SQLError) -> Int {
        var writer = try ParquetWriter(schema: schema, options: options, streamingTo: path)
        do throws(SQLError) {
            for b in batches where b.count > 0 { try writer.write(b) }
            return try writer.close(sync: sync)
        } catch {
            FileSystem.remove(path)
            throw error
        }
    }

    /// A writer encoding each row group as soon as its rows have come.
    package func openWriter(schema: Schema, to path: String) throws(SQLError) -> any DataFileWriter {
        ParquetFileWriter(writer: try ParquetWriter(schema: schema, options: options, streamingTo: path))
    }

    /// Every row group of the file, one batch each.
    package func read(_ path: String, schema: Schema, projection: [Int]) throws(SQLError) -> [Batch] {
        try read(path, schema: schema, projection: projection, part: 0, of: 1)
    }

    /// Row groups `part`, `part + parts`, ... of the file, one batch each.
    package func read(_ path: String, schema: Schema, projection: [Int], part: Int, of parts: Int) throws(SQLError) -> [Batch] {
        let reader = try ParquetReader(path: path)
        guard reader.schema.count == schema.count else {
            throw SQLError(.data, "\(path): has \(reader.schema.count) columns, the table declares \(schema.count)")
        }
        var out: [Batch] = []
        for g in 0..<reader.rowGroupCount where g % max(parts, 1) == part {
            let b = try reader.read(rowGroup: g, columns: projection)
            // Zero-column projections (count(*)) still carry the row count.
            out.append(projection.isEmpty ? Batch(columns: [], count: reader.rowCount(rowGroup: g)) : b)
        }
        return out
    }
}

/// Streams batches into a Parquet file (see `ParquetDataFormat.openWriter`): row groups are
/// encoded and written while later rows are computed.
final class ParquetFileWriter: DataFileWriter {
    var writer: ParquetWriter

    init(writer: ParquetWriter) { self.writer = writer }

    func write(_ batch: Batch) throws(SQLError) { try writer.write(batch) }

    func finish(sync: Bool) throws(SQLError) -> Int { try writer.close(sync: sync) }
}
