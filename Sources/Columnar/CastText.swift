import Diagnostics

// Casts to and from VARCHAR. Text is what `Value.rendered` prints (DOUBLE shortest form,
// DECIMAL with its scale, ISO dates); parsing trims surrounding blanks first.

extension Column {
    /// Every row as text; NULL rows stay NULL.
    func castToString() -> Column {
        var out = StringStorage()
        out.offsets.reserveCapacity(count + 1)
        switch storage {
        case let .int(a) where type.isInteger || type == .boolean:
            for i in 0..<a.count {
                if !isNull(i) { appendDigits(a[i], to: &out.bytes) }
                out.offsets.append(out.bytes.count)
            }
        case .string:
            return Column(type: .string, storage: storage, validity: validity)
        default:
            for i in 0..<count {
                if isNull(i) { out.appendEmpty(); continue }
                out.append(value(at: i).rendered(type: type) ?? "")
            }
        }
        return Column(type: .string, storage: .string(out), validity: validity)
    }

    /// Text parsed as `target`.
    func castString(_ s: StringStorage, to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        let n = s.count
        switch target {
        case .int8, .int16, .int32, .int64:
            let range = target.integerRange ?? Int64.min...Int64.max
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where !isNull(i) {
                switch s.withBytes(i, { parseInteger($0) }) {
                case let .some(.some(v)) where range.contains(v): out[i] = v
                case .some(.some), .some(.none): try sink.fail(i, outOfRange(s[i].trimmedBlanks, target))
                case .none: try sink.fail(i, invalidInput(s[i], target))
                }
            }
            return .int(out)
        case .float32, .float64:
            var out = [Double](repeating: 0, count: n)
            for i in 0..<n where !isNull(i) {
                if let d = Double(Substring(s[i].trimmedBlanks)) { out[i] = target == .float32 ? Double(Float(d)) : d }
                else { try sink.fail(i, invalidInput(s[i], target)) }
            }
            return .double(out)
        case let .decimal(p, sc):
            var out = [Int128](repeating: 0, count: n)
            for i in 0..<n where !isNull(i) {
                let text = s[i].trimmedBlanks
                if let v = Decimal128.parse(Substring(text), scale: sc) {
                    if fitsPrecision(v, p) { out[i] = v } else { try sink.fail(i, outOfRange(text, target)) }
                } else {
                    try sink.fail(i, invalidInput(s[i], target))
                }
            }
            return .decimal(out)
        case .boolean:
            var out = [Bool](repeating: false, count: n)
            for i in 0..<n where !isNull(i) {
                if let b = parseBoolean(s[i]) { out[i] = b } else { try sink.fail(i, invalidInput(s[i], target)) }
            }
            return .bool(out)
        case .date, .timestamp:
            var out = [Int64](repeating: 0, count: n)
            let isDate = target == .date
            for i in 0..<n where !isNull(i) {
                // parse straight from the bytes: no String per row
                let parsed: Int64? = s.withBytes(i) { p in
                    if isDate {
                        var k = 0
                        if let d = DateTime.parseDatePart(p, &k) {
                            while k < p.count, isBlank(p[k]) { k += 1 }
                            if k == p.count { return d }
                        }
                    }
                    guard let t = DateTime.parseTimestamp(bytes: p) else { return nil }
                    return isDate ? DateTime.floorDiv(t, DateTime.microsPerDay) : t
                }
                if let v = parsed { out[i] = v } else { try sink.fail(i, invalidInput(s[i], target)) }
            }
            return .int(out)
        case .interval:
            var out = [Interval](repeating: Interval(), count: n)
            for i in 0..<n where !isNull(i) {
                if let v = Interval.parse(s[i], unit: nil) { out[i] = v } else { try sink.fail(i, invalidInput(s[i], target)) }
            }
            return .interval(out)
        default:
            throw unsupportedCast(type, target)
        }
    }
}

/// `invalid input for INTEGER: "abc"`.
func invalidInput(_ text: String, _ target: DataType) -> SQLError {
    SQLError(.runtime, "invalid input for \(target): \"\(text)\"")
}

/// Decimal digits of `v` appended as UTF-8.
func appendDigits(_ v: Int64, to bytes: inout [UInt8]) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    var m = v.magnitude
    let start = bytes.count
    repeat {
        bytes.append(UInt8(m % 10) + 0x30)
        m /= 10
    } while m != 0
    bytes[start...].reverse()
}

/// True for blanks that casts trim (space, tab, newline, carriage return).
@inline(__always)
func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

/// Parses an integer with optional sign and surrounding blanks. Returns nil when the text is
/// not a number, `.some(nil)` when it is a number too large for BIGINT. Text with a fraction
/// or exponent ('1.5', '1e3') is accepted and rounded half away from zero.
func parseInteger(_ p: UnsafeBufferPointer<UInt8>) -> Int64?? {
    var lo = 0, hi = p.count
    while lo < hi, isBlank(p[lo]) { lo += 1 }
    while hi > lo, isBlank(p[hi - 1]) { hi -= 1 }
    guard lo < hi else { return nil }
    var i = lo
    var negative = false
    if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
    guard i < hi else { return nil }
    var v: Int64 = 0
    var overflow = false
    let start = i
    while i < hi, p[i] >= 0x30, p[i] <= 0x39 {
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (r, o2) = negative ? m.subtractingReportingOverflow(Int64(p[i] - 0x30)) : m.addingReportingOverflow(Int64(p[i] - 0x30))
        overflow = overflow || o1 || o2
        v = r
        i += 1
    }
    if i == hi, i > start { return overflow ? .some(nil) : .some(v) }
    // Not a plain integer: accept decimal notation, rounded.
    let text = String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self)
    guard let d = Decimal128.parse(Substring(text), scale: 0) else { return nil }
    guard d >= Int128(Int64.min), d <= Int128(Int64.max) else { return .some(nil) }
    return .some(Int64(truncatingIfNeeded: d))
}

/// Boolean spellings: true/false, t/f, yes/no, y/n, on/off, 1/0 (case-insensitive).
func parseBoolean(_ text: String) -> Bool? {
    switch text.trimmedBlanks.lowercased() {
    case "true", "t", "yes", "y", "on", "1": return true
    case "false", "f", "no", "n", "off", "0": return false
    default: return nil
    }
}

extension String {
    /// The string without leading and trailing blanks.
    var trimmedBlanks: String {
        let u = Array(utf8)
        var lo = 0, hi = u.count
        while lo < hi, isBlank(u[lo]) { lo += 1 }
        while hi > lo, isBlank(u[hi - 1]) { hi -= 1 }
        if lo == 0, hi == u.count { return self }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
