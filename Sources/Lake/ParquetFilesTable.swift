import Columnar
import Diagnostics
import Formats
import Planner

/// An external table over Parquet files (`CREATE TABLE ... USING PARQUET LOCATION ...`):
/// columns are matched to the files' columns by name (case-insensitive), each file's
/// values cast to the declared types.
package final class ParquetFilesTable: TableProvider, Sendable {
    package let schema: Schema
    let lake: String
    let location: String

    package init(schema: Schema, lake: String, location: String) {
        self.schema = schema
        self.lake = lake
        self.location = location
    }

    package var metadataFields: [Field] { [Field(name: "_file", type: .string, nullable: false)] }

    func files() throws(SQLError) -> FileSet {
        try FileSet.resolve(location, lake: lake, extensions: ["parquet"])
    }

    package var estimatedRowCount: Int? { nil }

    package var supportsPartitionedScan: Bool { true }

    package func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: 0, of: 1)
    }

    package func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        let all = try files().files
        let mine = all.indices.filter { $0 % count == partition }.map { all[$0] }
        return ParquetFilesScan(table: self, files: mine, projection: projection)
    }
}

final class ParquetFilesScan: BatchSource {
    let table: ParquetFilesTable
    let files: [(path: String, display: String)]
    let projection: [Int]
    var index = 0
    var pending: [Batch] = []

    init(table: ParquetFilesTable, files: [(path: String, display: String)], projection: [Int]) {
        self.table = table
        self.files = files
        self.projection = projection
    }

    func next() throws(SQLError) -> Batch? {
        while pending.isEmpty {
            guard index < files.count else { return nil }
            let f = files[index]
            index += 1
            pending = try read(f.path, display: f.display).reversed()
        }
        return pending.popLast()
    }

    func read(_ path: String, display: String) throws(SQLError) -> [Batch] {
        let reader = try ParquetReader(path: path)
        let declared = table.schema
        var sourceColumns: [Int?] = []
        for p in projection where p < declared.count {
            sourceColumns.append(reader.schema.index(of: declared.fields[p].name))
        }
        let wanted = sourceColumns.compactMap { $0 }
        var out: [Batch] = []
        for g in 0..<reader.rowGroupCount {
            let b = try reader.read(rowGroup: g, columns: wanted)
            let n = reader.rowCount(rowGroup: g)
            var columns: [Column] = []
            var k = 0
            for p in projection {
                if p >= declared.count {
                    columns.append(Column.constant(.string(display), type: .string, count: n))
                    continue
                }
                let type = declared.fields[p].type
                if let _ = sourceColumns[k] {
                    let c = b.columns[wanted.firstIndex(of: sourceColumns[k] ?? 0) ?? 0]
                    do {
                        columns.append(c.type == type ? c : try c.cast(to: type))
                    } catch {
                        throw SQLError(.data, "\(display): column \(declared.fields[p].name): \(error.message)")
                    }
                } else {
                    columns.append(Column.constant(.null, type: type, count: n))
                }
                k += 1
            }
            out.append(Batch(columns: columns, count: n))
        }
        return out
    }
}
