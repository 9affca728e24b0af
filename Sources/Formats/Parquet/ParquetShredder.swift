import Columnar
import Diagnostics

/// Levels and values of one leaf column, ready to be cut into pages.
struct ParquetLeafData {
    /// The leaf.
    let leaf: ParquetLeaf
    /// Definition levels of the first entries (none when `maxDef` is 0); the
    /// `implicitDefs` entries after them are all at `maxDef`.
    var defs: [UInt32] = []
    /// Entries after `defs` whose level is `maxDef` but not stored: a flat column without
    /// NULLs keeps no level per row.
    var implicitDefs = 0
    /// Repetition levels, one per entry (empty when `maxRep` is 0).
    var reps: [UInt32] = []
    /// Non-NULL values.
    var values: ParquetLeafValues
    /// Number of entries (levels), counted even when no levels are stored.
    var entries = 0

    /// Empty data for `leaf`.
    init(leaf: ParquetLeaf) {
        self.leaf = leaf
        values = ParquetLeafValues(type: leaf.element.type ?? .int32, width: leaf.element.typeLength ?? 0)
    }

    /// Records one entry.
    @inline(__always) mutating func level(def: Int, rep: Int) {
        if implicitDefs > 0 { materializeDefs() }
        if leaf.maxDef > 0 { defs.append(UInt32(def)) }
        if leaf.maxRep > 0 { reps.append(UInt32(rep)) }
        entries += 1
    }
}

extension ParquetLeafData {
    /// Stores the implicit levels in `defs`.
    mutating func materializeDefs() {
        defs.append(contentsOf: repeatElement(UInt32(truncatingIfNeeded: leaf.maxDef), count: implicitDefs))
        implicitDefs = 0
    }

    /// Definition levels of entries `range`.
    func defs(_ range: Range<Int>) -> ArraySlice<UInt32> {
        if range.upperBound <= defs.count { return defs[range] }
        var page = Array(defs[min(range.lowerBound, defs.count)..<defs.count])
        page.append(contentsOf: repeatElement(UInt32(truncatingIfNeeded: leaf.maxDef), count: range.count - page.count))
        return page[...]
    }
}

/// Splits columns into leaf levels and values (Dremel's "shredding"). Flat columns take
/// a typed path; nested ones walk their boxed values.
enum ParquetShredder {
    /// Shreds `column`, the top-level column of `shape`, into `data`.
    static func shred(_ column: Column, shape: ParquetShape, into data: inout [ParquetLeafData]) throws(SQLError) {
        if case let .leaf(l, presentDef) = shape {
            try shredFlat(column, presentDef: presentDef, into: &data[l])
            return
        }
        for i in 0..<column.count {
            try shredValue(column.value(at: i), shape: shape, parentDef: 0, rep: 0, into: &data)
        }
    }

    private static func shredFlat(_ column: Column, presentDef: Int, into d: inout ParquetLeafData) throws(SQLError) {
        let n = column.count
        if presentDef == 0, column.nullCount > 0 {
            throw SQLError(.data, "column \(d.leaf.dottedPath): NULL in a NOT NULL column")
        }
        if try appendTyped(column, into: &d) {
            appendLevels(column.validity, count: n, presentDef: presentDef, into: &d)
            return
        }
        for i in 0..<n {
            let present = !column.isNull(i)
            d.level(def: present ? presentDef : presentDef - 1, rep: 0)
            if present { try appendValue(column.value(at: i), leaf: d.leaf, to: &d.values) }
        }
    }

    private static func nullEverywhere(_ shape: ParquetShape, def: Int, rep: Int, into data: inout [ParquetLeafData]) {
        for l in shape.leaves { data[l].level(def: def, rep: rep) }
    }

    private static func shredValue(_ v: Value, shape: ParquetShape, parentDef: Int, rep: Int, into data: inout [ParquetLeafData]) throws(SQLError) {
        switch shape {
        case let .leaf(l, presentDef):
            if v.isNull {
                guard presentDef > parentDef else { throw SQLError(.data, "column \(data[l].leaf.dottedPath): NULL in a NOT NULL column") }
                data[l].level(def: parentDef, rep: rep)
            } else {
                data[l].level(def: presentDef, rep: rep)
                try appendValue(v, leaf: data[l].leaf, to: &data[l].values)
            }
        case let .struct(presentDef, children):
            switch v {
            case .null:
                guard presentDef > parentDef else { throw SQLError(.data, "NULL in a NOT NULL struct column") }
                nullEverywhere(shape, def: parentDef, rep: rep, into: &data)
            case let .struct(fields):
                for (k, child) in children.enumerated() {
                    try shredValue(k < fields.count ? fields[k] : .null, shape: child, parentDef: presentDef, rep: rep, into: &data)
                }
            default:
                throw SQLError(.internal, "struct column holds a non-struct value")
            }
        case let .list(presentDef, nonEmptyDef, listRep, element):
            switch v {
            case .null:
                guard presentDef > parentDef else { throw SQLError(.data, "NULL in a NOT NULL array column") }
                nullEverywhere(shape, def: parentDef, rep: rep, into: &data)
            case let .array(items):
                if items.isEmpty {
                    nullEverywhere(shape, def: presentDef, rep: rep, into: &data)
                    return
                }
                for (k, item) in items.enumerated() {
                    try shredValue(item, shape: element, parentDef: nonEmptyDef, rep: k == 0 ? rep : listRep, into: &data)
                }
            default:
                throw SQLError(.internal, "array column holds a non-array value")
            }
        }
    }

    /// Appends one non-NULL value converted to the leaf's physical type.
    static func appendValue(_ v: Value, leaf: ParquetLeaf, to values: inout ParquetLeafValues) throws(SQLError) {
        func outOfRange() -> SQLError { SQLError(.data, "column \(leaf.dottedPath): value \(v.rendered() ?? "NULL") does not fit \(leaf.type)") }
        switch values {
        case var .bool(a):
            guard case let .bool(b) = v else { throw outOfRange() }
            values = .bool([]); a.append(b); values = .bool(a)
        case var .int32(a):
            let raw: Int64
            switch v {
            case let .int(x), let .date(x): raw = x
            case let .decimal(x, s):
                guard case let .decimal(_, ts) = leaf.type, let r = Decimal128.rescale(x, from: s, to: ts),
                      r >= Int128(Int32.min), r <= Int128(Int32.max) else { throw outOfRange() }
                raw = Int64(r)
            default: throw outOfRange()
            }
            guard let x = Int32(exactly: raw) else { throw outOfRange() }
            values = .int32([]); a.append(x); values = .int32(a)
        case var .int64(a):
            let raw: Int64
            switch v {
            case let .int(x), let .timestamp(x), let .date(x): raw = x
            case let .decimal(x, s):
                guard case let .decimal(_, ts) = leaf.type, let r = Decimal128.rescale(x, from: s, to: ts),
                      r >= Int128(Int64.min), r <= Int128(Int64.max) else { throw outOfRange() }
                raw = Int64(r)
            default: throw outOfRange()
            }
            values = .int64([]); a.append(raw); values = .int64(a)
        case var .float(a):
            guard let d = v.doubleValue else { throw outOfRange() }
            values = .float([]); a.append(Float(d)); values = .float(a)
        case var .double(a):
            guard let d = v.doubleValue else { throw outOfRange() }
            values = .double([]); a.append(d); values = .double(a)
        case var .bytes(s):
            guard case let .string(text) = v else { throw outOfRange() }
            values = .bytes(StringStorage()); s.append(text); values = .bytes(s)
        case .fixed(var b, let w):
            values = .fixed([], width: w)
            defer { values = .fixed(b, width: w) }
            switch v {
            case let .interval(i):
                let millis = i.micros / 1000
                guard let m = Int32(exactly: millis) else { throw outOfRange() }
                b.appendUInt32LE(UInt32(bitPattern: i.months))
                b.appendUInt32LE(UInt32(bitPattern: i.days))
                b.appendUInt32LE(UInt32(bitPattern: m))
            case let .decimal(x, s):
                guard case let .decimal(_, ts) = leaf.type, let r = Decimal128.rescale(x, from: s, to: ts) else { throw outOfRange() }
                let bits = 8 * w
                if bits < 128 {
                    let limit = Int128(1) << (bits - 1)
                    guard r >= -limit, r < limit else { throw outOfRange() }
                }
                for k in stride(from: w - 1, through: 0, by: -1) { b.append(UInt8(truncatingIfNeeded: r >> (8 * k))) }
            default: throw outOfRange()
            }
        }
    }
}
