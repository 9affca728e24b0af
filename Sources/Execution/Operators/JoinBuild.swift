import Columnar
import Diagnostics
import Dispatch
import Planner

/// The build side of a hash join: all right rows and an index from keys to rows.
/// One integer-like key uses `JoinIntTable` (directly indexed when the keys are dense);
/// other keys use a `GroupTable` of key rows with chains of rows per key id. Built once;
/// read-only afterwards, so partitions of a parallel probe share it.
final class JoinBuild: @unchecked Sendable {
    /// How keys find their build rows.
    enum Index {
        case int(JoinIntTable)
        case general(table: GroupTable, head: [Int], nextRow: [Int])
    }

    let build: Batch
    let index: Index

    /// Drains `right` and indexes its rows; `read`: the right columns the join reads
    /// (nil: all), the others may be left empty.
    init(node: JoinNode, right: any PhysicalOperator, context: ExecutionContext, read: Set<Int>? = nil) throws(SQLError) {
        let evaluator = context.evaluator
        let types = node.right.schema.types
        if node.equiKeys.count == 1, node.equiKeys[0].right.type.physical == .int {
            var batches: [Batch] = []
            var keys: [Column] = []
            while let b = try right.next() {
                if b.count == 0 { continue }
                try context.checkCancelled()
                keys.append(try evaluator.evaluate(node.equiKeys[0].right, b))
                batches.append(b)
            }
            let (b, table) = try JoinBuild.finish(batches, keys: keys, types: types, read: read)
            build = b
            index = .int(table)
            return
        }
        build = try right.drainConcatenated(types: types)
        var keys: [Column] = []
        for k in node.equiKeys { keys.append(try evaluator.evaluate(k.right, build)) }
        let table = GroupTable(types: node.equiKeys.map(\.right.type), nullsMatch: false, capacity: max(16, build.count))
        let ids = table.findOrInsert(keys, count: build.count)
        _ = table.keys()  // finish the key columns now: probes from several threads only read them
        var head = [Int](repeating: -1, count: table.count)
        var nextRow = [Int](repeating: -1, count: build.count)
        for r in stride(from: build.count - 1, through: 0, by: -1) {
            let id = ids[r]
            if id < 0 { continue }
            nextRow[r] = head[id]
            head[id] = r
        }
        index = .general(table: table, head: head, nextRow: nextRow)
    }

    /// Build rows per distinct key, rounded down (at least 1).
    var averageChain: Int {
        switch index {
        case let .int(t): return t.keyCount == 0 ? 1 : max(1, t.rowCount / t.keyCount)
        case let .general(table, _, _): return table.count == 0 ? 1 : max(1, build.count / table.count)
        }
    }

    /// Key ids of a probe batch's rows, when the index works through ids (nil otherwise).
    func ids(_ keys: [Column], count: Int) -> [Int]? {
        if case let .general(table, _, _) = index { return table.find(keys, count: count) }
        return nil
    }

    /// (probe row, build row) pairs of probe rows `range` whose keys match, in probe
    /// order, build rows ascending; `ids` is what `ids(_:count:)` gave for the batch.
    func candidates(_ keys: [Column], ids: [Int]?, range: Range<Int>) -> (probe: [Int], build: [Int]) {
        var probeIdx: [Int] = []
        var buildIdx: [Int] = []
        switch index {
        case let .int(t):
            guard let key = keys.first else { break }
            return t.candidates(key, range: range)
        case let .general(_, head, nextRow):
            guard let ids else { break }
            probeIdx.reserveCapacity(range.count)
            buildIdx.reserveCapacity(range.count)
            ids.withUnsafeBufferPointer { ids in
                head.withUnsafeBufferPointer { head in
                    nextRow.withUnsafeBufferPointer { nextRow in
                        for i in range {
                            let id = ids[i]
                            if id < 0 { continue }
                            var r = head[id]
                            while r >= 0 {
                                probeIdx.append(i)
                                buildIdx.append(r)
                                r = nextRow[r]
                            }
                        }
                    }
                }
            }
        }
        return (probeIdx, buildIdx)
    }
}

/// A build side shared by the partitions of a parallel probe: the first partition to ask
/// builds it; the others wait for it.
final class SharedJoinBuild: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var result: Result<JoinBuild, SQLError>? = nil
    private let make: () throws(SQLError) -> JoinBuild

    init(_ make: @escaping () throws(SQLError) -> JoinBuild) { self.make = make }

    func get() throws(SQLError) -> JoinBuild {
        lock.wait()
        defer { lock.signal() }
        if result == nil {
            do { result = .success(try make()) } catch { result = .failure(error) }
        }
        switch result {
        case let .success(b)?: return b
        case let .failure(e)?: throw e
        case nil: throw SQLError(.internal, "join build missing")
        }
    }
}
