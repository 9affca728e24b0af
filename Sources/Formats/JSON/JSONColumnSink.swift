import Columnar

/// The values of one output column of the batch being read, in buffers that are kept from
/// batch to batch: a row's value is one store at its row index (strings: bytes appended
/// to one buffer, plus an end offset), with no per-call capacity or uniqueness checks.
/// `finish` copies the rows into a `Column` (one copy per column and batch) and empties the
/// sink. Columns of other storage (BOOLEAN, nested values) go through a `ColumnBuilder`.
///
/// Sinks live in a buffer owned by the read state (`JSONScanState.sinks`), so they are
/// mutated in place; `release()` frees them.
struct JSONColumnSink {
    /// How rows are kept.
    enum Mode { case int, double, decimal, string, builder }

    /// The column's type.
    let type: DataType
    let mode: Mode
    /// Rows per batch.
    let capacity: Int
    /// Fixed-width values (`int`, `double`, `decimal`): `capacity` slots.
    private let values: UnsafeMutableRawPointer
    /// Strings: `offsets[r + 1]` is the end of row r's bytes (`offsets[0]` is 0).
    private let offsets: UnsafeMutablePointer<Int>
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var byteCount = 0
    /// Validity words (bit set = value present), meaningful once the batch has a NULL.
    private let validity: UnsafeMutablePointer<UInt64>
    private var nulls = 0
    /// The builder of `.builder` columns.
    var builder: ColumnBuilder

    /// Spare bytes past the string data, so a short string may be copied as whole words.
    static let slack = 16

    /// A sink for a column of `type` whose values are staged as converter `kind`
    /// (`Kind`; nil for the corrupt-record column, which holds raw text).
    init(type: DataType, kind: UInt8?, capacity: Int) {
        self.type = type
        self.capacity = max(capacity, 1)
        switch (type.physical, kind) {
        case (.int, Kind.integer?), (.int, Kind.date?), (.int, Kind.timestamp?): mode = .int
        case (.double, Kind.float32?), (.double, Kind.float64?): mode = .double
        case (.decimal, Kind.decimal?): mode = .decimal
        case (.string, Kind.string?), (.string, nil): mode = .string
        default: mode = .builder
        }
        let width = mode == .decimal ? 16 : 8
        values = .allocate(byteCount: mode == .int || mode == .double || mode == .decimal ? self.capacity * width : 16, alignment: 16)
        offsets = .allocate(capacity: mode == .string ? self.capacity + 1 : 1)
        offsets[0] = 0
        byteCapacity = mode == .string ? 16 * self.capacity : 0
        bytes = .allocate(capacity: byteCapacity + JSONColumnSink.slack)
        validity = .allocate(capacity: (self.capacity + 63) >> 6)
        builder = ColumnBuilder(type: type, capacity: mode == .builder ? self.capacity : 0)
    }

    /// Frees the buffers.
    func release() {
        values.deallocate(); offsets.deallocate(); bytes.deallocate(); validity.deallocate()
    }

    @inline(__always) mutating func store(int v: Int64, _ row: Int) { values.storeBytes(of: v, toByteOffset: row &* 8, as: Int64.self) }
    @inline(__always) mutating func store(double v: Double, _ row: Int) { values.storeBytes(of: v, toByteOffset: row &* 8, as: Double.self) }
    @inline(__always) mutating func store(decimal v: Int128, _ row: Int) { values.storeBytes(of: v, toByteOffset: row &* 16, as: Int128.self) }

    /// Stores the `n` bytes at `src` as row `row`'s string. `overRead`: the 16 bytes from
    /// `src` may all be read (then a short string is copied as two words).
    @inline(__always)
    mutating func store(bytes src: UnsafePointer<UInt8>, _ n: Int, _ row: Int, overRead: Bool) {
        if byteCapacity - byteCount < n { grow(n) }
        let dst = bytes + byteCount
        if overRead && n <= 16 {
            // `slack` spare bytes after the capacity keep the second word inside the buffer.
            let raw = UnsafeRawPointer(src), out = UnsafeMutableRawPointer(dst)
            out.storeBytes(of: raw.loadUnaligned(as: UInt64.self), as: UInt64.self)
            out.storeBytes(of: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else if n > 0 {
            dst.update(from: src, count: n)
        }
        byteCount &+= n
        offsets[row &+ 1] = byteCount
    }

    /// Stores a NULL as row `row` (not for `.builder` sinks).
    @inline(__always)
    mutating func storeNull(_ row: Int) {
        switch mode {
        case .int, .double: values.storeBytes(of: 0, toByteOffset: row &* 8, as: Int64.self)
        case .decimal: values.storeBytes(of: 0, toByteOffset: row &* 16, as: Int128.self)
        case .string: offsets[row &+ 1] = byteCount
        case .builder: builder.appendNull(); return
        }
        if nulls == 0 { validity.update(repeating: ~0, count: (capacity + 63) >> 6) }
        nulls &+= 1
        validity[row >> 6] &= ~(1 &<< UInt64(row & 63))
    }

    private mutating func grow(_ n: Int) {
        // Sizes stay far below Int.max: they are bounded by the bytes of the files read.
        let needed = byteCount &+ n
        var size = max(byteCapacity &* 2, 64)
        while size < needed { size = size &* 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: size + JSONColumnSink.slack)
        fresh.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = fresh
        byteCapacity = size
    }

    /// The first `rows` rows as a column; the sink starts the next batch empty.
    mutating func finish(rows: Int) -> Column {
        let n = min(rows, capacity)
        defer { byteCount = 0; nulls = 0 }
        if mode == .builder {
            defer { builder = ColumnBuilder(type: type, capacity: capacity) }
            return builder.finish()
        }
        let storage: ColumnStorage
        switch mode {
        case .int: storage = .int(copy(n, as: Int64.self))
        case .double: storage = .double(copy(n, as: Double.self))
        case .decimal: storage = .decimal(copy(n, as: Int128.self))
        default:
            var s = StringStorage()
            s.offsets = Array(UnsafeBufferPointer(start: offsets, count: n + 1))
            s.bytes = Array(UnsafeBufferPointer(start: bytes, count: offsets[n]))
            storage = .string(s)
        }
        guard nulls > 0 else { return Column(type: type, storage: storage) }
        let words = (n + 63) >> 6
        var bits = Bitmap(count: n, value: true)
        for w in 0..<words { bits.words[w] &= validity[w] }
        return Column(type: type, storage: storage, validity: bits)
    }

    private func copy<T>(_ n: Int, as: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let base = buffer.baseAddress {
                UnsafeMutableRawPointer(base).copyMemory(from: values, byteCount: n * MemoryLayout<T>.stride)
            }
            initialized = n
        }
    }
}
