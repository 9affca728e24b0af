import Columnar
import Diagnostics
import Dispatch

/// Runs partitions of a streaming pipeline (scan → filter → project → join probe) on
/// their own threads and hands their batches to the consumer as they come. Row order
/// across partitions is not kept, so it only sits below consumers that do not care
/// (aggregates, sorts, join builds).
final class ExchangeOperator: PhysicalOperator, @unchecked Sendable {
    private let partitions: [any PhysicalOperator]
    private let context: ExecutionContext
    private let lock = DispatchSemaphore(value: 1)
    private let available = DispatchSemaphore(value: 0)
    private let space: DispatchSemaphore
    private var queue: [Batch] = []
    private var head = 0
    private var finished = 0
    private var failure: SQLError? = nil
    private var stopped = false
    private var started = false
    private let group = DispatchGroup()

    init(partitions: [any PhysicalOperator], context: ExecutionContext, capacity: Int = 16) {
        self.partitions = partitions
        self.context = context
        // Start at 0 and signal up to `capacity`: libdispatch traps when a semaphore is
        // freed below its initial value, which a cancelled query leaves it at.
        space = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, capacity) { space.signal() }
    }

    deinit {
        lock.wait()
        stopped = true
        lock.signal()
        // Let blocked producers run to their stop check.
        for _ in partitions { space.signal() }
        group.wait()
    }

    private func start() {
        started = true
        for p in partitions {
            let worker = UncheckedOperator(p)
            group.enter()
            DispatchQueue.global().async { [self] in
                defer { group.leave() }
                run(worker.op)
            }
        }
    }

    private func run(_ op: any PhysicalOperator) {
        do {
            while let b = try op.next() {
                if b.count == 0 { continue }
                while space.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                    if isStopped { return }
                }
                lock.wait()
                if stopped { lock.signal(); return }
                queue.append(b)
                lock.signal()
                available.signal()
            }
        } catch {
            lock.wait()
            if failure == nil { failure = error }
            lock.signal()
        }
        lock.wait()
        finished += 1
        lock.signal()
        available.signal()
    }

    private var isStopped: Bool {
        lock.wait()
        defer { lock.signal() }
        return stopped || context.cancellation.isCancelled
    }

    func next() throws(SQLError) -> Batch? {
        if !started { start() }
        while true {
            available.wait()
            lock.wait()
            if let f = failure {
                stopped = true
                lock.signal()
                throw f
            }
            if head < queue.count {
                let b = queue[head]
                head += 1
                if head > 64 { queue.removeFirst(head); head = 0 }
                lock.signal()
                space.signal()
                return b
            }
            if finished == partitions.count {
                lock.signal()
                available.signal()
                return nil
            }
            lock.signal()
        }
    }
}

/// Moves an operator to the thread that alone will use it.
struct UncheckedOperator: @unchecked Sendable {
    let op: any PhysicalOperator
    init(_ op: any PhysicalOperator) { self.op = op }
}
