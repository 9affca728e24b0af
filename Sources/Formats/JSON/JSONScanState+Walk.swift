import Columnar

/// The fast walk of a STRUCT read by field (`JSONLeafWalk`): keys are recognised by the
/// tokens of earlier objects, strings without escapes are staged as spans, checked fields
/// are converted and dropped. It gives up (-1) at anything else, before reporting any
/// error: the caller then walks the object by `stageStruct`, which stages the same values
/// (it sets every slot afresh) and throws the usual errors.
extension JSONScanState {
    /// Walks the object at `s` (a `{`) within `[s, e)`; the index after it, or -1.
    mutating func fastWalk(_ w: JSONLeafWalk, _ s: Int, _ e: Int) -> Int {
        for j in 0..<w.slotCount { stagedNull[w.slots[j]] = true }
        var i = JSONBytes.skipSpace(p, s + 1, e)
        guard i < e else { return -1 }
        if p[i] == 0x7D { return i + 1 }
        var member = 0
        while true {
            guard i < e, p[i] == JSONBytes.quote else { return -1 }
            var field = -1
            let t = w.shape.match(p, member, i, e, &field)
            guard t >= 0 else { return -1 }
            member += 1
            i = JSONBytes.skipSpace(p, t, e)
            guard i < e else { return -1 }
            let code = field >= 0 ? w.action[field] : JSONLeafWalk.skip
            let end: Int
            if p[i] == JSONBytes.quote {
                let q = JSONBytes.findQuoteOrBackslash(p, i + 1, e)
                guard q >= 0, p[q] == JSONBytes.quote else { return -1 }
                end = q + 1
                if code >= 0 {
                    if kind[code] == Kind.string {
                        stagedNull[code] = false
                        stagedText[code] = (i + 1, q, false)
                    } else if !stageQuietly(code, i, end) {
                        return -1
                    }
                } else if code == JSONLeafWalk.check {
                    // A plain string passes a STRING check as it is.
                    if w.checkKind[field] != Kind.string, !checkQuietly(w, field, i, end) { return -1 }
                } else if code != JSONLeafWalk.skip {
                    return -1
                }
            } else {
                end = JSONBytes.skipValue(p, i, e)
                guard end > 0 else { return -1 }
                if code >= 0 {
                    if p[i] == 0x6E {
                        stagedNull[code] = true
                    } else if !stageQuietly(code, i, end) {
                        return -1
                    }
                } else if code == JSONLeafWalk.check {
                    let plain = w.checkKind[field] == Kind.integer && JSONScalars.plainInteger(p, i, end, min: w.checkA[field], max: w.checkB[field]) != nil
                    if !plain, !checkQuietly(w, field, i, end) { return -1 }
                } else if code != JSONLeafWalk.skip {
                    return -1
                }
            }
            i = JSONBytes.skipSpace(p, end, e)
            guard i < e else { return -1 }
            if p[i] == 0x2C {
                i = JSONBytes.skipSpace(p, i + 1, e)
            } else if p[i] == 0x7D {
                return i + 1
            } else {
                return -1
            }
        }
    }

    /// `stageValue` into slot `k`, false where it would throw.
    @inline(__always)
    mutating func stageQuietly(_ k: Int, _ s: Int, _ e: Int) -> Bool {
        do { try stageValue(k, s, e) } catch { return false }
        return true
    }

    /// The check of field `f` of `w` (as `check` does it), false where it would throw.
    mutating func checkQuietly(_ w: JSONLeafWalk, _ f: Int, _ s: Int, _ e: Int) -> Bool {
        if p[s] == 0x6E { return true }
        let a = w.checkA[f], b = w.checkB[f]
        do {
            switch w.checkKind[f] {
            case Kind.boolean: _ = try JSONScalars.boolean(p, s, e, "")
            case Kind.integer:
                if JSONScalars.plainInteger(p, s, e, min: a, max: b) == nil { _ = try JSONScalars.integer(p, s, e, min: a, max: b, "") }
            case Kind.float32: _ = try JSONScalars.double(p, s, e, "", "REAL")
            case Kind.float64: _ = try JSONScalars.double(p, s, e, "", "DOUBLE")
            case Kind.decimal: _ = try JSONScalars.decimal(p, s, e, precision: Int(a), scale: Int(b), "")
            case Kind.string: _ = try JSONScalars.stringSpan(p, s, e, &checkScratch, "")
            case Kind.date: _ = try JSONScalars.date(p, s, e, "")
            case Kind.timestamp: _ = try JSONScalars.timestamp(p, s, e, "")
            default: return false
            }
        } catch {
            return false
        }
        return true
    }
}
