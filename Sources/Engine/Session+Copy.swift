import Columnar
import Diagnostics
import Formats
import FoundationEssentials
import Lake
import SQLSyntax

extension Session {
    /// `COPY (query) TO 'file' (FORMAT parquet|csv|json|jsonl [, HEADER false] [, DELIMITER ';'])`:
    /// writes the rows to a file (relative paths start at the lake, else the current folder),
    /// atomically: a reader sees no file or the whole file.
    func copy(_ c: Copy, sql: String) throws(SQLError) -> StatementResult {
        let query: Query
        switch c.source {
        case let .query(q): query = q
        case let .table(name):
            query = Query(body: .select(Select(items: [.wildcard(qualifier: nil, exclude: [], span: .none)],
                                               from: [.table(name, alias: nil, span: name.span)], span: .none)), span: .none)
        }
        let result = try runQuery(query, sql: sql)
        let ext = PathText.pathExtension(c.path).lowercased()
        let format = (c.options["format"] ?? (ext.isEmpty ? "csv" : ext)).lowercased()
        let base = lake ?? FileManager.default.currentDirectoryPath
        let path = c.path.hasPrefix("/") ? c.path : PathText.join(base, c.path)
        let folder = PathText.parent(path)
        try FileSystem.makeDirectory(folder)
        let bytes: [UInt8]
        switch format {
        case "parquet":
            // Row groups are encoded and written to a temporary file as they are cut, then
            // the file is renamed into place.
            let tmp = PathText.join(folder, FileSystem.temporaryName(".parquet"))
            do throws(SQLError) {
                var writer = try ParquetWriter(schema: result.schema.withConcreteTypes, streamingTo: tmp)
                for b in result.batches { try writer.write(b) }
                _ = try writer.close()
                try FileSystem.moveIntoPlace(tmp, to: path)
            } catch {
                FileSystem.remove(tmp)
                throw error
            }
            return .status("COPY \(result.rowCount)")
        case "csv", "tsv":
            let header = (c.options["header"] ?? "true").lowercased() != "false"
            let delimiter = c.options["delimiter"].flatMap { $0.utf8.first } ?? (format == "tsv" ? 0x09 : UInt8(ascii: ","))
            bytes = TextWriters.csv(result.batches, schema: result.schema, header: header, delimiter: delimiter)
        case "json", "ndjson", "jsonl":
            let array = (c.options["array"] ?? "false").lowercased() == "true"
            bytes = TextWriters.json(result.batches, schema: result.schema, lines: !array)
        default:
            throw SQLError(.semantic, "COPY FORMAT \(format) is not supported", span: c.span, notes: ["formats: parquet, csv, tsv, json"])
        }
        try FileSystem.replaceAtomically(path, with: bytes)
        return .status("COPY \(result.rowCount)")
    }
}

extension Schema {
    /// The schema with NULL-typed columns as INTEGER (file formats need a type).
    var withConcreteTypes: Schema {
        Schema(fields.map { Field(name: $0.name, type: $0.type == .null ? .int32 : $0.type, nullable: $0.nullable) })
    }
}
