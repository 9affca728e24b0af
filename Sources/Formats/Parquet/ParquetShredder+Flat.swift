import Columnar
import Diagnostics

/// The typed path of flat columns: values are taken from the column's storage without
/// boxing, levels are written a run at a time. A column without NULLs whose storage is
/// already in the leaf's physical form (BIGINT, TIMESTAMP, DOUBLE, VARCHAR) is not even
/// copied: the leaf shares the column's buffer.
extension ParquetShredder {
    /// Appends the non-NULL values of a flat column straight from its typed storage when the
    /// leaf stores them unchanged or by a checked conversion; false when the general path must do it.
    static func appendTyped(_ column: Column, into d: inout ParquetLeafData) throws(SQLError) -> Bool {
        let valid = column.validity
        var sameScale = true
        if case let .decimal(_, cs) = column.type, case let .decimal(_, ls) = d.leaf.type { sameScale = cs == ls }
        let path = d.leaf.dottedPath, leafType = d.leaf.type
        func overflow() -> SQLError { SQLError(.data, "column \(path): value does not fit \(leafType)") }
        // Each buffer is taken out of the leaf while it grows, so it is the only reference
        // and appends do not copy it (a pattern bound from a tuple of both would share it).
        switch column.storage {
        case .int(let a):
            if sameScale, var out = d.values.takeInt64() {
                appendPresent(a, valid, to: &out)
                d.values = .int64(out)
                return true
            }
            if var out = d.values.takeInt32() {
                defer { d.values = .int32(out) }
                try appendConverted(a, valid, to: &out, { Int32(exactly: $0) }, overflow: overflow)
                return true
            }
        case .decimal(let a) where sameScale:
            if var out = d.values.takeInt64() {
                defer { d.values = .int64(out) }
                try appendConverted(a, valid, to: &out, { Int64(exactly: $0) }, overflow: overflow)
                return true
            }
            if var out = d.values.takeInt32() {
                defer { d.values = .int32(out) }
                try appendConverted(a, valid, to: &out, { Int32(exactly: $0) }, overflow: overflow)
                return true
            }
        case .double(let a):
            if var out = d.values.takeDoubles() {
                appendPresent(a, valid, to: &out)
                d.values = .double(out)
                return true
            }
            if var out = d.values.takeFloats() {
                defer { d.values = .float(out) }
                try appendConverted(a, valid, to: &out, { Float($0) }, overflow: overflow)
                return true
            }
        case .bool(let a):
            if var out = d.values.takeBools() {
                appendPresent(a, valid, to: &out)
                d.values = .bool(out)
                return true
            }
        case .string(let st):
            if var out = d.values.takeBytes() {
                appendPresent(st, valid, to: &out)
                d.values = .bytes(out)
                return true
            }
        default:
            break
        }
        return false
    }

    /// Calls `body` with each run of consecutive indices in `0..<count` whose validity bit
    /// is `present` (the runs alternate, starting with either kind).
    @inline(__always)
    static func forEachRun(_ validity: Bitmap, count: Int, _ body: (Range<Int>, _ present: Bool) -> Void) {
        var start = 0
        var state = count > 0 && validity[0]
        validity.words.withUnsafeBufferPointer { words in
            var i = 0
            while i < count {
                let w = i >> 6
                guard w < words.count else { break }
                // The bits from `i` on in this word, inverted when looking for the end of a present run.
                let bits = (state ? ~words[w] : words[w]) >> UInt64(i & 63)
                if bits == 0 {
                    i = (w + 1) << 6
                    continue
                }
                let end = i + bits.trailingZeroBitCount
                guard end < count else { break }
                body(start..<end, state)
                start = end
                state.toggle()
                i = end
            }
        }
        if start < count { body(start..<count, state) }
    }

    /// Appends the elements of `a` whose validity bit is set (all without a bitmap).
    static func appendPresent<T>(_ a: [T], _ validity: Bitmap?, to out: inout [T]) {
        guard let v = validity else {
            // Shared, not copied, when nothing was reserved for more pieces.
            if out.isEmpty, out.capacity == 0 { out = a } else { out.append(contentsOf: a) }
            return
        }
        out.reserveForAppending(a.count)
        forEachRun(v, count: a.count) { range, present in
            if present { out.append(contentsOf: a[range]) }
        }
    }

    /// Appends the strings of `st` whose validity bit is set (all without a bitmap).
    static func appendPresent(_ st: StringStorage, _ validity: Bitmap?, to out: inout StringStorage) {
        let n = st.count
        guard n > 0 else { return }
        if validity == nil, out.count == 0, out.bytes.capacity == 0, st.offsets[0] == 0 {
            out = st
            return
        }
        out.offsets.reserveForAppending(n)
        @inline(__always) func copy(_ range: Range<Int>) {
            let lo = st.offsets[range.lowerBound], hi = st.offsets[range.upperBound]
            let shift = out.bytes.count - lo
            out.bytes.append(contentsOf: st.bytes[lo..<hi])
            // The run's end offsets, shifted, written over the buffers in one loop.
            let base = out.offsets.count, count = range.count
            out.offsets.append(contentsOf: repeatElement(0, count: count))
            out.offsets.withUnsafeMutableBufferPointer { o in
                st.offsets.withUnsafeBufferPointer { from in
                    for j in 0..<count { o[base + j] = from[range.lowerBound + 1 + j] + shift }
                }
            }
        }
        guard let v = validity else { copy(0..<n); return }
        forEachRun(v, count: n) { range, present in
            if present { copy(range) }
        }
    }

    /// Appends `convert(a[i])` for each present `i`; a nil conversion is the `overflow` error.
    @inline(__always)
    static func appendConverted<S, T>(_ a: [S], _ validity: Bitmap?, to out: inout [T], _ convert: (S) -> T?,
                                      overflow: () -> SQLError) throws(SQLError) {
        out.reserveForAppending(a.count)
        var failed = false
        a.withUnsafeBufferPointer { p in
            @inline(__always) func run(_ range: Range<Int>) {
                for i in range {
                    guard let x = convert(p[i]) else { failed = true; return }
                    out.append(x)
                }
            }
            guard let v = validity else { run(0..<p.count); return }
            forEachRun(v, count: p.count) { range, present in
                if present, !failed { run(range) }
            }
        }
        if failed { throw overflow() }
    }

    /// Records the levels of `count` flat entries: `presentDef` where the validity bit is
    /// set, one less where it is not.
    static func appendLevels(_ validity: Bitmap?, count n: Int, presentDef: Int, into d: inout ParquetLeafData) {
        d.entries += n
        if d.leaf.maxRep > 0 { d.reps.append(contentsOf: repeatElement(0, count: n)) }
        guard d.leaf.maxDef > 0 else { return }
        let present = UInt32(truncatingIfNeeded: presentDef), absent = UInt32(truncatingIfNeeded: presentDef - 1)
        guard let v = validity else {
            if presentDef == d.leaf.maxDef {
                d.implicitDefs += n
            } else {
                if d.implicitDefs > 0 { d.materializeDefs() }
                d.defs.append(contentsOf: repeatElement(present, count: n))
            }
            return
        }
        if d.implicitDefs > 0 { d.materializeDefs() }
        d.defs.reserveForAppending(n)
        forEachRun(v, count: n) { range, isPresent in
            d.defs.append(contentsOf: repeatElement(isPresent ? present : absent, count: range.count))
        }
    }
}
