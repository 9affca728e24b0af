import Columnar
import Diagnostics

/// Turns physical leaf values into LakeSQL values: integers of every width, dates,
/// timestamps (millis/micros/nanos and legacy INT96), decimals of any storage,
/// floats, strings and intervals.
enum ParquetValueConverter {
    /// Value `i` of `values` as the leaf's LakeSQL type; nil when it cannot be represented.
    static func value(_ values: ParquetLeafValues, _ i: Int, leaf: ParquetLeaf) -> Value? {
        let type = leaf.type
        switch values {
        case let .bool(a): return .bool(a[i])
        case let .int32(a):
            let raw = a[i]
            switch type {
            case .date: return .date(Int64(raw))
            case let .decimal(_, s): return .decimal(Int128(raw), scale: s)
            case .int64 where isUnsigned(leaf): return .int(Int64(UInt32(bitPattern: raw)))
            default: return .int(Int64(raw))
            }
        case let .int64(a):
            let raw = a[i]
            switch type {
            case .timestamp: return timestampMicros(raw, unit: timeUnit(leaf)).map { .timestamp($0) }
            case let .decimal(_, s): return .decimal(Int128(raw), scale: s)
            default: return .int(raw)
            }
        case let .float(a): return .double(Double(a[i]))
        case let .double(a): return .double(a[i])
        case let .bytes(s):
            if case let .decimal(_, sc) = type {
                let len = s.length(i)
                guard len >= 1, len <= 16 else { return nil }
                return .decimal(ParquetStatisticsCodec.decodeBigEndian(s.bytes, s.offsets[i], len), scale: sc)
            }
            return .string(s[i])
        case let .fixed(b, w):
            let start = i * w
            switch type {
            case let .decimal(_, sc):
                guard w >= 1, w <= 16 else { return nil }
                return .decimal(ParquetStatisticsCodec.decodeBigEndian(b, start, w), scale: sc)
            case .interval:
                guard w == 12 else { return nil }
                let months = Int32(bitPattern: ByteCursor.loadUInt32LE(b, start))
                let days = Int32(bitPattern: ByteCursor.loadUInt32LE(b, start + 4))
                let millis = Int32(bitPattern: ByteCursor.loadUInt32LE(b, start + 8))
                return .interval(Interval(months: months, days: days, micros: Int64(millis) * 1000))
            case .timestamp:
                // INT96: nanoseconds of the day (8 bytes) then the Julian day (4 bytes).
                guard w == 12 else { return nil }
                let nanos = Int64(bitPattern: ByteCursor.loadUInt64LE(b, start))
                let julian = Int64(Int32(bitPattern: ByteCursor.loadUInt32LE(b, start + 8)))
                let days = julian - 2_440_588
                let (dayMicros, o1) = days.multipliedReportingOverflow(by: Interval.microsPerDay)
                let (t, o2) = dayMicros.addingReportingOverflow(nanos / 1000)
                return o1 || o2 ? nil : .timestamp(t)
            case .float32:
                guard w == 2 else { return nil }
                return .double(Double(halfToFloat(UInt16(b[start]) | UInt16(b[start + 1]) << 8)))
            default:
                return .string(String(decoding: b[start..<(start + w)], as: UTF8.self))
            }
        }
    }

    static func isUnsigned(_ leaf: ParquetLeaf) -> Bool {
        if case let .integer(_, signed)? = leaf.element.logicalType { return !signed }
        return leaf.element.convertedType == .uint32
    }

    static func timeUnit(_ leaf: ParquetLeaf) -> ParquetTimeUnit {
        if case let .timestamp(_, unit)? = leaf.element.logicalType { return unit }
        return leaf.element.convertedType == .timestampMillis ? .millis : .micros
    }

    static func timestampMicros(_ raw: Int64, unit: ParquetTimeUnit) -> Int64? {
        switch unit {
        case .micros: return raw
        case .millis:
            let (v, o) = raw.multipliedReportingOverflow(by: 1000)
            return o ? nil : v
        case .nanos:
            return raw / 1000 - (raw % 1000 < 0 ? 1 : 0)
        }
    }

    /// `timestampMicros` over a whole array; nil when one value overflows.
    static func timestampsMicros(_ raw: [Int64], unit: ParquetTimeUnit) -> [Int64]? {
        switch unit {
        case .micros: return raw
        case .millis:
            var out = [Int64](repeating: 0, count: raw.count)
            var overflow = false
            for i in raw.indices {
                let (v, o) = raw[i].multipliedReportingOverflow(by: 1000)
                out[i] = v
                overflow = overflow || o
            }
            return overflow ? nil : out
        case .nanos:
            return raw.map { $0 / 1000 - ($0 % 1000 < 0 ? 1 : 0) }
        }
    }

    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = h & 0x8000 != 0 ? -1 : 1
        let exp = Int((h >> 10) & 0x1F), frac = Float(h & 0x3FF)
        if exp == 0 { return sign * frac * 0x1p-24 }
        if exp == 31 { return frac == 0 ? sign * .infinity : .nan }
        return sign * (1 + frac / 1024) * Float(sign: .plus, exponent: exp - 15, significand: 1)
    }

    /// A flat column from one leaf's definition levels and values. `defs` empty means
    /// every row is present.
    static func column(_ values: ParquetLeafValues, defs: [UInt32], rows: Int, leaf: ParquetLeaf) throws(SQLError) -> Column {
        let maxDef = UInt32(leaf.maxDef)
        var present = 0
        if defs.isEmpty { present = rows } else { for d in defs where d == maxDef { present += 1 } }
        guard present == values.count else {
            throw ParquetCorruption.error("column \(leaf.dottedPath) has \(values.count) values for \(present) present rows")
        }
        var validity: Bitmap? = nil
        if !defs.isEmpty && present < rows {
            var bm = Bitmap(count: rows, value: true)
            for (r, d) in defs.enumerated() where d != maxDef { bm[r] = false }
            validity = bm
        }
        // Fast paths for the common physical/logical pairs.
        switch (values, leaf.type) {
        case let (.int64(a), .int64):
            return Column(type: leaf.type, storage: .int(spread(a, defs, maxDef, 0)), validity: validity)
        case let (.int64(a), .timestamp):
            guard let micros = timestampsMicros(a, unit: timeUnit(leaf)) else {
                throw ParquetCorruption.error("column \(leaf.dottedPath) holds a value out of range")
            }
            return Column(type: leaf.type, storage: .int(spread(micros, defs, maxDef, 0)), validity: validity)
        case let (.int64(a), .decimal):
            return Column(type: leaf.type, storage: .decimal(spread(a.map { Int128($0) }, defs, maxDef, 0)), validity: validity)
        case let (.int32(a), .decimal):
            return Column(type: leaf.type, storage: .decimal(spread(a.map { Int128($0) }, defs, maxDef, 0)), validity: validity)
        case let (.int32(a), .int8), let (.int32(a), .int16), let (.int32(a), .int32), let (.int32(a), .date):
            return Column(type: leaf.type, storage: .int(spread(a.map { Int64($0) }, defs, maxDef, 0)), validity: validity)
        case let (.double(a), .float64):
            return Column(type: leaf.type, storage: .double(spread(a, defs, maxDef, 0)), validity: validity)
        case let (.float(a), .float32):
            return Column(type: leaf.type, storage: .double(spread(a.map { Double($0) }, defs, maxDef, 0)), validity: validity)
        case let (.bool(a), .boolean):
            return Column(type: leaf.type, storage: .bool(spread(a, defs, maxDef, false)), validity: validity)
        case let (.bytes(s), .string):
            if validity == nil { return Column(type: .string, storage: .string(s)) }
            var out = StringStorage()
            out.bytes = s.bytes
            out.offsets.reserveCapacity(rows + 1)
            var vi = 0
            for d in defs {
                if d == maxDef { vi += 1 }
                out.offsets.append(s.offsets[vi])
            }
            return Column(type: .string, storage: .string(out), validity: validity)
        default:
            var b = ColumnBuilder(type: leaf.type, capacity: rows)
            var vi = 0
            for r in 0..<rows {
                if defs.isEmpty || defs[r] == maxDef {
                    guard let v = value(values, vi, leaf: leaf) else {
                        throw ParquetCorruption.error("column \(leaf.dottedPath) holds a value out of range")
                    }
                    b.append(v)
                    vi += 1
                } else {
                    b.appendNull()
                }
            }
            return b.finish()
        }
    }

    /// `values` placed at the present rows, `filler` elsewhere.
    private static func spread<T>(_ values: [T], _ defs: [UInt32], _ maxDef: UInt32, _ filler: T) -> [T] {
        if defs.isEmpty || values.count == defs.count { return values }
        var out: [T] = []
        out.reserveCapacity(defs.count)
        var vi = 0
        for d in defs {
            if d == maxDef { out.append(values[vi]); vi += 1 } else { out.append(filler) }
        }
        return out
    }
}
