import Diagnostics
import Engine
import Formats

/// The whole result as one Parquet file (`--format parquet`), written with the lake's
/// `ParquetWriter`. A Parquet stream holds one result, so a second result to the same
/// output is an error.
final class ParquetPrinter: ResultPrinter {
    /// Outputs that already hold a result.
    private var written: Set<ObjectIdentifier> = []

    /// Creates a printer.
    init() {}

    func print(_ result: ResultSet, to sink: OutputSink) throws(SQLError) {
        guard written.insert(ObjectIdentifier(sink)).inserted else {
            throw SQLError(.unsupported, "parquet output holds one result; this statement is the second to return rows",
                           notes: ["run one query per output, or use .once FILE / -o FILE per query"])
        }
        var writer = try ParquetWriter(schema: result.schema)
        for batch in result.batches where batch.count > 0 { try writer.write(batch) }
        sink.write(try writer.finish())
    }
}
