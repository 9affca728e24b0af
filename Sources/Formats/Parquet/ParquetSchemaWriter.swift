import Columnar
import Diagnostics

/// The Parquet schema LakeSQL writes for a Columnar `Schema`: nullable columns are
/// OPTIONAL, NOT NULL ones REQUIRED, struct fields and list elements OPTIONAL, arrays
/// the standard three-level LIST (`optional group x (LIST) { repeated group list {
/// optional element } }`).
struct ParquetWriteSchema: Sendable {
    /// Depth-first schema elements, root first.
    var elements: [ParquetSchemaElement] = []
    /// Leaves in file order.
    var leaves: [ParquetLeaf] = []
    /// One shape per top-level column.
    var shapes: [ParquetShape] = []

    /// Builds the schema; unsupported types are `.unsupported` errors naming the column.
    init(_ schema: Schema) throws(SQLError) {
        elements.append(ParquetSchemaElement(name: "schema", numChildren: schema.count))
        for f in schema.fields {
            shapes.append(try add(name: f.name, type: f.type, optional: f.nullable, path: [], def: 0, rep: 0))
        }
    }

    private mutating func add(name: String, type: DataType, optional: Bool, path: [String], def: Int, rep: Int) throws(SQLError) -> ParquetShape {
        let path = path + [name]
        let d = optional ? def + 1 : def
        let repetition: ParquetRepetition = optional ? .optional : .required
        switch type {
        case let .struct(fields):
            guard !fields.isEmpty else {
                throw SQLError(.unsupported, "column \(path.joined(separator: ".")): Parquet cannot store a STRUCT without fields")
            }
            elements.append(ParquetSchemaElement(name: name, repetition: repetition, numChildren: fields.count))
            var children: [ParquetShape] = []
            for f in fields {
                children.append(try add(name: f.name, type: f.type, optional: true, path: path, def: d, rep: rep))
            }
            return .struct(presentDef: d, children: children)
        case let .array(element):
            elements.append(ParquetSchemaElement(name: name, repetition: repetition, numChildren: 1, convertedType: .list, logicalType: .list))
            elements.append(ParquetSchemaElement(name: "list", repetition: .repeated, numChildren: 1))
            let e = try add(name: "element", type: element, optional: true, path: path + ["list"], def: d + 1, rep: rep + 1)
            return .list(presentDef: d, nonEmptyDef: d + 1, rep: rep + 1, element: e)
        default:
            var e = try ParquetWriteSchema.primitiveElement(name: name, type: type, path: path)
            e.repetition = repetition
            elements.append(e)
            leaves.append(ParquetLeaf(path: path, element: e, maxDef: d, maxRep: rep, type: type))
            return .leaf(leaf: leaves.count - 1, presentDef: d)
        }
    }

    /// Bytes of the smallest two's-complement integer holding `precision` decimal digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var n = 1
        while n < 16 {
            // 2^(8n-1) - 1 >= 10^p - 1  ⇔  log2(10^p) < 8n - 1
            if Double(precision) * 3.321928094887362 < Double(8 * n - 1) { return n }
            n += 1
        }
        return 16
    }

    /// The schema element of a primitive column of `type`.
    static func primitiveElement(name: String, type: DataType, path: [String]) throws(SQLError) -> ParquetSchemaElement {
        var e = ParquetSchemaElement(name: name)
        switch type {
        case .boolean: e.type = .boolean
        case .int8: e.type = .int32; e.convertedType = .int8; e.logicalType = .integer(bitWidth: 8, signed: true)
        case .int16: e.type = .int32; e.convertedType = .int16; e.logicalType = .integer(bitWidth: 16, signed: true)
        case .int32: e.type = .int32; e.convertedType = .int32; e.logicalType = .integer(bitWidth: 32, signed: true)
        case .int64: e.type = .int64
        case .float32: e.type = .float
        case .float64: e.type = .double
        case let .decimal(p, s):
            if p <= 9 { e.type = .int32 } else if p <= 18 { e.type = .int64 } else {
                e.type = .fixedLenByteArray
                e.typeLength = decimalByteWidth(precision: p)
            }
            e.convertedType = .decimal
            e.scale = s
            e.precision = p
            e.logicalType = .decimal(scale: s, precision: p)
        case .string: e.type = .byteArray; e.convertedType = .utf8; e.logicalType = .string
        case .date: e.type = .int32; e.convertedType = .date; e.logicalType = .date
        case .timestamp:
            e.type = .int64; e.convertedType = .timestampMicros; e.logicalType = .timestamp(utc: true, unit: .micros)
        case .interval: e.type = .fixedLenByteArray; e.typeLength = 12; e.convertedType = .interval
        case .null, .struct, .array:
            throw SQLError(.unsupported, "column \(path.joined(separator: ".")): type \(type) cannot be stored in Parquet")
        }
        return e
    }
}
