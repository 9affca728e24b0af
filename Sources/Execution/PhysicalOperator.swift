import Columnar
import Diagnostics

/// A running operator: `next()` returns the next batch of its output, nil at the end.
/// Pipeline breakers (join build, aggregate, sort) drain their input on the first call.
public protocol PhysicalOperator: AnyObject {
    /// The next batch, or nil when done.
    func next() throws(SQLError) -> Batch?
}

extension PhysicalOperator {
    /// Every remaining batch.
    func drain() throws(SQLError) -> [Batch] {
        var out: [Batch] = []
        while let b = try next() { if b.count > 0 || out.isEmpty { out.append(b) } }
        return out
    }

    /// Everything remaining as one batch of the given types.
    func drainConcatenated(types: [DataType]) throws(SQLError) -> Batch {
        let batches = try drain().filter { $0.count > 0 }
        if batches.isEmpty { return Batch.empty(types: types) }
        return Batch.concatenate(batches, types: types)
    }
}

/// Rows and time an operator produced (EXPLAIN ANALYZE).
public final class OperatorStatistics {
    /// Rows returned.
    public var rows = 0
    /// Batches returned.
    public var batches = 0
    /// Time spent in `next()`, including inputs, in nanoseconds.
    public var nanoseconds: UInt64 = 0

    init() {}
}

/// Wraps an operator to count its rows and time.
final class InstrumentedOperator: PhysicalOperator {
    let inner: any PhysicalOperator
    let stats: OperatorStatistics

    init(_ inner: any PhysicalOperator, stats: OperatorStatistics) {
        self.inner = inner
        self.stats = stats
    }

    func next() throws(SQLError) -> Batch? {
        let start = ContinuousClock.now
        let b = try inner.next()
        let d = ContinuousClock.now - start
        stats.nanoseconds += UInt64(d.components.seconds) * 1_000_000_000 + UInt64(d.components.attoseconds / 1_000_000_000)
        if let b {
            stats.rows += b.count
            stats.batches += 1
        }
        return b
    }
}

/// Hands out a materialized result (of a sort, aggregate or window) in batch-sized slices.
struct BatchSlicer {
    private var position = 0

    /// The next slice of `batch`, or nil when all of it was handed out.
    mutating func next(of batch: Batch) -> Batch? {
        guard position < batch.count else { return nil }
        let end = min(batch.count, position + Batch.preferredSize * 4)
        defer { position = end }
        return batch.slice(position..<end)
    }
}
