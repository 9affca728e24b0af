import Columnar
import Diagnostics
import Planner
import Synchronization
import Lake

/// A table held in memory as batches. Writers replace the whole row set under a lock,
/// so a running scan keeps the snapshot it started with.
final class MemoryTable: WritableTable, Sendable {
    let schema: Schema
    /// Positions of PRIMARY KEY / UNIQUE column sets.
    let uniqueKeys: [[Int]]
    private let data: Mutex<[Batch]>

    init(schema: Schema, uniqueKeys: [[Int]] = [], batches: [Batch] = []) {
        self.schema = schema
        self.uniqueKeys = uniqueKeys
        data = Mutex(batches)
    }

    var batches: [Batch] { data.withLock { $0 } }

    var estimatedRowCount: Int? { batches.reduce(0) { $0 + $1.count } }

    func readAll() throws(SQLError) -> [Batch] { batches }

    /// Replaces every row.
    func replace(_ batches: [Batch], operation: String) throws(SQLError) {
        data.withLock { $0 = batches.filter { $0.count > 0 } }
    }

    /// Adds rows.
    func append(_ batches: [Batch], operation: String) throws(SQLError) {
        data.withLock { $0 += batches.filter { $0.count > 0 } }
    }

    func scan(projection: [Int]) throws(SQLError) -> any BatchSource {
        MemoryScan(batches: batches, projection: projection)
    }

    func scan(projection: [Int], partition: Int, of count: Int) throws(SQLError) -> any BatchSource {
        let all = batches
        let mine = all.indices.filter { $0 % count == partition }.map { all[$0] }
        return MemoryScan(batches: mine, projection: projection)
    }

    var supportsPartitionedScan: Bool { true }
}

/// Streams a snapshot of a memory table's batches.
final class MemoryScan: BatchSource {
    let batches: [Batch]
    let projection: [Int]
    var index = 0

    init(batches: [Batch], projection: [Int]) {
        self.batches = batches
        self.projection = projection
    }

    func next() throws(SQLError) -> Batch? {
        guard index < batches.count else { return nil }
        let b = batches[index]
        index += 1
        return Batch(columns: projection.map { b.columns[$0] }, count: b.count)
    }
}
