import Columnar
import Diagnostics
import Dispatch
import Planner

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
