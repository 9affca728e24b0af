import Columnar
import Diagnostics

/// Rebuilds nested values (structs and arrays) from their leaves' definition and
/// repetition levels (Dremel's record assembly). The first leaf under a node decides
/// whether it is NULL, empty or how many elements it has; every step consumes at least
/// one level entry, so damaged levels end in an error, never a loop.
struct ParquetAssembler {
    private var chunks: [Int: ParquetLeafChunk]
    private let leaves: [ParquetLeaf]
    private var positions: [Int: Int] = [:]
    private var valuePositions: [Int: Int] = [:]

    /// An assembler over the decoded chunks of `leaves` (keyed by leaf index).
    init(chunks: [Int: ParquetLeafChunk], leaves: [ParquetLeaf]) {
        self.chunks = chunks
        self.leaves = leaves
    }

    /// The column of `rows` rows of `type` built from `shape`.
    mutating func column(shape: ParquetShape, type: DataType, rows: Int) throws(SQLError) -> Column {
        var b = ColumnBuilder(type: type, capacity: rows)
        for _ in 0..<rows { b.append(try value(shape)) }
        return b.finish()
    }

    private func def(_ l: Int) throws(SQLError) -> Int {
        guard let c = chunks[l] else { throw SQLError(.internal, "leaf \(l) not decoded") }
        let p = positions[l] ?? 0
        guard p < c.entries else { throw ParquetCorruption.error("column \(leaves[l].dottedPath) ends before its rows do") }
        return leaves[l].maxDef == 0 ? 0 : Int(c.defs[p])
    }

    private func nextRep(_ l: Int) -> Int {
        guard let c = chunks[l], leaves[l].maxRep > 0 else { return -1 }
        let p = positions[l] ?? 0
        return p < c.entries ? Int(c.reps[p]) : -1
    }

    private mutating func consume(_ l: Int) throws(SQLError) -> Value {
        let d = try def(l)
        positions[l, default: 0] += 1
        guard d == leaves[l].maxDef else { return .null }
        guard let c = chunks[l] else { return .null }
        let vp = valuePositions[l] ?? 0
        guard vp < c.values.count else { throw ParquetCorruption.error("column \(leaves[l].dottedPath) has fewer values than levels") }
        valuePositions[l] = vp + 1
        guard let v = ParquetValueConverter.value(c.values, vp, leaf: leaves[l]) else {
            throw ParquetCorruption.error("column \(leaves[l].dottedPath) holds a value out of range")
        }
        return v
    }

    private mutating func skip(_ shape: ParquetShape) throws(SQLError) {
        for l in shape.leaves { _ = try consume(l) }
    }

    private mutating func value(_ shape: ParquetShape) throws(SQLError) -> Value {
        switch shape {
        case let .leaf(l, _):
            return try consume(l)
        case let .struct(presentDef, children):
            if try def(shape.firstLeaf) < presentDef {
                try skip(shape)
                return .null
            }
            var fields: [Value] = []
            for child in children { fields.append(try value(child)) }
            return .struct(fields)
        case let .list(presentDef, nonEmptyDef, rep, element):
            let d = try def(shape.firstLeaf)
            if d < presentDef {
                try skip(shape)
                return .null
            }
            if d < nonEmptyDef {
                try skip(shape)
                return .array([])
            }
            var items: [Value] = []
            repeat {
                items.append(try value(element))
            } while nextRep(shape.firstLeaf) >= rep
            return .array(items)
        }
    }
}
