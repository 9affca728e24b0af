import Columnar
import Diagnostics

/// Levels and values of one leaf column, ready to be cut into pages.
struct ParquetLeafData {
    /// The leaf.
    let leaf: ParquetLeaf
    /// Definition levels, one per entry (empty when `maxDef` is 0).
    var defs: [UInt32] = []
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
        if leaf.maxDef > 0 { defs.append(UInt32(def)) }
        if leaf.maxRep > 0 { reps.append(UInt32(rep)) }
        entries += 1
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
            for i in 0..<n { d.level(def: column.isNull(i) ? presentDef - 1 : presentDef, rep: 0) }
            return
        }
        for i in 0..<n {
            let present = !column.isNull(i)
            d.level(def: present ? presentDef : presentDef - 1, rep: 0)
            if present { try appendValue(column.value(at: i), leaf: d.leaf, to: &d.values) }
        }
    }

    /// Appends the non-NULL values of a flat column straight from its typed storage when the
    /// leaf stores them unchanged (no boxing); false when the general path must do it.
    private static func appendTyped(_ column: Column, into d: inout ParquetLeafData) throws(SQLError) -> Bool {
        let n = column.count
        let valid = column.validity
        @inline(__always) func present(_ i: Int) -> Bool { valid?[i] ?? true }
        var sameScale = true
        if case let .decimal(_, cs) = column.type, case let .decimal(_, ls) = d.leaf.type { sameScale = cs == ls }
        switch (column.storage, d.values) {
        case (.int(let a), .int64(var out)) where sameScale:
            d.values = .int64([])
            for i in 0..<n where present(i) { out.append(a[i]) }
            d.values = .int64(out)
        case (.int(let a), .int32(var out)):
            d.values = .int32([])
            defer { d.values = .int32(out) }
            for i in 0..<n where present(i) {
                guard let x = Int32(exactly: a[i]) else {
                    throw SQLError(.data, "column \(d.leaf.dottedPath): value \(a[i]) does not fit \(d.leaf.type)")
                }
                out.append(x)
            }
        case (.decimal(let a), .int64(var out)) where sameScale:
            d.values = .int64([])
            defer { d.values = .int64(out) }
            for i in 0..<n where present(i) {
                guard let x = Int64(exactly: a[i]) else {
                    throw SQLError(.data, "column \(d.leaf.dottedPath): value does not fit \(d.leaf.type)")
                }
                out.append(x)
            }
        case (.decimal(let a), .int32(var out)) where sameScale:
            d.values = .int32([])
            defer { d.values = .int32(out) }
            for i in 0..<n where present(i) {
                guard let x = Int32(exactly: a[i]) else {
                    throw SQLError(.data, "column \(d.leaf.dottedPath): value does not fit \(d.leaf.type)")
                }
                out.append(x)
            }
        case (.double(let a), .double(var out)):
            d.values = .double([])
            for i in 0..<n where present(i) { out.append(a[i]) }
            d.values = .double(out)
        case (.double(let a), .float(var out)):
            d.values = .float([])
            for i in 0..<n where present(i) { out.append(Float(a[i])) }
            d.values = .float(out)
        case (.bool(let a), .bool(var out)):
            d.values = .bool([])
            for i in 0..<n where present(i) { out.append(a[i]) }
            d.values = .bool(out)
        case (.string(let st), .bytes(var out)):
            d.values = .bytes(StringStorage())
            if valid == nil, n > 0 {  // no NULLs: one copy of the bytes, offsets moved
                let shift = out.bytes.count - st.offsets[0]
                out.bytes.append(contentsOf: st.bytes[st.offsets[0]..<st.offsets[n]])
                for i in 1...n { out.offsets.append(st.offsets[i] + shift) }
                d.values = .bytes(out)
                return true
            }
            for i in 0..<n where present(i) {
                out.bytes.append(contentsOf: st.bytes[st.offsets[i]..<st.offsets[i + 1]])
                out.offsets.append(out.bytes.count)
            }
            d.values = .bytes(out)
        default:
            return false
        }
        return true
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
