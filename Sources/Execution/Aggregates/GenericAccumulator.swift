import Columnar
import Diagnostics
import Planner

/// Aggregates over boxed values: MIN/MAX of non-numeric types, MEDIAN, ANY_VALUE/FIRST/LAST,
/// STRING_AGG, LIST, BOOL_AND/BOOL_OR, and SUM/AVG of intervals. Argument columns are
/// followed by the call's ORDER BY key columns, if any.
final class GenericAccumulator: Accumulator {
    let call: AggregateCall
    /// Per group: (order keys, value) entries kept, for functions that need them all.
    var entries: [[(keys: [Value], value: Value)]] = []
    /// Per group running value for MIN/MAX/ANY/FIRST/LAST/BOOL_*.
    var running: [Value] = []
    var separators: [String?] = []

    init(_ call: AggregateCall) { self.call = call }

    var keepsEntries: Bool {
        switch call.function {
        case .median, .stringAgg, .list, .sum, .avg: return true
        case .first, .last: return !call.orderBy.isEmpty
        default: return false
        }
    }

    func resize(_ groups: Int) {
        if groups > running.count {
            let k = groups - running.count
            running += [Value](repeating: .null, count: k)
            separators += [String?](repeating: nil, count: k)
            if keepsEntries { entries += [[(keys: [Value], value: Value)]](repeating: [], count: k) }
        }
    }

    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        let c = args[0]
        let nArgs = call.args.count
        for (i, g) in groups.enumerated() {
            let v = c.value(at: i)
            if call.function == .stringAgg, nArgs > 1, separators[g] == nil, case let .string(s) = args[1].value(at: i) { separators[g] = s }
            if keepsEntries {
                if v.isNull && call.function != .list { continue }
                let keys = args.count > nArgs ? args[nArgs...].map { $0.value(at: i) } : []
                entries[g].append((keys, v))
                continue
            }
            if v.isNull { continue }
            let cur = running[g]
            switch call.function {
            case .min: if cur.isNull || ValueOrdering.compare(v, cur) < 0 { running[g] = v }
            case .max: if cur.isNull || ValueOrdering.compare(v, cur) > 0 { running[g] = v }
            case .anyValue, .first: if cur.isNull { running[g] = v }
            case .last: running[g] = v
            case .boolAnd:
                if case let .bool(b) = v { running[g] = .bool((cur.isNull ? true : cur == .bool(true)) && b) }
            case .boolOr:
                if case let .bool(b) = v { running[g] = .bool((cur == .bool(true)) || b) }
            default: break
            }
        }
    }

    func finish() throws(SQLError) -> Column {
        var b = ColumnBuilder(type: call.type, capacity: running.count)
        for g in 0..<running.count {
            guard keepsEntries else { b.append(running[g]); continue }
            var items = entries[g]
            if !call.orderBy.isEmpty {
                let keys = call.orderBy
                items = items.enumerated().sorted { x, y in
                    for (k, key) in keys.enumerated() {
                        let a = x.element.keys[k], c = y.element.keys[k]
                        if a.isNull || c.isNull {
                            if a.isNull && c.isNull { continue }
                            return a.isNull == key.nullsFirst
                        }
                        let r = ValueOrdering.compare(a, c)
                        if r != 0 { return key.ascending ? r < 0 : r > 0 }
                    }
                    return x.offset < y.offset
                }.map(\.element)
            }
            b.append(try result(items.map(\.value), group: g))
        }
        return b.finish()
    }

    func result(_ values: [Value], group g: Int) throws(SQLError) -> Value {
        switch call.function {
        case .list: return .array(values)
        case .first: return values.first ?? .null
        case .last: return values.last ?? .null
        case .stringAgg:
            if values.isEmpty { return .null }
            return .string(values.compactMap { $0.rendered(type: nil) }.joined(separator: separators[g] ?? ","))
        case .median:
            if values.isEmpty { return .null }
            let sorted = values.sorted { ValueOrdering.compare($0, $1) < 0 }
            let mid = sorted.count / 2
            if sorted.count % 2 == 1 { return sorted[mid] }
            if case let .double(a) = sorted[mid - 1], case let .double(c) = sorted[mid] { return .double((a + c) / 2) }
            return sorted[mid - 1]
        case .sum, .avg:
            // intervals
            if values.isEmpty { return .null }
            var m: Int64 = 0, d: Int64 = 0, us: Int64 = 0
            for case let .interval(iv) in values {
                m += Int64(iv.months); d += Int64(iv.days)
                let (r, o) = us.addingReportingOverflow(iv.micros)
                if o { throw SQLError(.runtime, "interval out of range") }
                us = r
            }
            if call.function == .avg {
                let n = Int64(values.count)
                return .interval(Interval(months: Int32(clamping: m / n), days: Int32(clamping: d / n), micros: us / n))
            }
            return .interval(Interval(months: Int32(clamping: m), days: Int32(clamping: d), micros: us))
        default:
            return .null
        }
    }
}
