import Columnar
import Diagnostics
import Planner

/// Some data files of a stored table, read as a table: the files a refresh has already
/// read, or the ones appended since. Data files never change once committed, so a list of
/// them always reads the same rows.
package final class ManagedFilesTable: TableProvider, @unchecked Sendable {
    package let table: ManagedTable
    package let files: [DataFile]

    /// Reads `files` of `table`.
    package init(_ table: ManagedTable, files: [DataFile]) {
        self.table = table
        self.files = files
    }

    package var schema: Schema { table.schema }

    package var estimatedRowCount: Int? { files.reduce(0) { $0 + $1.rows } }

    package var supportsPartitionedScan: Bool { true }

    package func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        try scan(projection: projection, partition: 0, of: 1)
    }

    package func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        try table.scan(files: files, projection: projection, partition: partition, of: count)
    }

    /// Every row of the files.
    package func readAll() throws(SQLError) -> [Batch] {
        let source = try scan(projection: Array(0..<schema.count))
        var out: [Batch] = []
        while let b = try source.next() { out.append(b) }
        return out
    }
}
