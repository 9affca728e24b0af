import Columnar
import Diagnostics

/// Where a reader's output columns come from, worked out once from the schema, the
/// projection and the field paths: the needed top-level fields (one staging slot each),
/// the slots of fields read inside STRUCT columns (`JSONLeafPlan`), and for each output
/// column its slot and any path still to follow inside a boxed value.
struct JSONReadLayout {
    /// Declared names and converters of the needed fields (slots `0..<names.count`).
    var names: [String] = []
    var converters: [JSONConverter] = []
    /// Converter of every slot: the needed fields, then the fields read by field.
    var slotConverters: [JSONConverter] = []
    /// Per needed field: its walk when only some of its fields are read (nil: read whole).
    var plans: [JSONLeafPlan?] = []
    /// Per output column: its slot (-1: the corrupt-record column), the path left inside
    /// the slot's value, and its type.
    var sources: [Int] = []
    var extracts: [[Int]] = []
    var types: [DataType] = []

    /// The layout of `projection` (with `fieldPaths`) over `schema`; `corrupt` is the index
    /// of the corrupt-record column (-1: none).
    init(schema: Schema, projection: [Int], fieldPaths: [[Int]], corrupt: Int) throws(SQLError) {
        func path(_ i: Int) -> [Int] { i < fieldPaths.count ? fieldPaths[i] : [] }
        var columns: [Int] = []
        var pathsOf: [Int: [[Int]]] = [:]
        for (i, k) in projection.enumerated() {
            guard k >= 0, k < schema.count else {
                throw SQLError(.internal, "projection index \(k) outside the schema of \(schema.count) columns")
            }
            if k == corrupt {
                guard path(i).isEmpty else { throw SQLError(.internal, "field path into the corrupt record column") }
                continue
            }
            if pathsOf[k] == nil {
                columns.append(k)
                names.append(schema.fields[k].name)
                converters.append(try JSONConverter.of(schema.fields[k].type, path: schema.fields[k].name))
            }
            pathsOf[k, default: []].append(path(i))
        }
        let slotOf = try assignSlots(columns, pathsOf)
        for (i, k) in projection.enumerated() {
            let field = schema.fields[k]
            let p = path(i)
            types.append(JSONReader.type(of: field.type, at: p))
            if k == corrupt { sources.append(-1); extracts.append([]); continue }
            // The slot of the shortest read prefix of the path (the path itself, or a STRUCT read whole).
            let slots = slotOf[k] ?? [:]
            guard let n = (0...p.count).first(where: { slots[Array(p.prefix($0))] != nil }), let slot = slots[Array(p.prefix(n))] else {
                throw SQLError(.internal, "no slot for field path \(p) of \(field.name)")
            }
            sources.append(slot)
            extracts.append(Array(p.dropFirst(n)))
        }
    }

    /// Gives each needed column its slot, and each outermost field path of a column read
    /// only by field a slot after them; returns column → path → slot.
    private mutating func assignSlots(_ columns: [Int], _ pathsOf: [Int: [[Int]]]) throws(SQLError) -> [Int: [[Int]: Int]] {
        slotConverters = converters
        var slotOf: [Int: [[Int]: Int]] = [:]
        var nextSlot = names.count
        for (u, k) in columns.enumerated() {
            let paths = pathsOf[k] ?? []
            if paths.contains([]) {
                plans.append(nil)
                slotOf[k] = [[]: u]
                continue
            }
            guard case let .structure(plan) = converters[u] else {
                throw SQLError(.internal, "field path into \(names[u]), which is not a STRUCT")
            }
            var map: [[Int]: Int] = [:]
            plans.append(try JSONLeafPlan.make(plan, paths: JSONLeafPlan.outermost(paths), column: names[u], nextSlot: &nextSlot,
                                               slotOf: &map, converters: &slotConverters))
            slotOf[k] = map
        }
        return slotOf
    }
}
