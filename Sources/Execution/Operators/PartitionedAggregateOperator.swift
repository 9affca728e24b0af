import Columnar
import Diagnostics
import Dispatch
import Planner
import Synchronization

/// GROUP BY on every core. First each thread runs its copy of the input pipeline and deals
/// the rows out by a hash of the group key, one share per thread; then each thread
/// aggregates one share. All rows of a group land in the same share, so the shares' results
/// together are the answer, and every aggregate (MEDIAN, DISTINCT, ...) works unchanged.
/// The input is held in memory between the two steps, so the planner uses this only for
/// inputs of known, moderate size.
final class PartitionedAggregateOperator: PhysicalOperator {
    let node: AggregateNode
    let producers: [any PhysicalOperator]
    let contexts: [ExecutionContext]
    var output: [Batch]? = nil
    var position = 0

    /// `node`'s groups must be columns of its input; one producer and context per thread.
    init(node: AggregateNode, producers: [any PhysicalOperator], contexts: [ExecutionContext]) {
        self.node = node
        self.producers = producers
        self.contexts = contexts
    }

    func next() throws(SQLError) -> Batch? {
        if output == nil { output = try run() }
        guard let out = output, position < out.count else { return nil }
        position += 1
        return out[position - 1]
    }

    func run() throws(SQLError) -> [Batch] {
        let ways = producers.count
        let keys = node.groups.compactMap(\.columnIndex)
        let node = self.node
        let workers = zip(producers, contexts).map { Worker(op: $0, context: $1) }
        // Step 1: shares[i][w] holds the rows thread i dealt to share w.
        let shares = try Self.onEveryThread(ways) { (i) throws(SQLError) -> [[Batch]] in
            var out = [[Batch]](repeating: [], count: ways)
            let worker = workers[i]
            while let b = try worker.op.next() {
                try worker.context.checkCancelled()
                if b.count == 0 { continue }
                let hashes = Self.keyHashes(keys.map { b.columns[$0] }, count: b.count)
                var rows = [[Int]](repeating: [], count: ways)
                for r in 0..<b.count {
                    rows[Int(KeyHasher.mix(hashes[r] &+ 0x9E37_79B9_7F4A_7C15) % UInt64(ways))].append(r)
                }
                for w in 0..<ways where !rows[w].isEmpty {
                    out[w].append(rows[w].count == b.count ? b : b.gather(rows[w]))
                }
            }
            return out
        }
        // Step 2: thread w aggregates share w.
        let results = try Self.onEveryThread(ways) { (w) throws(SQLError) -> [Batch] in
            let input = BatchListOperator(shares.flatMap { $0[w] })
            let aggregate = HashAggregateOperator(node: node, input: input, context: workers[w].context)
            var out: [Batch] = []
            while let b = try aggregate.next() { out.append(b) }
            return out
        }
        return results.flatMap { $0 }
    }

    /// One hash per row of the key columns, equal for rows GROUP BY puts in one group:
    /// a NULL hashes the same whatever its slot holds.
    static func keyHashes(_ columns: [Column], count: Int) -> [UInt64] {
        var h = [UInt64](repeating: 0x1234_5678, count: count)
        for c in columns {
            let before = c.validity == nil ? [] : h
            KeyHasher.combine(c, into: &h)
            if let v = c.validity {
                for i in 0..<count where !v[i] { h[i] = KeyHasher.mix(before[i] &* 31 &+ 0xDEAD_BEEF) }
            }
        }
        return h
    }

    /// One thread's pipeline and context, handed to that thread alone.
    struct Worker: @unchecked Sendable {
        let op: any PhysicalOperator
        let context: ExecutionContext
    }

    /// `body(i)` for every `i` in `0..<count`, each on its own thread where the machine has
    /// them; the results in index order, or the first error by index.
    static func onEveryThread<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws(SQLError) -> T) throws(SQLError) -> [T] {
        let results = Mutex([Result<T, SQLError>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let r: Result<T, SQLError>
            do throws(SQLError) { r = .success(try body(i)) } catch { r = .failure(error) }
            results.withLock { $0[i] = r }
        }
        var out: [T] = []
        for r in results.withLock({ $0 }) {
            switch r {
            case let .success(v)?: out.append(v)
            case let .failure(e)?: throw e
            case nil: throw SQLError(.internal, "a parallel aggregate task did not run")
            }
        }
        return out
    }
}

/// Hands out batches held in memory.
final class BatchListOperator: PhysicalOperator {
    var batches: [Batch]
    var position = 0

    init(_ batches: [Batch]) { self.batches = batches }

    func next() throws(SQLError) -> Batch? {
        guard position < batches.count else { return nil }
        position += 1
        return batches[position - 1]
    }
}
