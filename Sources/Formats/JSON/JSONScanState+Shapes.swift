import Columnar
import Diagnostics

/// File shapes: newline-delimited records, one object spanning lines, or one top-level
/// array of objects.
extension JSONScanState {
    /// Reads a whole file, choosing its shape from the first non-blank byte: `[` is an
    /// array of objects; otherwise records are lines, except that a file whose first
    /// record does not end on its line but whose whole text is one object is that object.
    mutating func scanFile() throws(SQLError) {
        var start = 0
        if count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        let first = JSONBytes.skipSpace(p, start, count)
        if first < count, p[first] == 0x5B {
            try scanArray(from: first)
        } else {
            try scanLines(from: start, limit: count, line: 1, wholeFile: true)
        }
    }

    /// Reads the records whose lines start in `range` (see `JSONReader.read(bytes:displayPath:range:)`).
    mutating func scanRange(_ range: Range<Int>) throws(SQLError) {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        var start = lower
        if start > 0, p[start - 1] != 0x0A {
            let nl = JSONBytes.find(0x0A, p, start, count)
            start = nl < 0 ? count : nl + 1
        }
        if start == 0, count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        // Absolute line numbers need the line feeds before `start`: counted now when
        // `_line` is produced or record offsets are noted, else only when a bad record
        // needs its line.
        if reader.includeLine || offsets != nil {
            lineShift = JSONBytes.countNewlines(p, 0, start)
        } else {
            lineShiftPendingEnd = start
        }
        try scanLines(from: start, limit: upper, line: 1, wholeFile: false)
    }

    /// Newline-delimited records whose lines start before `limit`.
    mutating func scanLines(from start: Int, limit: Int, line firstLine: Int, wholeFile: Bool) throws(SQLError) {
        var pos = start
        var line = firstLine
        var firstRecord = wholeFile
        while pos < limit {
            let nl = JSONBytes.find(0x0A, p, pos, count)
            let hasNewline = nl >= 0
            var lineEnd = hasNewline ? nl : count
            let next = hasNewline ? nl + 1 : count
            if lineEnd > pos, p[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let s = JSONBytes.skipSpace(p, pos, lineEnd)
            if s == lineEnd {
                pos = next; line += 1; consumedEnd = next
                continue
            }
            var failure: JSONValueError? = nil
            recordStart = pos
            recordLine = line + lineShift
            do {
                let objectEnd = try scanObject(s, lineEnd)
                if JSONBytes.skipSpace(p, objectEnd, lineEnd) != lineEnd {
                    failure = .malformed("unexpected text after the object")
                }
            } catch {
                failure = error
            }
            if let failure {
                if firstRecord, try scanWholeObject(from: s, line: line) { return }
                if !hasNewline {
                    truncatedTail = count - pos
                    return
                }
                rowsRead += 1
                try badRecord(line: line, start: pos, end: lineEnd, message: failure.message)
            } else {
                try commit(line: line, recordStart: pos, recordEnd: lineEnd)
            }
            firstRecord = false
            pos = next; line += 1; consumedEnd = next
        }
    }

    /// Tries the whole rest of the file as one object (a pretty-printed single-object
    /// file); true when it was, and the record was handled.
    mutating func scanWholeObject(from s: Int, line: Int) throws(SQLError) -> Bool {
        guard let end = try? scanObject(s, count), JSONBytes.skipSpace(p, end, count) == count else { return false }
        offsets = nil // not one record per line: no line offsets
        try commit(line: line, recordStart: s, recordEnd: end)
        consumedEnd = count
        return true
    }

    /// One top-level array of objects starting at `open` (the `[`); each element is a
    /// record whose line is the line of its first byte.
    mutating func scanArray(from open: Int) throws(SQLError) {
        offsets = nil // not one record per line: no line offsets
        var line = 1 + JSONBytes.countNewlines(p, 0, open)
        var i = open + 1
        func skip(_ i: inout Int, _ line: inout Int) {
            let j = JSONBytes.skipSpace(p, i, count)
            line += JSONBytes.countNewlines(p, i, j)
            i = j
        }
        skip(&i, &line)
        if i < count, p[i] == 0x5D {
            i += 1
        } else {
            while true {
                guard i < count else {
                    rowsRead += 1
                    try badRecord(line: line, start: count, end: count, message: "malformed JSON: unterminated top-level array")
                    break
                }
                let elementEnd = JSONBytes.skipValue(p, i, count)
                if elementEnd < 0 {
                    rowsRead += 1
                    try badRecord(line: line, start: i, end: count, message: "malformed JSON: unterminated array element")
                    i = count
                    break
                }
                var failure: JSONValueError? = nil
                do {
                    if try scanObject(i, elementEnd) != elementEnd { failure = .malformed("unexpected text after the object") }
                } catch {
                    failure = error
                }
                if let failure {
                    rowsRead += 1
                    try badRecord(line: line, start: i, end: elementEnd, message: failure.message)
                } else {
                    try commit(line: line, recordStart: i, recordEnd: elementEnd)
                }
                line += JSONBytes.countNewlines(p, i, elementEnd)
                i = elementEnd
                skip(&i, &line)
                if i < count, p[i] == 0x2C {
                    i += 1
                    skip(&i, &line)
                    continue
                }
                if i < count, p[i] == 0x5D { i += 1; break }
                rowsRead += 1
                try badRecord(line: line, start: i, end: count, message: i < count ? "malformed JSON: expected ',' or ']' in the top-level array" : "malformed JSON: unterminated top-level array")
                i = count
                break
            }
        }
        let rest = JSONBytes.skipSpace(p, i, count)
        if rest < count {
            rowsRead += 1
            try badRecord(line: line + JSONBytes.countNewlines(p, i, rest), start: rest, end: count, message: "malformed JSON: unexpected text after the top-level array")
        }
        consumedEnd = count
    }
}
