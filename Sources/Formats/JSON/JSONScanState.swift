import Columnar
import Diagnostics

/// The mutable state of one read: the bytes, per-record staging of the needed fields,
/// the column sinks of the current batch, and what has been produced so far.
///
/// A record is read in three steps. (1) `scanObject` walks the object once, skipping
/// unneeded values and noting where each needed value lies (a later duplicate key
/// overwrites: last wins). (2) `stage` converts the noted values into typed staging
/// slots; any failure makes the record bad before anything was appended. (3) `append`
/// moves the staged values into the column sinks.
struct JSONScanState {
    let reader: JSONReader
    let p: UnsafePointer<UInt8>
    let count: Int
    let path: String
    let needed: Int
    /// Staging slots: the needed fields, then the fields read inside STRUCT columns.
    let slotCount: Int
    /// The needed-field index of the key that filters records (-1: none).
    let keyFilterSlot: Int
    /// The needed-field index of the key whose range is noted (-1: none).
    let keyNoteSlot: Int
    /// Smallest and largest key read (min > max: none yet).
    var keyMin = Int64.max
    var keyMax = Int64.min

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
    /// Per needed field: values already built for repeated nested JSON text.
    var nestedCaches: [JSONNestedCache]
    /// Flattened lower-cased key names of the needed fields: name `u` is
    /// `keyBytes[keyStart[u] ..< keyStart[u + 1]]`.
    let keyBytes: UnsafeMutablePointer<UInt8>
    let keyStart: UnsafeMutablePointer<Int>
    /// Bit n set when some needed name is n bytes long (bit 63: 63 or more), so most
    /// unneeded keys are turned away by their length alone.
    let keyLengths: UInt64
    /// Per needed field: converter kind (`Kind`) and its two parameters (integer bounds,
    /// or decimal precision and scale).
    let kind: UnsafeMutablePointer<UInt8>
    let paramA: UnsafeMutablePointer<Int64>
    let paramB: UnsafeMutablePointer<Int64>
    /// Per slot: the largest magnitude of a DECIMAL slot's precision; and 10^0 ... 10^38.
    let maxMagnitude: UnsafeMutablePointer<Int128>
    let powersOf10: UnsafeMutablePointer<Int128>
    /// Per output column: its needed field, or -1 for the corrupt-record column.
    let sources: UnsafeMutablePointer<Int>
    let outputCount: Int
    var scratch: [[UInt8]]
    var keyScratch: [UInt8] = []
    /// Unescaped text of string fields that are only checked.
    var checkScratch: [UInt8] = []
    /// Per slot: the last date of its timestamps.
    let timestamps: UnsafeMutablePointer<JSONTimestampCache>
    /// Per needed field: what walking its repeated STRUCT texts staged (fields read by field).
    var leafCaches: [JSONLeafCache]
    /// Per needed field read by field: true when `scanObject` staged its fields already.
    let leafStaged: UnsafeMutablePointer<Bool>
    /// The key tokens of earlier records, by member position.
    let shape = JSONRecordShape()
    /// Per needed field read by field: its flat plan for the fast walk, if it has one.
    let leafWalks: [JSONLeafWalk?]

    /// Per output column: where the rows of the current batch go.
    let sinks: UnsafeMutablePointer<JSONColumnSink>
    var lines: [Int64] = []
    var rowsInBatch = 0
    /// Rows per batch: the option's batch size, capped so that the column sinks' buffers
    /// stay of a sensible size.
    let batchRows: Int
    var batches: [Batch] = []
    var badRecords: [BadRecord] = []
    var rowsRead = 0
    var truncatedTail = 0
    var consumedEnd = 0
    /// Line feeds before the scanned range, added to the line numbers counted inside it.
    var lineShift = 0
    /// When >= 0, `lineShift` is not yet known: it is the count of line feeds before this index.
    var lineShiftPendingEnd = -1
    /// With `JSONKeyFilter.notesOffsets`: the key, line start and line of each record whose
    /// key was read (see `JSONKeyOffsets`); the record being read starts at `recordStart`.
    var offsets: JSONKeyOffsets? = nil
    var recordStart = -1
    var recordLine = 0

    init(reader: JSONReader, base: UnsafePointer<UInt8>, count: Int, path: String, caches: [JSONNestedCache], leafCaches: [JSONLeafCache] = []) {
        self.reader = reader
        self.p = base
        self.count = count
        self.path = path
        needed = reader.neededNames.count
        batchRows = min(max(reader.options.batchSize, 1), 1 << 20)
        slotCount = reader.slotConverters.count
        keyNoteSlot = reader.keyFilterSlot ?? -1
        keyFilterSlot = reader.keyFilterKeys == nil ? -1 : keyNoteSlot
        let n = max(slotCount, 1)
        spanStart = .allocate(capacity: n)
        spanEnd = .allocate(capacity: n)
        stagedNull = .allocate(capacity: n)
        stagedInt = .allocate(capacity: n)
        stagedDouble = .allocate(capacity: n)
        stagedDecimal = .allocate(capacity: n)
        stagedText = .allocate(capacity: n)
        leafStaged = .allocate(capacity: n)
        leafStaged.initialize(repeating: false, count: n)
        spanStart.initialize(repeating: -1, count: n)
        spanEnd.initialize(repeating: 0, count: n)
        stagedNull.initialize(repeating: true, count: n)
        stagedInt.initialize(repeating: 0, count: n)
        stagedDouble.initialize(repeating: 0, count: n)
        stagedDecimal.initialize(repeating: 0, count: n)
        stagedText.initialize(repeating: (0, 0, false), count: n)
        stagedValues = [Value](repeating: .null, count: n)
        nestedCaches = caches.count == n ? caches : [JSONNestedCache](repeating: JSONNestedCache(), count: n)
        let names = reader.neededTable.names
        let totalKeyBytes = names.reduce(0) { $0 + $1.count }
        keyBytes = .allocate(capacity: max(totalKeyBytes, 1))
        keyStart = .allocate(capacity: n + 1)
        kind = .allocate(capacity: n)
        paramA = .allocate(capacity: n)
        paramB = .allocate(capacity: n)
        var offset = 0
        for u in 0..<needed {
            keyStart[u] = offset
            for b in names[u] { keyBytes[offset] = b; offset += 1 }
        }
        keyStart[needed] = offset
        var lengths: UInt64 = 0
        for name in names { lengths |= 1 << UInt64(min(name.count, 63)) }
        keyLengths = lengths
        maxMagnitude = .allocate(capacity: n)
        maxMagnitude.initialize(repeating: 0, count: n)
        powersOf10 = .allocate(capacity: 39)
        var power: Int128 = 1
        for k in 0...38 {
            powersOf10[k] = power
            if k < 38 { power *= 10 }
        }
        for u in 0..<slotCount {
            let (k, a, b) = Kind.of(reader.slotConverters[u])
            kind[u] = u < needed && reader.leafPlans[u] != nil ? Kind.leaves : k
            paramA[u] = a; paramB[u] = b
            if k == Kind.decimal { maxMagnitude[u] = Decimal128.maxMagnitude(precision: Int(a)) }
        }
        outputCount = reader.outputSources.count
        sources = .allocate(capacity: max(outputCount, 1))
        for k in 0..<outputCount { sources[k] = reader.outputSources[k] }
        if reader.options.keyFilter?.notesOffsets == true, keyNoteSlot >= 0 { offsets = JSONKeyOffsets() }
        scratch = [[UInt8]](repeating: [], count: n)
        timestamps = .allocate(capacity: n)
        timestamps.initialize(repeating: JSONTimestampCache(), count: n)
        self.leafCaches = leafCaches.count >= needed ? leafCaches : [JSONLeafCache](repeating: JSONLeafCache(width: 0, enabled: false), count: needed)
        leafWalks = (0..<needed).map { u in u < reader.leafPlans.count ? reader.leafPlans[u].flatMap(JSONLeafWalk.init) : nil }
        sinks = .allocate(capacity: max(outputCount, 1))
        let size = batchRows
        for k in 0..<outputCount {
            let u = reader.outputSources[k]
            let staged: UInt8? = u < 0 ? nil : (reader.outputExtracts[k].isEmpty ? kind[u] : Kind.nested)
            (sinks + k).initialize(to: JSONColumnSink(type: reader.outputTypes[k], kind: staged, capacity: size))
        }
    }

    /// Frees the staging buffers.
    func release() {
        spanStart.deallocate(); spanEnd.deallocate(); stagedNull.deallocate()
        stagedInt.deallocate(); stagedDouble.deallocate(); stagedDecimal.deallocate(); stagedText.deallocate()
        keyBytes.deallocate(); keyStart.deallocate(); kind.deallocate(); paramA.deallocate(); paramB.deallocate()
        sources.deallocate(); leafStaged.deallocate(); shape.release()
        maxMagnitude.deallocate(); powersOf10.deallocate(); timestamps.deallocate()
        for w in leafWalks { w?.release() }
        for k in 0..<outputCount { sinks[k].release() }
        sinks.deinitialize(count: outputCount)
        sinks.deallocate()
    }

    /// Step 1: walks the object starting at `s` (after blanks) within `[s, e)`, noting the
    /// needed values; returns the index after its closing brace.
    mutating func scanObject(_ s: Int, _ e: Int) throws(JSONValueError) -> Int {
        for u in 0..<needed { spanStart[u] = -1; leafStaged[u] = false }
        var i = s
        guard i < e, p[i] == 0x7B else { throw JSONValueError(path: "", detail: "expected a JSON object, found \(JSONValueError.token(p, i, min(e, i + 20)))") }
        i = JSONBytes.skipSpace(p, i + 1, e)
        if i < e, p[i] == 0x7D { return i + 1 }
        var hint = 0
        var found = 0
        // When every needed key has been seen, the rest of a record that ends in `}` is not
        // looked at (the record is judged on the columns the query reads).
        var last = e - 1
        while last > s, p[last] == 0x20 || p[last] == 0x09 || p[last] == 0x0D { last -= 1 }
        let canStopEarly = needed > 0 && p[last] == 0x7D
        var member = 0
        while true {
            guard i < e, p[i] == JSONBytes.quote else { throw .malformed(i < e ? "expected a key at byte \(i - s + 1)" : "unexpected end of record") }
            var u = -1
            let afterToken = shape.match(p, member, i, e, &u)
            if afterToken >= 0 {
                i = JSONBytes.skipSpace(p, afterToken, e)
            } else {
                i = try readKey(i, e, member: member, hint: hint, &u)
            }
            member += 1
            let valueEnd = u >= 0 && kind[u] == Kind.leaves ? walkLeaves(u, i, e) : JSONBytes.skipValue(p, i, e)
            guard valueEnd > 0 else { throw .malformed(i < e ? "bad value at byte \(i - s + 1)" : "unexpected end of record") }
            if u >= 0 {
                if spanStart[u] < 0 { found += 1 }
                spanStart[u] = i
                spanEnd[u] = valueEnd
                hint = u + 1
                // A key the filter rejects ends the walk: the record will not be kept.
                if u == keyFilterSlot, canStopEarly, filteredOut(u) { return e }
            }
            i = JSONBytes.skipSpace(p, valueEnd, e)
            guard i < e else { throw .malformed("unexpected end of record") }
            let b = p[i]
            if b == 0x2C {
                if found == needed && canStopEarly { return e }
                i = JSONBytes.skipSpace(p, i + 1, e)
            } else if b == 0x7D {
                return i + 1
            } else {
                throw .malformed("expected ',' or '}' at byte \(i - s + 1)")
            }
        }
    }

    /// Reads the key at `i` (a quote) of member `member` and the colon after it: sets `u` to
    /// its needed field (-1: none) and returns where the value starts. An unescaped key
    /// followed directly by its colon is remembered in `shape` for the next records.
    @inline(__always)
    mutating func readKey(_ i: Int, _ e: Int, member: Int, hint: Int, _ u: inout Int) throws(JSONValueError) -> Int {
        var escaped = false
        let keyEnd = JSONBytes.skipString(p, i, e, &escaped)
        guard keyEnd > 0 else { throw .malformed("unterminated string") }
        if needed > 0 {
            if escaped {
                keyScratch.removeAll(keepingCapacity: true)
                guard JSONUnescape.unescape(p, i + 1, keyEnd - 1, into: &keyScratch) else { throw .malformed("invalid escape in a key") }
                u = reader.neededTable.match(unescaped: keyScratch)
            } else {
                let length = keyEnd - i - 2
                if keyLengths & (1 &<< UInt64(truncatingIfNeeded: min(length, 63))) != 0 { u = matchKey(i + 1, keyEnd - 1, hint: hint) }
            }
        }
        var j = JSONBytes.skipSpace(p, keyEnd, e)
        guard j < e, p[j] == 0x3A else { throw .malformed("expected ':' after a key") }
        if !escaped && j == keyEnd { shape.remember(member, i, keyEnd + 1 - i, u) } else { shape.forget(member) }
        j = JSONBytes.skipSpace(p, j + 1, e)
        return j
    }

    /// The needed field whose name equals the key bytes `[s, e)` (ASCII case folded),
    /// trying `hint` first; -1 if none.
    @inline(__always)
    func matchKey(_ s: Int, _ e: Int, hint: Int) -> Int {
        if hint < needed, keyEquals(hint, s, e) { return hint }
        var u = 0
        while u < needed {
            if u != hint, keyEquals(u, s, e) { return u }
            u += 1
        }
        return -1
    }

    @inline(__always)
    func keyEquals(_ u: Int, _ s: Int, _ e: Int) -> Bool {
        let a = keyStart[u], n = keyStart[u + 1] - a
        guard n == e - s else { return false }
        // Keys are usually spelled as declared (lower case): a word-wise exact compare first.
        if ByteHash.equal(keyBytes + a, p + s, n) { return true }
        var j = 0
        while j < n {
            if JSONBytes.lower(p[s + j]) != keyBytes[a + j] { return false }
            j += 1
        }
        return true
    }

    /// Step 2: converts the noted values into the staging slots.
    mutating func stage() throws(JSONValueError) {
        var u = 0
        do {
            while u < needed {
                try stageOne(u)
                u += 1
            }
        } catch {
            throw error.inside(reader.neededNames[u])
        }
    }

    @inline(__always)
    mutating func stageOne(_ u: Int) throws(JSONValueError) {
        let s = spanStart[u]
        if kind[u] == Kind.leaves {
            try stageLeaves(u, s)
            return
        }
        if s < 0 || p[s] == 0x6E {
            stagedNull[u] = true
            return
        }
        try stageValue(u, s, spanEnd[u])
    }

    /// Converts the value `[s, e)` (not JSON null) into slot `u`.
    @inline(__always)
    mutating func stageValue(_ u: Int, _ s: Int, _ e: Int) throws(JSONValueError) {
        stagedNull[u] = false
        switch kind[u] {
        case Kind.boolean:
            if let v = try JSONScalars.boolean(p, s, e, "") { stagedInt[u] = v ? 1 : 0 } else { stagedNull[u] = true }
        case Kind.integer:
            if let v = JSONScalars.plainInteger(p, s, e, min: paramA[u], max: paramB[u]) {
                stagedInt[u] = v
            } else if let v = try JSONScalars.integer(p, s, e, min: paramA[u], max: paramB[u], "") { stagedInt[u] = v } else { stagedNull[u] = true }
        case Kind.float32:
            if let v = try JSONScalars.double(p, s, e, "", "REAL") { stagedDouble[u] = Double(Float(v)) } else { stagedNull[u] = true }
        case Kind.float64:
            if let v = try JSONScalars.double(p, s, e, "", "DOUBLE") { stagedDouble[u] = v } else { stagedNull[u] = true }
        case Kind.decimal:
            let scale = Int(paramB[u])
            if scale >= 0, scale <= 38, let v = JSONScalars.plainDecimal(p, s, e, scale: scale, factor: powersOf10, maxMagnitude: maxMagnitude[u]) {
                stagedDecimal[u] = v
            } else if let v = try JSONScalars.decimal(p, s, e, precision: Int(paramA[u]), scale: Int(paramB[u]), "") { stagedDecimal[u] = v } else { stagedNull[u] = true }
        case Kind.string:
            // A string without escapes is its own text (no scratch space needed).
            if p[s] == JSONBytes.quote, JSONBytes.findQuoteOrBackslash(p, s + 1, e - 1) < 0 {
                stagedText[u] = (s + 1, e - 1, false)
            } else if let t = try JSONScalars.stringSpan(p, s, e, &scratch[u], "") { stagedText[u] = t } else { stagedNull[u] = true }
        case Kind.date:
            if let v = try JSONScalars.date(p, s, e, "") { stagedInt[u] = v } else { stagedNull[u] = true }
        case Kind.timestamp:
            if let v = try timestamps[u].value(p, s, e) { stagedInt[u] = v } else { stagedNull[u] = true }
        default:
            let converter = reader.slotConverters[u]
            stagedValues[u] = try nestedCaches[u].value(p, s, e) { (p, s, e) throws(JSONValueError) -> Value in
                try JSONNested.value(converter, p, s, e)
            }
        }
    }
}

/// Converter kinds as small codes for the scan loop (see `JSONConverter`).
enum Kind {
    static let boolean: UInt8 = 0, integer: UInt8 = 1, float32: UInt8 = 2, float64: UInt8 = 3
    static let decimal: UInt8 = 4, string: UInt8 = 5, date: UInt8 = 6, timestamp: UInt8 = 7, nested: UInt8 = 8
    /// A STRUCT column read by field (`JSONLeafPlan`): its fields are staged in other slots.
    static let leaves: UInt8 = 9

    /// The code and parameters of a converter.
    static func of(_ c: JSONConverter) -> (UInt8, Int64, Int64) {
        switch c {
        case .boolean: return (boolean, 0, 0)
        case let .integer(lo, hi): return (integer, lo, hi)
        case .float32: return (float32, 0, 0)
        case .float64: return (float64, 0, 0)
        case let .decimal(precision, scale): return (decimal, Int64(precision), Int64(scale))
        case .string: return (string, 0, 0)
        case .date: return (date, 0, 0)
        case .timestamp: return (timestamp, 0, 0)
        case .structure, .array: return (nested, 0, 0)
        }
    }
}
