import Columnar
import Diagnostics
import Planner
import Dispatch

/// Hash join: builds a table on the right input's keys, probes it with left batches.
/// With no keys every row shares one bucket, which makes it a nested-loop join.
/// Handles INNER, LEFT, RIGHT, FULL, SEMI, ANTI and CROSS; NULL keys never match;
/// the residual condition is checked on candidate pairs.
/// The build side of a hash join: all right rows, a table of their keys, and chains of
/// rows per key. Built once; read-only afterwards, so partitions of a parallel probe share it.
final class JoinBuild: @unchecked Sendable {
    let build: Batch
    let table: GroupTable
    let head: [Int]
    let nextRow: [Int]

    init(node: JoinNode, right: any PhysicalOperator, context: ExecutionContext) throws(SQLError) {
        build = try right.drainConcatenated(types: node.right.schema.types)
        let evaluator = context.evaluator
        var keys: [Column] = []
        for k in node.equiKeys { keys.append(try evaluator.evaluate(k.right, build)) }
        table = GroupTable(types: node.equiKeys.map(\.right.type), nullsMatch: false, capacity: max(16, build.count))
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
        self.head = head
        self.nextRow = nextRow
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

final class HashJoinOperator: PhysicalOperator {
    let node: JoinNode
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let context: ExecutionContext
    let leftTypes: [DataType]
    let rightTypes: [DataType]

    /// Set when partitions share one build side.
    let shared: SharedJoinBuild?
    var built = false
    var build = Batch(columns: [], count: 0)
    var table: GroupTable
    var head: [Int] = []
    var nextRow: [Int] = []
    var buildMatched: [Bool] = []
    var emittedUnmatchedBuild = false
    /// Probe rows not processed yet from the current batch.
    var pending: (batch: Batch, ids: [Int], position: Int)? = nil

    init(node: JoinNode, left: any PhysicalOperator, right: any PhysicalOperator, context: ExecutionContext, shared: SharedJoinBuild? = nil) {
        self.node = node
        self.left = left
        self.right = right
        self.shared = shared
        self.context = context
        leftTypes = node.left.schema.types
        rightTypes = node.right.schema.types
        table = GroupTable(types: node.equiKeys.map(\.right.type), nullsMatch: false)
    }

    func buildSide() throws(SQLError) {
        let b: JoinBuild
        if let shared { b = try shared.get() } else { b = try JoinBuild(node: node, right: right, context: context) }
        build = b.build
        table = b.table
        head = b.head
        nextRow = b.nextRow
        buildMatched = [Bool](repeating: false, count: build.count)
        built = true
    }

    func next() throws(SQLError) -> Batch? {
        if !built { try buildSide() }
        // An empty build side gives no rows for these types: the probe input is never read.
        if build.count == 0, [.inner, .semi, .right, .cross].contains(node.type) { return nil }
        while true {
            try context.checkCancelled()
            if pending == nil {
                guard let batch = try left.next() else { return try finishUnmatchedBuild() }
                if batch.count == 0 { continue }
                var keys: [Column] = []
                let evaluator = context.evaluator
                for k in node.equiKeys { keys.append(try evaluator.evaluate(k.left, batch)) }
                pending = (batch, table.find(keys, count: batch.count), 0)
            }
            guard let p = pending else { continue }
            // Limit each output to about 64K candidate pairs.
            let avgChain = table.count == 0 ? 1 : max(1, build.count / table.count)
            let slice = max(1, 65_536 / avgChain)
            let end = min(p.batch.count, p.position + slice)
            let out = try probe(p.batch, ids: p.ids, range: p.position..<end)
            pending = end >= p.batch.count ? nil : (p.batch, p.ids, end)
            if let out, out.count > 0 { return out }
        }
    }

    /// Joins probe rows `range` of `batch`.
    func probe(_ batch: Batch, ids: [Int], range: Range<Int>) throws(SQLError) -> Batch? {
        var probeIdx: [Int] = []
        var buildIdx: [Int] = []
        probeIdx.reserveCapacity(range.count)
        buildIdx.reserveCapacity(range.count)
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
        if let residual = node.residual, !probeIdx.isEmpty {
            let pairs = Batch(columns: batch.gather(probeIdx).columns + build.gather(buildIdx).columns, count: probeIdx.count)
            let mask = try context.evaluator.predicateMask(residual, pairs)
            var p2: [Int] = [], b2: [Int] = []
            for k in 0..<mask.count where mask[k] { p2.append(probeIdx[k]); b2.append(buildIdx[k]) }
            probeIdx = p2
            buildIdx = b2
        }
        let type = node.type
        if type == .right || type == .full { for r in buildIdx { buildMatched[r] = true } }
        switch type {
        case .semi, .anti:
            var matched = [Bool](repeating: false, count: batch.count)
            for i in probeIdx { matched[i] = true }
            let keep = range.filter { matched[$0] == (type == .semi) }
            return keep.isEmpty ? nil : batch.gather(keep)
        case .left, .full:
            // Keep probe order: matched pairs, or one NULL-extended row.
            var matched = [Bool](repeating: false, count: batch.count)
            for i in probeIdx { matched[i] = true }
            var pOut: [Int] = [], bOut: [Int] = []
            var k = 0
            for i in range {
                if matched[i] {
                    while k < probeIdx.count && probeIdx[k] == i { pOut.append(i); bOut.append(buildIdx[k]); k += 1 }
                } else {
                    pOut.append(i)
                    bOut.append(-1)
                }
            }
            return combine(batch, pOut, bOut)
        default:
            return probeIdx.isEmpty ? nil : combine(batch, probeIdx, buildIdx)
        }
    }

    func combine(_ batch: Batch, _ p: [Int], _ b: [Int]) -> Batch {
        Batch(columns: batch.gather(p).columns + build.gather(b).columns, count: p.count)
    }

    /// RIGHT and FULL joins: build rows that never matched, NULL-extended on the left.
    func finishUnmatchedBuild() throws(SQLError) -> Batch? {
        guard node.type == .right || node.type == .full, !emittedUnmatchedBuild else { return nil }
        emittedUnmatchedBuild = true
        let rows = (0..<build.count).filter { !buildMatched[$0] }
        if rows.isEmpty { return nil }
        let leftNulls = leftTypes.map { Column.constant(.null, type: $0, count: rows.count) }
        return Batch(columns: leftNulls + build.gather(rows).columns, count: rows.count)
    }
}
