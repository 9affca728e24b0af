import Columnar
import Diagnostics

extension JSONScanState {
    /// Steps 2 and 3 for a record whose object was scanned: converts and appends the row,
    /// or handles it as a bad record.
    mutating func commit(line: Int, recordStart: Int, recordEnd: Int) throws(SQLError) {
        rowsRead += 1
        if keyFilterSlot >= 0, filteredOut(keyFilterSlot) { return }
        do {
            try stage()
        } catch {
            try badRecord(line: line, start: recordStart, end: recordEnd, message: error.message)
            return
        }
        if keyNoteSlot >= 0, !stagedNull[keyNoteSlot] { note(stagedInt[keyNoteSlot]) }
        append(line: line)
    }

    /// Widens the range of keys read to hold `k`.
    @inline(__always)
    mutating func note(_ k: Int64) {
        if k < keyMin { keyMin = k }
        if k > keyMax { keyMax = k }
        if offsets != nil { offsets?.note(k, start: recordStart, line: recordLine) }
    }

    /// True when the record's key (needed field `slot`) is NULL or not one of the filter's
    /// keys, noting a rejected key's value; a key that cannot be read leaves the record to
    /// the usual path.
    mutating func filteredOut(_ slot: Int) -> Bool {
        do { try stageOne(slot) } catch { return false }
        if stagedNull[slot] { return true }
        let k = stagedInt[slot]
        guard let keys = reader.keyFilterKeys, !keys.contains(k) else { return false }
        note(k)
        return true
    }

    /// Step 3: moves the staged values into the column sinks.
    mutating func append(line: Int) {
        let row = rowsInBatch
        for k in 0..<outputCount {
            let u = sources[k]
            if u >= 0 && stagedNull[u] || u < 0 && sinks[k].mode != .builder {
                sinks[k].storeNull(row)
                continue
            }
            switch sinks[k].mode {
            case .int: sinks[k].store(int: stagedInt[u], row)
            case .double: sinks[k].store(double: stagedDouble[u], row)
            case .decimal: sinks[k].store(decimal: stagedDecimal[u], row)
            case .string:
                let (a, b, escaped) = stagedText[u]
                if escaped {
                    scratch[u].withUnsafeBufferPointer { t in
                        guard let base = t.baseAddress else { sinks[k].store(bytes: p, 0, row, overRead: false); return }
                        sinks[k].store(bytes: base, t.count, row, overRead: false)
                    }
                } else {
                    sinks[k].store(bytes: p + a, b - a, row, overRead: a + 16 <= count)
                }
            case .builder:
                appendBoxed(k, u)
            }
        }
        endRow(line: line)
    }

    /// Appends slot `u` (-1: the corrupt-record column, NULL here) to the builder of output column `k`.
    mutating func appendBoxed(_ k: Int, _ u: Int) {
        if u < 0 || stagedNull[u] {
            sinks[k].builder.appendNull()
            return
        }
        switch kind[u] {
        case Kind.boolean: sinks[k].builder.append(bool: stagedInt[u] != 0)
        case Kind.integer, Kind.date, Kind.timestamp: sinks[k].builder.append(int: stagedInt[u])
        case Kind.float32, Kind.float64: sinks[k].builder.append(double: stagedDouble[u])
        case Kind.decimal: sinks[k].builder.append(decimal: stagedDecimal[u])
        case Kind.string:
            let (a, b, escaped) = stagedText[u]
            if escaped {
                scratch[u].withUnsafeBufferPointer { sinks[k].builder.append(stringBytes: $0) }
            } else {
                sinks[k].builder.append(stringBytes: UnsafeBufferPointer(start: p + a, count: b - a))
            }
        default:
            let path = reader.outputExtracts[k]
            sinks[k].builder.append(path.isEmpty ? stagedValues[u] : JSONScanState.field(of: stagedValues[u], at: path))
        }
    }

    /// Counts the row, records its line (`line` counts from the scanned range's start; see
    /// `lineShift`), and closes the batch when full.
    mutating func endRow(line: Int) {
        if reader.includeLine { lines.append(Int64(line + lineShift)) }
        rowsInBatch += 1
        if rowsInBatch >= batchRows { flush() }
    }

    /// A record that cannot be read: listed, then handled by the mode.
    mutating func badRecord(line relativeLine: Int, start: Int, end: Int, message: String) throws(SQLError) {
        if lineShiftPendingEnd >= 0 {
            lineShift = JSONBytes.countNewlines(p, 0, lineShiftPendingEnd)
            lineShiftPendingEnd = -1
        }
        let line = relativeLine + lineShift
        let raw = String(decoding: UnsafeBufferPointer(start: p + start, count: max(0, end - start)), as: UTF8.self)
        badRecords.append(BadRecord(file: path, line: line, message: message, raw: raw))
        switch reader.options.mode {
        case .failFast:
            throw SQLError(.data, message, location: FileLocation(path: path, line: line))
        case .dropMalformed:
            return
        case .permissive:
            let row = rowsInBatch
            for k in 0..<outputCount {
                if sources[k] >= 0 {
                    if sinks[k].mode == .builder { sinks[k].builder.appendNull() } else { sinks[k].storeNull(row) }
                } else if sinks[k].mode == .builder {
                    sinks[k].builder.append(stringBytes: UnsafeBufferPointer(start: p + start, count: max(0, end - start)))
                } else {
                    sinks[k].store(bytes: p + start, max(0, end - start), row, overRead: false)
                }
            }
            endRow(line: relativeLine)
        }
    }

    /// Turns the sinks' rows into a batch (with metadata columns); the sinks start empty.
    mutating func flush() {
        guard rowsInBatch > 0 else { return }
        var columns: [Column] = []
        columns.reserveCapacity(outputCount + 2)
        for k in 0..<outputCount { columns.append(sinks[k].finish(rows: rowsInBatch)) }
        if reader.includeFile { columns.append(Column.constant(.string(path), type: .string, count: rowsInBatch)) }
        if reader.includeLine { columns.append(Column(type: .int64, storage: .int(lines))) }
        batches.append(Batch(columns: columns, count: rowsInBatch))
        lines.removeAll(keepingCapacity: true)
        rowsInBatch = 0
    }

    /// The result of the read.
    mutating func finish() -> JSONReadResult {
        flush()
        var result = JSONReadResult(batches: batches, badRecords: badRecords, rowsRead: rowsRead, bytesRead: consumedEnd, truncatedTailBytes: truncatedTail)
        if keyMin <= keyMax { result.keyRange = keyMin...keyMax }
        result.keyOffsets = offsets
        return result
    }
}
