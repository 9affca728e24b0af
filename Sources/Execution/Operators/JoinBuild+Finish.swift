import Columnar
import Diagnostics
import Dispatch

/// The last step of an integer-key build, once the right input is drained: the key index
/// and the build columns back to back are independent, so they are made at the same time
/// on the pool's threads (the probe threads wait for both). Columns no one reads (not in
/// the join's output, not in its residual) are left empty instead of concatenated.
extension JoinBuild {
    /// Made concurrently: the index over `keys`, and `batches` concatenated column by
    /// column (empty columns for those not in `read`, when given).
    static func finish(_ batches: [Batch], keys: [Column], types: [DataType], read: Set<Int>?) throws(SQLError) -> (Batch, JoinIntTable) {
        let rows = batches.reduce(0) { $0 + $1.count }
        let work = FinishWork(count: types.count)
        DispatchQueue.concurrentPerform(iterations: types.count + 1) { k in
            if k == types.count {
                do throws(SQLError) { work.table = .success(try JoinIntTable(keys: keys)) } catch { work.table = .failure(error) }
                return
            }
            let column: Column
            if let read, !read.contains(k) {
                column = ColumnBuilder(type: types[k]).finish()
            } else {
                column = batches.count == 1 ? batches[0].columns[k] : Column.concatenate(batches.map { $0.columns[k] }, type: types[k])
            }
            work.set(k, column)
        }
        switch work.table {
        case let .success(t)?: return (Batch(columns: work.columns(types), count: rows), t)
        case let .failure(e)?: throw e
        case nil: throw SQLError(.internal, "join index missing")
        }
    }
}

/// Results of the concurrent finish: each iteration writes only its own slot, and they
/// are read after `concurrentPerform` returns.
private final class FinishWork: @unchecked Sendable {
    var table: Result<JoinIntTable, SQLError>? = nil
    private let slots: UnsafeMutableBufferPointer<Column?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ k: Int, _ column: Column) { slots[k] = column }

    /// The columns in order (an empty column of its type for a slot never set).
    func columns(_ types: [DataType]) -> [Column] {
        types.enumerated().map { k, t in slots[k] ?? ColumnBuilder(type: t).finish() }
    }
}
