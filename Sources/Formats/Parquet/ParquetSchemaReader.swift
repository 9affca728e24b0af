import Columnar
import Diagnostics

/// The Columnar view of a Parquet file's schema: top-level fields, their leaves and
/// how to assemble them. Groups become STRUCTs, LIST-annotated groups (three-level and
/// the legacy two-level forms) and bare repeated fields become ARRAYs.
struct ParquetReadSchema: Sendable {
    /// Top-level fields with their LakeSQL types.
    var fields: [Field] = []
    /// Every leaf, in file order.
    var leaves: [ParquetLeaf] = []
    /// One shape per top-level field.
    var shapes: [ParquetShape] = []

    /// Schema element tree built from the flattened list.
    private struct Node {
        var element: ParquetSchemaElement
        var children: [Node]
    }

    /// Interprets the footer's schema elements.
    init(_ elements: [ParquetSchemaElement]) throws(SQLError) {
        guard let root = elements.first else { throw ParquetCorruption.error("empty schema") }
        var index = 1
        let rootChildren = try ParquetReadSchema.children(of: root, elements, &index, depth: 0)
        guard index == elements.count else { throw ParquetCorruption.error("schema has \(elements.count - index) elements outside the tree") }
        for child in rootChildren {
            let (type, shape) = try build(child, path: [], def: 0, rep: 0)
            fields.append(Field(name: child.element.name, type: type, nullable: child.element.repetition != .required))
            shapes.append(shape)
        }
    }

    private static func children(of e: ParquetSchemaElement, _ elements: [ParquetSchemaElement], _ index: inout Int, depth: Int) throws(SQLError) -> [Node] {
        guard depth < 64 else { throw ParquetCorruption.error("schema nested too deeply") }
        let n = e.numChildren ?? 0
        guard n >= 0, n <= elements.count - index else { throw ParquetCorruption.error("schema element \(e.name) claims \(n) children") }
        var nodes: [Node] = []
        for _ in 0..<n {
            let child = elements[index]
            index += 1
            let grandChildren = try children(of: child, elements, &index, depth: depth + 1)
            if child.numChildren != nil, grandChildren.isEmpty, child.type == nil {
                throw SQLError(.unsupported, "column \(child.name): empty group")
            }
            nodes.append(Node(element: child, children: grandChildren))
        }
        return nodes
    }

    /// Type and shape of `node`, whose parent is present at `def` and repeats at `rep`.
    private mutating func build(_ node: Node, path: [String], def: Int, rep: Int) throws(SQLError) -> (DataType, ParquetShape) {
        let e = node.element
        let path = path + [e.name]
        if e.repetition == .repeated {
            // A bare repeated field: a list of required elements that is never NULL.
            var inner = node
            inner.element.repetition = .required
            let (t, s) = try buildElement(inner, path: path, def: def + 1, rep: rep + 1)
            return (.array(t), .list(presentDef: def, nonEmptyDef: def + 1, rep: rep + 1, element: s))
        }
        let d = e.repetition == .optional ? def + 1 : def
        if e.convertedType == .list || e.logicalType == .list {
            guard node.children.count == 1, let repeated = node.children.first, repeated.element.repetition == .repeated else {
                throw SQLError(.unsupported, "column \(path.joined(separator: ".")): LIST group of an unknown layout")
            }
            let elementNode: Node
            if repeated.children.count == 1, repeated.element.name != "array", repeated.element.name != e.name + "_tuple" {
                elementNode = repeated.children[0]
                let (t, s) = try buildElement(elementNode, path: path + [repeated.element.name], def: d + 1, rep: rep + 1)
                return (.array(t), .list(presentDef: d, nonEmptyDef: d + 1, rep: rep + 1, element: s))
            }
            var inner = repeated
            inner.element.repetition = .required
            let (t, s) = try buildElement(inner, path: path, def: d + 1, rep: rep + 1)
            return (.array(t), .list(presentDef: d, nonEmptyDef: d + 1, rep: rep + 1, element: s))
        }
        if e.convertedType == .map || e.convertedType == .mapKeyValue || e.logicalType == .map {
            throw SQLError(.unsupported, "column \(path.joined(separator: ".")): Parquet MAP columns are not supported")
        }
        if e.numChildren != nil && e.type == nil || !node.children.isEmpty {
            var fieldsOut: [StructField] = []
            var shapesOut: [ParquetShape] = []
            for c in node.children {
                let (t, s) = try build(c, path: path, def: d, rep: rep)
                fieldsOut.append(StructField(name: c.element.name, type: t))
                shapesOut.append(s)
            }
            return (.struct(fieldsOut), .struct(presentDef: d, children: shapesOut))
        }
        let type = try ParquetReadSchema.columnType(e, path: path)
        leaves.append(ParquetLeaf(path: path, element: e, maxDef: d, maxRep: rep, type: type))
        return (type, .leaf(leaf: leaves.count - 1, presentDef: d))
    }

    /// Like `build`, for a list element whose levels were already counted by the caller
    /// (`def` includes the repeated level).
    private mutating func buildElement(_ node: Node, path: [String], def: Int, rep: Int) throws(SQLError) -> (DataType, ParquetShape) {
        try build(node, path: path, def: def, rep: rep)
    }

    /// The LakeSQL type of a primitive column, or an `.unsupported` error naming it.
    static func columnType(_ e: ParquetSchemaElement, path: [String]) throws(SQLError) -> DataType {
        let name = path.joined(separator: ".")
        guard let physical = e.type else { throw ParquetCorruption.error("column \(name) has no type") }
        func unsupported(_ what: String) -> SQLError {
            SQLError(.unsupported, "column \(name): Parquet type \(what) is not supported")
        }
        var decimal: (Int, Int)? = nil
        if case let .decimal(s, p)? = e.logicalType { decimal = (p, s) } else if e.convertedType == .decimal {
            decimal = (e.precision ?? 0, e.scale ?? 0)
        }
        if let (p, s) = decimal {
            guard p >= 1, p <= DataType.maxDecimalPrecision, s >= 0, s <= p else { throw unsupported("DECIMAL(\(p),\(s))") }
            switch physical {
            case .int32, .int64, .byteArray: return .decimal(precision: p, scale: s)
            case .fixedLenByteArray:
                guard let n = e.typeLength, n >= 1, n <= 16 else { throw unsupported("DECIMAL(\(p),\(s)) in \(e.typeLength ?? 0) bytes") }
                return .decimal(precision: p, scale: s)
            default: throw unsupported("DECIMAL on \(physical)")
            }
        }
        switch physical {
        case .boolean: return .boolean
        case .int32:
            if e.logicalType == .date || e.convertedType == .date { return .date }
            if case let .integer(w, signed)? = e.logicalType {
                switch (w, signed) {
                case (8, true): return .int8
                case (16, true), (8, false): return .int16
                case (32, true), (16, false): return .int32
                case (32, false): return .int64
                default: throw unsupported("INT(\(w), \(signed))")
                }
            }
            switch e.convertedType {
            case .int8?: return .int8
            case .int16?, .uint8?: return .int16
            case .uint16?: return .int32
            case .uint32?: return .int64
            case .timeMillis?: throw unsupported("TIME")
            case nil, .int32?: return .int32
            default: throw unsupported("INT32 annotated \(String(describing: e.convertedType))")
            }
        case .int64:
            if case .timestamp? = e.logicalType { return .timestamp }
            if case .time? = e.logicalType { throw unsupported("TIME") }
            if case let .integer(w, signed)? = e.logicalType {
                if signed { return .int64 }
                throw unsupported("INT(\(w), unsigned)")
            }
            switch e.convertedType {
            case .timestampMicros?, .timestampMillis?: return .timestamp
            case nil, .int64?: return .int64
            case .uint64?: throw unsupported("UINT64")
            default: throw unsupported("INT64 annotated \(String(describing: e.convertedType))")
            }
        case .int96: return .timestamp
        case .float:
            return .float32
        case .double: return .float64
        case .byteArray:
            switch e.logicalType {
            case .bson?: throw unsupported("BSON")
            default: return .string
            }
        case .fixedLenByteArray:
            if e.convertedType == .interval {
                guard e.typeLength == 12 else { throw unsupported("INTERVAL of \(e.typeLength ?? 0) bytes") }
                return .interval
            }
            if e.logicalType == .uuid { return .string }
            if e.logicalType == .float16 { return .float32 }
            guard let n = e.typeLength, n >= 0 else { throw ParquetCorruption.error("column \(name) has no type length") }
            return .string
        }
    }
}
