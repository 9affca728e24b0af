import Columnar
import Diagnostics
import Planner

/// Running state of one aggregate for every group. `update` receives the group id of
/// each row and the argument columns (rows already filtered by FILTER/DISTINCT).
protocol Accumulator: AnyObject {
    /// Makes room for `groups` groups.
    func resize(_ groups: Int)
    /// Adds rows: row i belongs to group `groups[i]`.
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError)
    /// One value per group.
    func finish() throws(SQLError) -> Column
}

enum Accumulators {
    /// The accumulator for an aggregate call (arguments already of the signature's types).
    static func make(_ call: AggregateCall) throws(SQLError) -> any Accumulator {
        let argType = call.args.first?.type ?? .null
        switch call.function {
        case .countStar: return CountAccumulator(star: true)
        case .count: return CountAccumulator(star: false)
        case .sum:
            switch call.type {
            case .int64: return SumIntAccumulator()
            case .float64: return SumDoubleAccumulator(average: false)
            case .decimal: return SumDecimalAccumulator(type: call.type, argScale: scale(argType), average: false)
            default: return GenericAccumulator(call)
            }
        case .avg:
            switch call.type {
            case .float64: return SumDoubleAccumulator(average: true)
            case .decimal: return SumDecimalAccumulator(type: call.type, argScale: scale(argType), average: true)
            default: return GenericAccumulator(call)
            }
        case .min, .max:
            if argType.physical == .int { return MinMaxAccumulator<Int64>(type: call.type, isMin: call.function == .min) }
            if argType.physical == .double { return MinMaxAccumulator<Double>(type: call.type, isMin: call.function == .min) }
            return GenericAccumulator(call)
        case .stddevSamp, .stddevPop, .varSamp, .varPop:
            return VarianceAccumulator(function: call.function)
        case .median where argType == .float64 && call.type == .float64 && call.orderBy.isEmpty:
            return MedianDoubleAccumulator()
        default:
            return GenericAccumulator(call)
        }
    }

    static func scale(_ t: DataType) -> Int {
        if case let .decimal(_, s) = t { return s }
        return 0
    }
}

final class CountAccumulator: Accumulator {
    let star: Bool
    var counts: [Int64] = []
    init(star: Bool) { self.star = star }
    func resize(_ groups: Int) { if groups > counts.count { counts += [Int64](repeating: 0, count: groups - counts.count) } }
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        // Counted in a local array (no exclusivity or uniqueness check per row).
        var local = counts
        counts = []
        defer { counts = local }
        let c = args.first
        if c?.type == .null { return }
        let all = star || c == nil || c?.validity == nil
        // Runs of one group (every row of a global aggregate) are counted at once.
        var i = 0
        while i < groups.count {
            let g = groups[i]
            var j = i + 1
            while j < groups.count, groups[j] == g { j += 1 }
            if all {
                local[g] += Int64(j - i)
            } else if let c {
                var n: Int64 = 0
                for r in i..<j where !c.isNull(r) { n += 1 }
                local[g] += n
            }
            i = j
        }
    }
    func finish() throws(SQLError) -> Column { Column(type: .int64, storage: .int(counts)) }
}

final class SumIntAccumulator: Accumulator {
    var sums: [Int64] = []
    var seen: [Bool] = []
    func resize(_ groups: Int) {
        if groups > sums.count {
            sums += [Int64](repeating: 0, count: groups - sums.count)
            seen += [Bool](repeating: false, count: groups - seen.count)
        }
    }
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard case let .int(a) = args[0].storage else { return }
        let c = args[0]
        for (i, g) in groups.enumerated() where !c.isNull(i) {
            let (r, o) = sums[g].addingReportingOverflow(a[i])
            if o { throw SQLError(.runtime, "integer out of range in sum()") }
            sums[g] = r
            seen[g] = true
        }
    }
    func finish() throws(SQLError) -> Column { Column(type: .int64, storage: .int(sums), validity: Bitmap(seen)) }
}

final class SumDoubleAccumulator: Accumulator {
    let average: Bool
    var sums: [Double] = []
    var counts: [Int64] = []
    init(average: Bool) { self.average = average }
    func resize(_ groups: Int) {
        if groups > sums.count {
            sums += [Double](repeating: 0, count: groups - sums.count)
            counts += [Int64](repeating: 0, count: groups - counts.count)
        }
    }
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard case let .double(a) = args[0].storage else { return }
        let c = args[0]
        var s = sums, n = counts
        sums = []
        counts = []
        defer { sums = s; counts = n }
        // Runs of one group are summed in a register (in row order, as one by one).
        let all = c.validity == nil
        var i = 0
        while i < groups.count {
            let g = groups[i]
            var j = i + 1
            while j < groups.count, groups[j] == g { j += 1 }
            var total = s[g]
            var count: Int64 = 0
            for r in i..<j where all || !c.isNull(r) {
                total += a[r]
                count += 1
            }
            s[g] = total
            n[g] += count
            i = j
        }
    }
    func finish() throws(SQLError) -> Column {
        let values = average ? zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) } : sums
        return Column(type: .float64, storage: .double(values), validity: Bitmap(counts.map { $0 > 0 }))
    }
}

final class SumDecimalAccumulator: Accumulator {
    let type: DataType
    let argScale: Int
    let average: Bool
    var sums: [Int128] = []
    var counts: [Int64] = []
    init(type: DataType, argScale: Int, average: Bool) {
        self.type = type
        self.argScale = argScale
        self.average = average
    }
    func resize(_ groups: Int) {
        if groups > sums.count {
            sums += [Int128](repeating: 0, count: groups - sums.count)
            counts += [Int64](repeating: 0, count: groups - counts.count)
        }
    }
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard case let .decimal(a) = args[0].storage else { return }
        let c = args[0]
        for (i, g) in groups.enumerated() where !c.isNull(i) {
            let (r, o) = sums[g].addingReportingOverflow(a[i])
            if o { throw SQLError(.runtime, "decimal out of range in sum()") }
            sums[g] = r
            counts[g] += 1
        }
    }
    func finish() throws(SQLError) -> Column {
        let resultScale = Accumulators.scale(type)
        var out: [Int128] = []
        out.reserveCapacity(sums.count)
        for (s, n) in zip(sums, counts) {
            if n == 0 { out.append(0); continue }
            guard let scaled = Decimal128.rescale(s, from: argScale, to: resultScale) else {
                throw SQLError(.runtime, "decimal out of range in \(average ? "avg" : "sum")()")
            }
            if average {
                let q = scaled / Int128(n), r = scaled % Int128(n)
                out.append(r.magnitude * 2 >= UInt128(n) ? (scaled < 0 ? q - 1 : q + 1) : q)
            } else {
                out.append(scaled)
            }
        }
        return Column(type: type, storage: .decimal(out), validity: Bitmap(counts.map { $0 > 0 }))
    }
}

/// Storage kinds MIN/MAX keep unboxed.
protocol MinMaxElement: Comparable {
    static var zero: Self { get }
    /// The values of a column of this kind, if it is one.
    static func values(_ c: Column) -> [Self]?
    /// A column of these values.
    static func storage(_ values: [Self]) -> ColumnStorage
    /// `a` before `b` in SQL order (NaN largest for doubles).
    static func less(_ a: Self, _ b: Self) -> Bool
}

extension Int64: MinMaxElement {
    static var zero: Int64 { 0 }
    static func values(_ c: Column) -> [Int64]? { if case let .int(a) = c.storage { return a } else { return nil } }
    static func storage(_ values: [Int64]) -> ColumnStorage { .int(values) }
    static func less(_ a: Int64, _ b: Int64) -> Bool { a < b }
}

extension Double: MinMaxElement {
    static var zero: Double { 0 }
    static func values(_ c: Column) -> [Double]? { if case let .double(a) = c.storage { return a } else { return nil } }
    static func storage(_ values: [Double]) -> ColumnStorage { .double(values) }
    static func less(_ a: Double, _ b: Double) -> Bool { ValueOrdering.compareDoubles(a, b) < 0 }
}

/// MIN or MAX over unboxed integers (and dates, timestamps) or doubles.
final class MinMaxAccumulator<T: MinMaxElement>: Accumulator {
    let type: DataType
    let isMin: Bool
    var values: [T] = []
    var seen: [Bool] = []
    init(type: DataType, isMin: Bool) {
        self.type = type
        self.isMin = isMin
    }
    func resize(_ groups: Int) {
        if groups > values.count {
            values += [T](repeating: T.zero, count: groups - values.count)
            seen += [Bool](repeating: false, count: groups - seen.count)
        }
    }
    @_specialize(where T == Int64)
    @_specialize(where T == Double)
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard let a = T.values(args[0]) else { return }
        let c = args[0]
        for (i, g) in groups.enumerated() where !c.isNull(i) {
            let v = a[i]
            if !seen[g] || (isMin ? T.less(v, values[g]) : T.less(values[g], v)) { values[g] = v; seen[g] = true }
        }
    }
    func finish() throws(SQLError) -> Column { Column(type: type, storage: T.storage(values), validity: Bitmap(seen)) }
}

/// Welford's running mean and squared deviations, per group.
final class VarianceAccumulator: Accumulator {
    let function: AggregateFunction
    var n: [Double] = []
    var mean: [Double] = []
    var m2: [Double] = []
    init(function: AggregateFunction) { self.function = function }
    func resize(_ groups: Int) {
        if groups > n.count {
            let k = groups - n.count
            n += [Double](repeating: 0, count: k)
            mean += [Double](repeating: 0, count: k)
            m2 += [Double](repeating: 0, count: k)
        }
    }
    func update(_ groups: [Int], _ args: [Column]) throws(SQLError) {
        guard case let .double(a) = args[0].storage else { return }
        let c = args[0]
        for (i, g) in groups.enumerated() where !c.isNull(i) {
            n[g] += 1
            let d = a[i] - mean[g]
            mean[g] += d / n[g]
            m2[g] += d * (a[i] - mean[g])
        }
    }
    func finish() throws(SQLError) -> Column {
        var out = [Double](repeating: 0, count: n.count)
        var valid = Bitmap(count: n.count, value: true)
        let sample = function == .stddevSamp || function == .varSamp
        for g in 0..<n.count {
            let denom = sample ? n[g] - 1 : n[g]
            if denom <= 0 { valid[g] = false; continue }
            let v = m2[g] / denom
            out[g] = (function == .stddevSamp || function == .stddevPop) ? v.squareRoot() : v
        }
        return Column(type: .float64, storage: .double(out), validity: valid)
    }
}
