import Columnar

/// The cells of one column as escaped text: one byte buffer plus `count + 1` offsets.
/// Printers render a column at a time (one type switch per column, tight loops per
/// type) and then interleave the cells row by row.
struct RenderedColumn {
    /// All cell bytes back to back.
    var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are the bytes of cell `i`.
    var offsets: [Int] = [0]

    /// No cells.
    init() {}

    /// Number of cells.
    var count: Int { offsets.count - 1 }

    /// Bytes of cell `i`.
    func cell(_ i: Int) -> ArraySlice<UInt8> { bytes[offsets[i]..<offsets[i + 1]] }

    /// Renders `column` with `encoding`; NULL cells hold `nullText` (JSON: `null`).
    init(_ column: Column, encoding: CellEncoding, nullText: [UInt8]) {
        var out = ByteBuffer(capacity: column.count * 8)
        var offs: [Int] = [0]
        offs.reserveCapacity(column.count + 1)
        let null: [UInt8] = encoding == .json ? Array("null".utf8) : nullText
        let n = column.count
        // One loop per storage kind; `cell` writes a present value.
        func each(_ cell: (Int, inout ByteBuffer) -> Void) {
            for i in 0..<n {
                if column.isNull(i) { out.append(null[...]) } else { cell(i, &out) }
                offs.append(out.count)
            }
        }
        let quoted = encoding == .json
        switch column.storage {
        case let .int(a):
            switch column.type {
            case .date:
                each { i, o in encoding.appendString(DateTime.formatDate(days: a[i]), to: &o) }
            case .timestamp:
                each { i, o in encoding.appendString(DateTime.formatTimestamp(micros: a[i]), to: &o) }
            default:
                each { i, o in o.append(int: a[i]) }
            }
        case let .double(a):
            if quoted {
                each { i, o in if a[i].isFinite { o.append(double: a[i]) } else { o.append("null") } }
            } else {
                each { i, o in o.append(double: a[i]) }
            }
        case let .bool(a):
            each { i, o in o.append(a[i] ? "true" : "false") }
        case let .decimal(a):
            var scale = 0
            if case let .decimal(_, s) = column.type { scale = s }
            each { i, o in o.append(Decimal128.format(a[i], scale: scale)) }
        case let .string(s):
            s.bytes.withUnsafeBufferPointer { all in
                each { i, o in
                    encoding.appendString(UnsafeBufferPointer(rebasing: all[s.offsets[i]..<s.offsets[i + 1]]), to: &o)
                }
            }
        case let .interval(a):
            each { i, o in encoding.appendString(a[i].description, to: &o) }
        case let .value(a):
            let type = column.type
            each { i, o in ValueText.append(a[i], type: type, encoding: encoding, nullText: null, to: &o) }
        }
        bytes = out.bytes
        offsets = offs
    }
}
