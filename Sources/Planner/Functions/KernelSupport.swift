import Columnar
import Diagnostics

// Shared pieces of the function kernels: typed access to column buffers, NULL masks,
// result-column construction and the wording of signature errors.

extension Column {
    /// The Int64 buffer (integers, DATE, TIMESTAMP).
    func ints() throws(SQLError) -> [Int64] {
        if case let .int(a) = storage { return a }
        throw storageMismatch("integer")
    }

    /// The Double buffer.
    func doubles() throws(SQLError) -> [Double] {
        if case let .double(a) = storage { return a }
        throw storageMismatch("double")
    }

    /// The unscaled decimal buffer.
    func decimals() throws(SQLError) -> [Int128] {
        if case let .decimal(a) = storage { return a }
        throw storageMismatch("decimal")
    }

    /// The Bool buffer.
    func bools() throws(SQLError) -> [Bool] {
        if case let .bool(a) = storage { return a }
        throw storageMismatch("boolean")
    }

    /// The string storage.
    func strings() throws(SQLError) -> StringStorage {
        if case let .string(s) = storage { return s }
        throw storageMismatch("string")
    }

    /// The interval buffer.
    func intervals() throws(SQLError) -> [Interval] {
        if case let .interval(a) = storage { return a }
        throw storageMismatch("interval")
    }

    /// The scale of a DECIMAL column (0 otherwise).
    var decimalScale: Int {
        if case let .decimal(_, s) = type { return s }
        return 0
    }

    /// True when every row holds the same non-NULL value (a constant argument such as a
    /// LIKE pattern or a date_trunc unit), checked cheaply for strings.
    var isConstantString: Bool {
        guard validity == nil, case let .string(s) = storage, s.count > 0 else { return false }
        for i in 1..<s.count where !s.equals(i, s, 0) { return false }
        return true
    }

    func storageMismatch(_ expected: String) -> SQLError {
        SQLError(.internal, "kernel expected \(expected) storage, got a \(type) column")
    }

    /// Doubles of any numeric column (integers, decimals, doubles).
    func numericAsDoubles() throws(SQLError) -> [Double] {
        switch storage {
        case let .double(a): return a
        case let .int(a): return a.map { Double($0) }
        case let .decimal(a):
            let s = decimalScale
            return a.map { Decimal128.toDouble($0, scale: s) }
        default: throw storageMismatch("numeric")
        }
    }
}

/// Rows valid in every column: the NULL mask of a NULL-in, NULL-out function.
func combinedValidity(_ columns: [Column]) -> Bitmap? {
    var result: Bitmap? = nil
    for c in columns {
        guard let v = c.validity else { continue }
        result = result.map { $0.and(v) } ?? v
    }
    return result
}

/// True when row `i` is valid in `mask` (nil = all valid).
@inline(__always)
func isValid(_ mask: Bitmap?, _ i: Int) -> Bool {
    guard let m = mask else { return true }
    return m[i]
}

/// Marks row `i` NULL in `mask`, creating it when needed.
@inline(__always)
func setNull(_ mask: inout Bitmap?, _ i: Int, count: Int) {
    if mask == nil { mask = Bitmap(count: count, value: true) }
    mask?[i] = false
}

/// "function round(VARCHAR) does not exist", with a note saying what it takes.
func noSuchFunction(_ name: String, _ types: [DataType], _ takes: String) -> SQLError {
    SQLError(.type, "function \(name)(\(types.map(\.description).joined(separator: ", "))) does not exist",
             notes: ["\(name) \(takes)"])
}

/// "operator does not exist: DATE + BOOLEAN".
func noSuchOperator(_ op: String, _ types: [DataType], note: String? = nil) -> SQLError {
    let text = types.count == 1 ? "\(op) \(types[0])" : "\(types[0]) \(op) \(types[1])"
    return SQLError(.type, "operator does not exist: \(text)", notes: note.map { [$0] } ?? [])
}

/// Argument-type predicates used by resolvers (NULL fits every slot).
enum Arg {
    static func isString(_ t: DataType) -> Bool { t == .string || t == .null }
    static func isInteger(_ t: DataType) -> Bool { t.isInteger || t == .null }
    static func isNumeric(_ t: DataType) -> Bool { t.isNumeric || t == .null }
    static func isTemporal(_ t: DataType) -> Bool { t.isTemporal || t == .null }
    static func isBoolean(_ t: DataType) -> Bool { t == .boolean || t == .null }
}

/// Appends each row through `body`, or NULL where any argument is NULL; the common shape
/// of functions computed per row (string functions, calendar functions).
func buildRows(_ type: DataType, _ args: [Column], count: Int,
               _ body: (Int, inout ColumnBuilder) throws(SQLError) -> Void) throws(SQLError) -> Column {
    var b = ColumnBuilder(type: type, capacity: count)
    let mask = combinedValidity(args)
    for i in 0..<count {
        if !isValid(mask, i) { b.appendNull(); continue }
        try body(i, &b)
    }
    return b.finish()
}

/// Exact span of an interval in microseconds (30-day months), for comparisons.
func intervalSpan(_ v: Interval) -> Int128 {
    (Int128(v.months) * 30 + Int128(v.days)) * Int128(Interval.microsPerDay) + Int128(v.micros)
}
