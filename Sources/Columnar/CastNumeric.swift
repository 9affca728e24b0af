import Diagnostics

// Numeric casts: integers, doubles and decimals among each other. Integers are range-checked,
// doubles round half away from zero into integers and decimals, decimals rescale with the
// same rounding and check their precision.

extension Column {
    /// Integers (TINYINT..BIGINT) to another numeric type or BOOLEAN.
    func castInteger(_ a: [Int64], to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        switch target {
        case .boolean: return .bool(a.map { $0 != 0 })
        case .float64: return .double(a.map { Double($0) })
        case .float32: return .double(a.map { Double(Float($0)) })
        case let .decimal(p, s):
            var out = [Int128](repeating: 0, count: a.count)
            for i in 0..<a.count where !isNull(i) {
                if let r = Decimal128.rescale(Int128(a[i]), from: 0, to: s), fitsPrecision(r, p) { out[i] = r }
                else { try sink.fail(i, outOfRange(String(a[i]), target)) }
            }
            return .decimal(out)
        default:
            guard let range = target.integerRange else { throw unsupportedCast(type, target) }
            if let own = type.integerRange, range.lowerBound <= own.lowerBound, own.upperBound <= range.upperBound { return .int(a) }
            for i in 0..<a.count where !isNull(i) && !range.contains(a[i]) {
                try sink.fail(i, outOfRange(String(a[i]), target))
            }
            return .int(a)
        }
    }

    /// Doubles to integers (rounded), decimals (rounded) or the other float width.
    func castDouble(_ a: [Double], to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        switch target {
        case .float64: return .double(a)
        case .float32:
            var out = a
            for i in 0..<a.count {
                let f = Float(a[i])
                if f.isInfinite, a[i].isFinite, !isNull(i) { try sink.fail(i, outOfRange(Value.formatDouble(a[i]), target)) }
                out[i] = Double(f)
            }
            return .double(out)
        case let .decimal(p, s):
            var out = [Int128](repeating: 0, count: a.count)
            for i in 0..<a.count where !isNull(i) {
                if let r = Column.doubleToDecimal(a[i], scale: s), fitsPrecision(r, p) { out[i] = r }
                else { try sink.fail(i, outOfRange(Value.formatDouble(a[i]), target)) }
            }
            return .decimal(out)
        default:
            guard let range = target.integerRange else { throw unsupportedCast(type, target) }
            var out = [Int64](repeating: 0, count: a.count)
            for i in 0..<a.count where !isNull(i) {
                if let v = Column.doubleToInt(a[i]), range.contains(v) { out[i] = v }
                else { try sink.fail(i, outOfRange(Value.formatDouble(a[i]), target)) }
            }
            return .int(out)
        }
    }

    /// Decimals to integers (rounded), doubles, or decimals of another precision/scale.
    func castDecimal(_ a: [Int128], to target: DataType, _ sink: inout CastSink) throws(SQLError) -> ColumnStorage {
        guard case let .decimal(_, scale) = type else { throw unsupportedCast(type, target) }
        switch target {
        case .float64, .float32: return .double(a.map { Decimal128.toDouble($0, scale: scale) })
        case let .decimal(p, s):
            var out = [Int128](repeating: 0, count: a.count)
            for i in 0..<a.count where !isNull(i) {
                if let r = Decimal128.rescale(a[i], from: scale, to: s), fitsPrecision(r, p) { out[i] = r }
                else { try sink.fail(i, outOfRange(Decimal128.format(a[i], scale: scale), target)) }
            }
            return .decimal(out)
        default:
            guard let range = target.integerRange else { throw unsupportedCast(type, target) }
            var out = [Int64](repeating: 0, count: a.count)
            for i in 0..<a.count where !isNull(i) {
                if let r = Decimal128.rescale(a[i], from: scale, to: 0), r >= Int128(range.lowerBound), r <= Int128(range.upperBound) {
                    out[i] = Int64(truncatingIfNeeded: r)
                } else {
                    try sink.fail(i, outOfRange(Decimal128.format(a[i], scale: scale), target))
                }
            }
            return .int(out)
        }
    }

    /// A double rounded half away from zero to an Int64, nil when NaN, infinite or too large.
    @inline(__always)
    static func doubleToInt(_ d: Double) -> Int64? {
        let r = d.rounded(.toNearestOrAwayFromZero)
        guard r.isFinite, r >= -9_223_372_036_854_775_808.0, r < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(r)
    }

    /// A double as an unscaled decimal at `scale`, going through its shortest text so that
    /// 1.005 rounds like the digits a user sees; nil when not finite or too large.
    static func doubleToDecimal(_ d: Double, scale: Int) -> Int128? {
        guard d.isFinite else { return nil }
        if d == d.rounded(), abs(d) < 9e15 {
            return Decimal128.rescale(Int128(Int64(d)), from: 0, to: scale)
        }
        return Decimal128.parse(Substring("\(d)"), scale: scale)
    }
}

/// True when unscaled `v` has at most `precision` digits.
@inline(__always)
func fitsPrecision(_ v: Int128, _ precision: Int) -> Bool {
    let m = Decimal128.maxMagnitude(precision: precision)
    return v >= -m && v <= m
}

/// "value 300 out of range for TINYINT".
func outOfRange(_ text: String, _ target: DataType) -> SQLError {
    SQLError(.runtime, "value \(text) out of range for \(target)")
}
