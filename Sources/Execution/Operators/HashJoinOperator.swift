import Columnar
import Diagnostics
import Planner

/// Hash join: builds a table on the right input's keys, probes it with left batches.
/// With no keys every row shares one bucket, which makes it a nested-loop join.
/// Handles INNER, LEFT, RIGHT, FULL, SEMI, ANTI and CROSS; NULL keys never match;
/// the residual condition is checked on candidate pairs.
///
/// Rows are materialized late: a probe first lists candidate (probe row, build row)
/// pairs, gathers only the columns the residual reads to filter them, then gathers the
/// columns the parent asked for (`output`), once. Probe columns whose picked rows are a
/// run of the batch (a LEFT join to a table with unique keys) are sliced, not gathered.
final class HashJoinOperator: PhysicalOperator {
    let node: JoinNode
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let context: ExecutionContext
    let leftTypes: [DataType]
    /// Columns of the join's schema (left ++ right) that are produced, in this order.
    let output: [Int]
    /// The residual rewritten over only the columns it reads, and those columns.
    let residual: (expr: BoundExpr, columns: [Int])?

    /// Set when partitions share one build side.
    let shared: SharedJoinBuild?
    var built: JoinBuild? = nil
    var build = Batch(columns: [], count: 0)
    var buildMatched: [Bool] = []
    var emittedUnmatchedBuild = false
    /// Probe rows not processed yet from the current batch.
    var pending: (batch: Batch, keys: [Column], ids: [Int]?, position: Int)? = nil

    /// A join producing the columns `output` of its schema (nil: all of them, in order).
    init(node: JoinNode, left: any PhysicalOperator, right: any PhysicalOperator, context: ExecutionContext, shared: SharedJoinBuild? = nil, output: [Int]? = nil) {
        self.node = node
        self.left = left
        self.right = right
        self.shared = shared
        self.context = context
        leftTypes = node.left.schema.types
        self.output = output ?? Array(0..<node.schema.fields.count)
        if let r = node.residual {
            let columns = r.referencedColumns.sorted()
            var position: [Int: Int] = [:]
            for (k, c) in columns.enumerated() { position[c] = k }
            residual = (r.remappingColumns { position[$0] ?? $0 }, columns)
        } else {
            residual = nil
        }
    }

    func buildSide() throws(SQLError) -> JoinBuild {
        let b: JoinBuild
        if let shared {
            b = try shared.get()
        } else {
            b = try JoinBuild(node: node, right: right, context: context, read: HashJoinOperator.buildColumnsRead(node, output: output))
        }
        build = b.build
        if node.type == .right || node.type == .full { buildMatched = [Bool](repeating: false, count: build.count) }
        built = b
        return b
    }

    func next() throws(SQLError) -> Batch? {
        let joinBuild: JoinBuild
        if let b = built { joinBuild = b } else { joinBuild = try buildSide() }
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
                pending = (batch, keys, joinBuild.ids(keys, count: batch.count), 0)
            }
            guard let p = pending else { continue }
            // Limit each output to about 64K candidate pairs.
            let slice = max(1, 65_536 / joinBuild.averageChain)
            let end = min(p.batch.count, p.position + slice)
            let pairs = joinBuild.candidates(p.keys, ids: p.ids, range: p.position..<end)
            let out = try probe(p.batch, pairs, range: p.position..<end)
            pending = end >= p.batch.count ? nil : (p.batch, p.keys, p.ids, end)
            if let out, out.count > 0 { return out }
        }
    }

    /// Joins probe rows `range` of `batch`, given the pairs whose keys match.
    func probe(_ batch: Batch, _ pairs: (probe: [Int], build: [Int]), range: Range<Int>) throws(SQLError) -> Batch? {
        var (probeIdx, buildIdx) = pairs
        if let residual, !probeIdx.isEmpty {
            let pairs = Batch(columns: residual.columns.map { pairColumn($0, batch, probeIdx, buildIdx) }, count: probeIdx.count)
            let mask = try context.evaluator.predicateMask(residual.expr, pairs)
            HashJoinOperator.keep(mask, &probeIdx, &buildIdx)
        }
        let type = node.type
        if type == .right || type == .full { for r in buildIdx { buildMatched[r] = true } }
        switch type {
        case .semi, .anti:
            var matched = [Bool](repeating: false, count: batch.count)
            for i in probeIdx { matched[i] = true }
            let keep = range.filter { matched[$0] == (type == .semi) }
            return keep.isEmpty ? nil : combine(batch, keep, [])
        case .left, .full:
            let (pOut, bOut) = HashJoinOperator.extendUnmatched(probeIdx, buildIdx, range: range)
            return combine(batch, pOut, bOut)
        default:
            return probeIdx.isEmpty ? nil : combine(batch, probeIdx, buildIdx)
        }
    }

    /// Drops the pairs whose `mask` entry is false (in place, keeping order).
    static func keep(_ mask: [Bool], _ probeIdx: inout [Int], _ buildIdx: inout [Int]) {
        var w = 0
        for k in 0..<min(mask.count, probeIdx.count) where mask[k] {
            probeIdx[w] = probeIdx[k]
            buildIdx[w] = buildIdx[k]
            w += 1
        }
        probeIdx.removeLast(probeIdx.count - w)
        buildIdx.removeLast(buildIdx.count - w)
    }

    /// LEFT and FULL joins keep probe order: each row's matched pairs, or the row once
    /// with build row -1 (NULLs) when nothing matched.
    static func extendUnmatched(_ probeIdx: [Int], _ buildIdx: [Int], range: Range<Int>) -> ([Int], [Int]) {
        if probeIdx.count == range.count, probeIdx.first == range.lowerBound, probeIdx.last == range.upperBound - 1,
           isRun(probeIdx) {
            return (probeIdx, buildIdx)
        }
        var pOut: [Int] = [], bOut: [Int] = []
        pOut.reserveCapacity(max(range.count, probeIdx.count))
        bOut.reserveCapacity(max(range.count, probeIdx.count))
        var k = 0
        for i in range {
            if k < probeIdx.count && probeIdx[k] == i {
                while k < probeIdx.count && probeIdx[k] == i { pOut.append(i); bOut.append(buildIdx[k]); k += 1 }
            } else {
                pOut.append(i)
                bOut.append(-1)
            }
        }
        return (pOut, bOut)
    }

    /// True when `indices` are consecutive ascending rows.
    static func isRun(_ indices: [Int]) -> Bool {
        guard let first = indices.first else { return true }
        return indices.withUnsafeBufferPointer { ix in
            var ok = true
            for k in 0..<ix.count { ok = ok && ix[k] == first &+ k }
            return ok
        }
    }

    /// Column `c` of the join's schema for the pairs: a probe column at `p`, or a build
    /// column at `b`.
    func pairColumn(_ c: Int, _ batch: Batch, _ p: [Int], _ b: [Int]) -> Column {
        let l = leftTypes.count
        return c < l ? batch.columns[c].gather(p) : build.columns[c - l].gather(b)
    }

    /// The output columns for pairs (`p`, `b`); `b` is unused when only probe columns are output.
    func combine(_ batch: Batch, _ p: [Int], _ b: [Int]) -> Batch {
        let l = leftTypes.count
        // Probe rows that are a run of the batch are sliced rather than gathered.
        let run: Range<Int>? = HashJoinOperator.isRun(p) ? (p.first ?? 0)..<((p.first ?? 0) + p.count) : nil
        var cols: [Column] = []
        cols.reserveCapacity(output.count)
        for c in output {
            if c >= l {
                cols.append(build.columns[c - l].gather(b))
            } else if let run {
                cols.append(batch.columns[c].slice(run))
            } else {
                cols.append(batch.columns[c].gather(p))
            }
        }
        return Batch(columns: cols, count: p.count)
    }

    /// The right (build) columns a join producing `output` reads: those output and those
    /// its residual reads, as indices into the right schema.
    static func buildColumnsRead(_ node: JoinNode, output: [Int]?) -> Set<Int> {
        let l = node.left.schema.fields.count
        var read = Set(output ?? Array(0..<node.schema.fields.count))
        if let r = node.residual { read.formUnion(r.referencedColumns) }
        return Set(read.filter { $0 >= l }.map { $0 - l })
    }

    /// RIGHT and FULL joins: build rows that never matched, NULL-extended on the left.
    func finishUnmatchedBuild() throws(SQLError) -> Batch? {
        guard node.type == .right || node.type == .full, !emittedUnmatchedBuild else { return nil }
        emittedUnmatchedBuild = true
        let rows = (0..<build.count).filter { !buildMatched[$0] }
        if rows.isEmpty { return nil }
        let l = leftTypes.count
        let cols = output.map { c in
            c < l ? Column.constant(.null, type: leftTypes[c], count: rows.count) : build.columns[c - l].gather(rows)
        }
        return Batch(columns: cols, count: rows.count)
    }
}
