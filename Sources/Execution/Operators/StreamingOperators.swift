import Columnar
import Diagnostics
import Planner

/// Keeps rows where the predicate is TRUE.
final class FilterOperator: PhysicalOperator {
    let input: any PhysicalOperator
    let predicate: BoundExpr
    let context: ExecutionContext

    init(input: any PhysicalOperator, predicate: BoundExpr, context: ExecutionContext) {
        self.input = input
        self.predicate = predicate
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        while true {
            try context.checkCancelled()
            guard let batch = try input.next() else { return nil }
            if batch.count == 0 { continue }
            let out = batch.filter(try context.evaluator.predicateMask(predicate, batch))
            if out.count > 0 { return out }
        }
    }
}

/// Computes expressions per row.
final class ProjectOperator: PhysicalOperator {
    let input: any PhysicalOperator
    let exprs: [BoundExpr]
    let context: ExecutionContext

    init(input: any PhysicalOperator, exprs: [BoundExpr], context: ExecutionContext) {
        self.input = input
        self.exprs = exprs
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        try context.checkCancelled()
        guard let batch = try input.next() else { return nil }
        let evaluator = context.evaluator
        var cols: [Column] = []
        cols.reserveCapacity(exprs.count)
        for e in exprs { cols.append(try evaluator.evaluate(e, batch)) }
        return Batch(columns: cols, count: batch.count)
    }
}

/// Skips `offset` rows, then passes at most `limit`.
final class LimitOperator: PhysicalOperator {
    let input: any PhysicalOperator
    var toSkip: Int
    var remaining: Int

    init(input: any PhysicalOperator, limit: Int?, offset: Int) {
        self.input = input
        toSkip = offset
        remaining = limit ?? Int.max
    }

    func next() throws(SQLError) -> Batch? {
        while remaining > 0 {
            guard var batch = try input.next() else { return nil }
            if toSkip > 0 {
                if batch.count <= toSkip { toSkip -= batch.count; continue }
                batch = batch.slice(toSkip..<batch.count)
                toSkip = 0
            }
            if batch.count > remaining { batch = batch.slice(0..<remaining) }
            remaining -= batch.count
            return batch
        }
        return nil
    }
}

/// Passes each distinct row once (first occurrence order).
final class DistinctOperator: PhysicalOperator {
    let input: any PhysicalOperator
    let table: GroupTable
    let context: ExecutionContext

    init(input: any PhysicalOperator, types: [DataType], context: ExecutionContext) {
        self.input = input
        table = GroupTable(types: types, nullsMatch: true)
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        while true {
            try context.checkCancelled()
            guard let batch = try input.next() else { return nil }
            let before = table.count
            let ids = table.findOrInsert(batch.columns, count: batch.count)
            var keep: [Int] = []
            var seen = before
            for (i, id) in ids.enumerated() where id >= seen {
                keep.append(i)
                seen = id + 1
            }
            if !keep.isEmpty { return keep.count == batch.count ? batch : batch.gather(keep) }
        }
    }
}

/// UNION [ALL], INTERSECT [ALL], EXCEPT [ALL].
final class SetOperationOperator: PhysicalOperator {
    let node: SetOperationNode
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let types: [DataType]
    let context: ExecutionContext
    var leftDone = false
    var output: [Batch]? = nil
    var distinct: DistinctOperator? = nil

    init(node: SetOperationNode, left: any PhysicalOperator, right: any PhysicalOperator, context: ExecutionContext) {
        self.node = node
        self.left = left
        self.right = right
        self.types = node.schema.types
        self.context = context
    }

    func next() throws(SQLError) -> Batch? {
        if node.operation == .union {
            if node.all { return try unionAll() }
            if distinct == nil { distinct = DistinctOperator(input: UnionAllSource(self), types: types, context: context) }
            return try distinct?.next()
        }
        if output == nil { output = try computeIntersectExcept() }
        if var out = output, !out.isEmpty {
            let b = out.removeFirst()
            output = out
            return b
        }
        return nil
    }

    func unionAll() throws(SQLError) -> Batch? {
        if !leftDone {
            if let b = try left.next() { return b }
            leftDone = true
        }
        return try right.next()
    }

    /// Counts rows per distinct key on both sides, then emits keys with the right multiplicity.
    func computeIntersectExcept() throws(SQLError) -> [Batch] {
        let table = GroupTable(types: types, nullsMatch: true)
        var leftCounts: [Int] = []
        var order: [Int] = []
        while let b = try left.next() {
            let ids = table.findOrInsert(b.columns, count: b.count)
            for id in ids {
                if id >= leftCounts.count { leftCounts.append(0); order.append(id) }
                leftCounts[id] += 1
            }
        }
        var rightCounts = [Int](repeating: 0, count: leftCounts.count)
        while let b = try right.next() {
            let ids = table.find(b.columns, count: b.count)
            for id in ids where id >= 0 { rightCounts[id] += 1 }
        }
        var picks: [Int] = []
        for id in order {
            let l = leftCounts[id], r = rightCounts[id]
            let n: Int
            switch (node.operation, node.all) {
            case (.intersect, false): n = r > 0 ? 1 : 0
            case (.intersect, true): n = min(l, r)
            case (.except, false): n = r == 0 ? 1 : 0
            default: n = max(0, l - r)
            }
            for _ in 0..<n { picks.append(id) }
        }
        let keys = table.keys()
        if picks.isEmpty { return [] }
        return [Batch(columns: keys.map { $0.gather(picks) }, count: picks.count)]
    }
}

/// Adapts SetOperationOperator's UNION ALL stream as an input.
final class UnionAllSource: PhysicalOperator {
    unowned let owner: SetOperationOperator
    init(_ owner: SetOperationOperator) { self.owner = owner }
    func next() throws(SQLError) -> Batch? { try owner.unionAll() }
}
