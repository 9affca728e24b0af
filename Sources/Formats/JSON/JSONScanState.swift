import Columnar
import Diagnostics

/// The mutable state of one read: the bytes, per-record staging of the needed fields,
/// the column builders of the current batch, and what has been produced so far.
///
/// A record is read in three steps. (1) `scanObject` walks the object once, skipping
/// unneeded values and noting where each needed value lies (a later duplicate key
/// overwrites: last wins). (2) `stage` converts the noted values into typed staging
/// slots; any failure makes the record bad before anything was appended. (3) `append`
/// moves the staged values into the column builders.
struct JSONScanState {
    let reader: JSONReader
    let p: UnsafePointer<UInt8>
    let count: Int
    let path: String
    let needed: Int

    /// Where each needed value starts (-1: absent) and ends.
    let spanStart: UnsafeMutablePointer<Int>
    let spanEnd: UnsafeMutablePointer<Int>
    /// Staged values: which slot is NULL, and the typed payloads.
    let stagedNull: UnsafeMutablePointer<Bool>
    let stagedInt: UnsafeMutablePointer<Int64>
    let stagedDouble: UnsafeMutablePointer<Double>
    let stagedDecimal: UnsafeMutablePointer<Int128>
    let stagedText: UnsafeMutablePointer<(Int, Int, Bool)>
    var stagedValues: [Value]
    var scratch: [[UInt8]]
    var keyScratch: [UInt8] = []

    var builders: [ColumnBuilder]
    var lines: [Int64] = []
    var rowsInBatch = 0
    var batches: [Batch] = []
    var badRecords: [BadRecord] = []
    var rowsRead = 0
    var truncatedTail = 0
    var consumedEnd = 0

    init(reader: JSONReader, base: UnsafePointer<UInt8>, count: Int, path: String) {
        self.reader = reader
        self.p = base
        self.count = count
        self.path = path
        needed = reader.neededNames.count
        let n = max(needed, 1)
        spanStart = .allocate(capacity: n)
        spanEnd = .allocate(capacity: n)
        stagedNull = .allocate(capacity: n)
        stagedInt = .allocate(capacity: n)
        stagedDouble = .allocate(capacity: n)
        stagedDecimal = .allocate(capacity: n)
        stagedText = .allocate(capacity: n)
        spanStart.initialize(repeating: -1, count: n)
        spanEnd.initialize(repeating: 0, count: n)
        stagedNull.initialize(repeating: true, count: n)
        stagedInt.initialize(repeating: 0, count: n)
        stagedDouble.initialize(repeating: 0, count: n)
        stagedDecimal.initialize(repeating: 0, count: n)
        stagedText.initialize(repeating: (0, 0, false), count: n)
        stagedValues = [Value](repeating: .null, count: n)
        scratch = [[UInt8]](repeating: [], count: n)
        builders = []
        builders = newBuilders()
    }

    /// Frees the staging buffers.
    func release() {
        spanStart.deallocate(); spanEnd.deallocate(); stagedNull.deallocate()
        stagedInt.deallocate(); stagedDouble.deallocate(); stagedDecimal.deallocate(); stagedText.deallocate()
    }

    func newBuilders() -> [ColumnBuilder] {
        let size = reader.options.batchSize
        return reader.projection.map { ColumnBuilder(type: reader.schema.fields[$0].type, capacity: size) }
    }

    /// Step 1: walks the object starting at `s` (after blanks) within `[s, e)`, noting the
    /// needed values; returns the index after its closing brace.
    mutating func scanObject(_ s: Int, _ e: Int) throws(JSONValueError) -> Int {
        for u in 0..<needed { spanStart[u] = -1 }
        var i = s
        guard i < e, p[i] == 0x7B else { throw JSONValueError(path: "", detail: "expected a JSON object, found \(JSONValueError.token(p, i, min(e, i + 20)))") }
        i = JSONBytes.skipSpace(p, i + 1, e)
        if i < e, p[i] == 0x7D { return i + 1 }
        var hint = 0
        let table = reader.neededTable
        while true {
            guard i < e, p[i] == JSONBytes.quote else { throw .malformed(i < e ? "expected a key at byte \(i - s + 1)" : "unexpected end of record") }
            let keyEnd = JSONBytes.skipString(p, i, e)
            guard keyEnd > 0 else { throw .malformed("unterminated string") }
            var u = -1
            if needed > 0 {
                u = table.match(p, i + 1, keyEnd - 1, hint: hint)
                if u < 0, JSONBytes.find(JSONBytes.backslash, p, i + 1, keyEnd - 1) >= 0 {
                    keyScratch.removeAll(keepingCapacity: true)
                    guard JSONUnescape.unescape(p, i + 1, keyEnd - 1, into: &keyScratch) else { throw .malformed("invalid escape in a key") }
                    u = table.match(unescaped: keyScratch)
                }
            }
            i = JSONBytes.skipSpace(p, keyEnd, e)
            guard i < e, p[i] == 0x3A else { throw .malformed("expected ':' after a key") }
            i = JSONBytes.skipSpace(p, i + 1, e)
            let valueEnd = JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed(i < e ? "bad value at byte \(i - s + 1)" : "unexpected end of record") }
            if u >= 0 {
                spanStart[u] = i
                spanEnd[u] = valueEnd
                hint = u + 1
            }
            i = JSONBytes.skipSpace(p, valueEnd, e)
            guard i < e else { throw .malformed("unexpected end of record") }
            let b = p[i]
            if b == 0x2C {
                i = JSONBytes.skipSpace(p, i + 1, e)
            } else if b == 0x7D {
                return i + 1
            } else {
                throw .malformed("expected ',' or '}' at byte \(i - s + 1)")
            }
        }
    }

    /// Step 2: converts the noted values into the staging slots.
    mutating func stage() throws(JSONValueError) {
        for u in 0..<needed {
            let s = spanStart[u]
            if s < 0 || p[s] == 0x6E {
                stagedNull[u] = true
                continue
            }
            let e = spanEnd[u]
            stagedNull[u] = false
            switch reader.neededConverters[u] {
            case .boolean:
                if let v = try JSONScalars.boolean(p, s, e, reader.neededNames[u]) { stagedInt[u] = v ? 1 : 0 } else { stagedNull[u] = true }
            case let .integer(lo, hi):
                if let v = try JSONScalars.integer(p, s, e, min: lo, max: hi, reader.neededNames[u]) { stagedInt[u] = v } else { stagedNull[u] = true }
            case .float32:
                if let v = try JSONScalars.double(p, s, e, reader.neededNames[u], "REAL") { stagedDouble[u] = Double(Float(v)) } else { stagedNull[u] = true }
            case .float64:
                if let v = try JSONScalars.double(p, s, e, reader.neededNames[u], "DOUBLE") { stagedDouble[u] = v } else { stagedNull[u] = true }
            case let .decimal(precision, scale):
                if let v = try JSONScalars.decimal(p, s, e, precision: precision, scale: scale, reader.neededNames[u]) { stagedDecimal[u] = v } else { stagedNull[u] = true }
            case .string:
                if let t = try JSONScalars.stringSpan(p, s, e, &scratch[u], reader.neededNames[u]) { stagedText[u] = t } else { stagedNull[u] = true }
            case .date:
                if let v = try JSONScalars.date(p, s, e, reader.neededNames[u]) { stagedInt[u] = v } else { stagedNull[u] = true }
            case .timestamp:
                if let v = try JSONScalars.timestamp(p, s, e, reader.neededNames[u]) { stagedInt[u] = v } else { stagedNull[u] = true }
            case .structure, .array:
                do {
                    stagedValues[u] = try JSONNested.value(reader.neededConverters[u], p, s, e)
                } catch {
                    throw error.inside(reader.neededNames[u])
                }
            }
        }
    }
}
