import Columnar
import Diagnostics
import Execution
import Planner

/// An aggregate directly above a refresh core whose calls can all be merged from partial
/// results: COUNT, SUM, MIN, MAX and AVG of DOUBLE (as a sum and a count), and MEDIAN,
/// FILTER allowed, no DISTINCT. Such a view stores one row of partials per group instead of
/// the core rows, in group id order, and a refresh merges the partials of the new rows into
/// them (`MergeableAggregate+Update.swift`). A MEDIAN needs every value of its group: the
/// values are kept as sorted runs next to the partials (see `MergeableAggregate+Median.swift`),
/// and only the groups that gained values get their median taken again.
struct MergeableAggregate {
    /// How one call of the view's aggregate maps onto partial columns.
    enum Part {
        /// One partial column, merged with `merge`, that is also the result.
        case single(merge: AggregateFunction)
        /// AVG: a DOUBLE sum column then an INT64 count column.
        case average
        /// MEDIAN: the partial column holds the group's median; its values are kept apart.
        case median
    }

    let node: AggregateNode
    let parts: [Part]
    /// Calls over the core rows giving the partial columns (after the group columns).
    let partials: [AggregateCall]

    init?(_ node: AggregateNode) {
        var parts: [Part] = []
        var partials: [AggregateCall] = []
        for call in node.aggregates {
            guard !call.distinct, call.orderBy.isEmpty, call.type != .null, !node.groups.contains(where: { $0.type == .null }) else { return nil }
            switch call.function {
            case .countStar, .count:
                parts.append(.single(merge: .sum))
                partials.append(call)
            case .sum, .min, .max:
                parts.append(.single(merge: call.function == .sum ? .sum : call.function))
                partials.append(call)
            case .median:
                guard call.type == .float64, call.args.count == 1, call.args[0].type == .float64 else { return nil }
                parts.append(.median)
                partials.append(call)
            case .avg:
                guard call.type == .float64, call.args.first?.type == .float64 else { return nil }
                parts.append(.average)
                var sum = call
                sum.function = .sum
                var count = call
                count.function = .count
                count.type = .int64
                partials += [sum, count]
            default:
                return nil
            }
        }
        self.node = node
        self.parts = parts
        self.partials = partials
    }

    /// True when some call is a MEDIAN (the state then has a group id column and values).
    var hasMedians: Bool { parts.contains { if case .median = $0 { true } else { false } } }

    /// Group columns, partial columns, and with medians a group id, under plain unique names.
    var stateSchema: Schema {
        let types = node.groups.map(\.type) + partials.map(\.type) + (hasMedians ? [DataType.int64] : [])
        return Schema(types.enumerated().map { Field(name: "p\($0)", type: $1 == .null ? .int32 : $1) })
    }

    /// Partials of `rows` (core rows), one row per group.
    func partial(of rows: [Batch], coreSchema: Schema, context: ExecutionContext) throws(SQLError) -> [Batch] {
        let input = MemoryTable(schema: coreSchema, batches: rows)
        let names = stateSchema.fields.map(\.name)
        let plan = LogicalPlan.aggregate(AggregateNode(input: Self.scan(input), groups: node.groups, aggregates: partials,
                                                       names: Array(names.prefix(node.groups.count + partials.count))))
        let out = try Executor.collect(plan, context: context, ordered: false)
        guard hasMedians else { return out }
        // Group id 0: only a global aggregate (one group) takes this path with medians.
        return out.map { b in Batch(columns: b.columns + [Column.constant(.int(0), type: .int64, count: b.count)], count: b.count) }
    }

    /// The aggregate's own output (group values, then each call's result) from partials.
    func finish(_ state: [Batch]) -> MemoryTable {
        let g = node.groups.count
        var out: [Batch] = []
        for b in state {
            var columns = Array(b.columns[0..<g])
            var column = g
            for (k, part) in parts.enumerated() {
                switch part {
                case .single, .median:
                    columns.append(b.columns[column])
                    column += 1
                case .average:
                    var builder = ColumnBuilder(type: node.aggregates[k].type, capacity: b.count)
                    let sums = b.columns[column], counts = b.columns[column + 1]
                    for r in 0..<b.count {
                        if case let .double(s) = sums.value(at: r), case let .int(n) = counts.value(at: r), n > 0 {
                            builder.append(double: s / Double(n))
                        } else {
                            builder.appendNull()
                        }
                    }
                    columns.append(builder.finish())
                    column += 2
                }
            }
            out.append(Batch(columns: columns, count: b.count))
        }
        return MemoryTable(schema: node.schema, batches: out)
    }

    static func scan(_ table: MemoryTable) -> LogicalPlan {
        .scan(ScanNode(table: TableHandle(name: "stored partials", provider: table), projection: Array(0..<table.schema.count)))
    }
}
