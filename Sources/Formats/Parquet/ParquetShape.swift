import Columnar

/// One primitive column of a Parquet file (a leaf of its schema), with what decoding
/// and level handling need.
struct ParquetLeaf: Sendable {
    /// Names from the root's child down to the leaf.
    var path: [String]
    /// The leaf's schema element (physical type, annotations).
    var element: ParquetSchemaElement
    /// Highest definition level (the value is present at this level).
    var maxDef: Int
    /// Highest repetition level.
    var maxRep: Int
    /// The LakeSQL type of the leaf's values.
    var type: DataType

    /// Dotted path for messages.
    var dottedPath: String { path.joined(separator: ".") }
}

/// How a top-level column is assembled from its leaves' levels.
indirect enum ParquetShape: Sendable {
    /// A primitive value of leaf `leaf`; present when the definition level reaches `presentDef`.
    case leaf(leaf: Int, presentDef: Int)
    /// A struct; present at `presentDef`; children in field order.
    case `struct`(presentDef: Int, children: [ParquetShape])
    /// A list: NULL below `presentDef`, empty below `nonEmptyDef`, elements repeat at `rep`.
    case list(presentDef: Int, nonEmptyDef: Int, rep: Int, element: ParquetShape)

    /// The first leaf under this node (its levels drive assembly).
    var firstLeaf: Int {
        switch self {
        case let .leaf(l, _): return l
        case let .struct(_, children): return children.first?.firstLeaf ?? 0
        case let .list(_, _, _, e): return e.firstLeaf
        }
    }

    /// Every leaf under this node.
    var leaves: [Int] {
        switch self {
        case let .leaf(l, _): return [l]
        case let .struct(_, children): return children.flatMap(\.leaves)
        case let .list(_, _, _, e): return e.leaves
        }
    }

    /// Same shape with every leaf index moved by `delta`.
    func shifted(by delta: Int) -> ParquetShape {
        switch self {
        case let .leaf(l, d): return .leaf(leaf: l + delta, presentDef: d)
        case let .struct(d, c): return .struct(presentDef: d, children: c.map { $0.shifted(by: delta) })
        case let .list(p, n, r, e): return .list(presentDef: p, nonEmptyDef: n, rep: r, element: e.shifted(by: delta))
        }
    }
}
