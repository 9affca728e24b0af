/// A listing taken down: sold, withdrawn by the dealer, or expired.
struct GenerateRemoval {
    /// The listing removed.
    var listingId: Int
    /// When it was listed (seconds since the epoch).
    var listedAt: Int
    /// `removed_at` (seconds since the epoch), after `listedAt`.
    var removedAt: Int
    /// 0 sold, 1 withdrawn, 2 expired.
    var reason: Int
    /// `sale_price` in pence when sold.
    var salePriceCents: Int

    /// Reason values.
    static let reasons: [StaticString] = ["\"sold\"", "\"withdrawn\"", "\"expired\""]

    /// A removal of a listing asking `priceCents`, at `removedAt`: cars that stayed long
    /// mostly expire; sold cars go a little below the asking price.
    static func draw(listingId: Int, listedAt: Int, removedAt: Int, priceCents: Int,
                     rng: inout GenerateRandom) -> GenerateRemoval {
        let days = (removedAt - listedAt) / 86400
        let n = rng.below(100)
        let reason: Int
        if days > 120 {
            reason = n < 25 ? 0 : n < 45 ? 1 : 2
        } else {
            reason = n < 82 ? 0 : n < 95 ? 1 : 2
        }
        var sale = 0
        if reason == 0 {
            let pounds = Double(priceCents / 100) * (0.9 + 0.095 * rng.unit())
            sale = max(450, Int(pounds / 50) * 50) * 100
        }
        return GenerateRemoval(listingId: listingId, listedAt: listedAt, removedAt: removedAt, reason: reason, salePriceCents: sale)
    }
}

/// Field numbers of a removal, for faults.
enum RemovalField {
    static let listingId = 0, removedAt = 1, reason = 2, salePrice = 3

    /// Target candidates per fault kind; `sold` says whether a sale price is present.
    static func candidates(_ kind: GenerateFaultKind, sold: Bool) -> [Int] {
        switch kind {
        case .missingField: sold ? [listingId, removedAt, reason, salePrice] : [listingId, removedAt, reason]
        case .explicitNull: sold ? [removedAt, reason, salePrice] : [removedAt, reason]
        case .quotedNumber: sold ? [salePrice, salePrice, listingId] : [listingId]
        case .wrongType: sold ? [salePrice, removedAt] : [removedAt]
        case .outOfRange: sold ? [salePrice, removedAt] : [removedAt]
        case .timestampVariant: [removedAt]
        case .unknownField, .malformedLine, .crlf: []
        }
    }
}

extension GenerateRemoval {
    /// Appends the removal's line (newline included) with `fault` applied.
    func write(to b: GenerateBuffer, fault: GenerateFault) {
        var f = fault
        let sold = reason == 0
        if let kind = f.kind { f.aim(RemovalField.candidates(kind, sold: sold)) }
        let start = b.count
        b.append(UInt8(ascii: "{"))
        var first = true
        var m = f.mode(RemovalField.listingId)
        if m != .skip {
            b.append("\"listing_id\":")
            b.appendInt(listingId, mode: m)
            first = false
        }
        m = f.mode(RemovalField.removedAt)
        if m != .skip {
            b.append(first ? "\"removed_at\":" : ",\"removed_at\":")
            b.appendTimestamp(removedAt, mode: m, fault: f)
        }
        m = f.mode(RemovalField.reason)
        if m != .skip {
            b.append(",\"reason\":")
            if m == .null { b.append("null") } else { b.append(GenerateRemoval.reasons[reason]) }
        }
        m = f.mode(RemovalField.salePrice)
        if m != .skip {
            b.append(",\"sale_price\":")
            switch m {
            case _ where !sold, .null: b.append("null")
            case .wrong: b.append(f.variant(2) == 0 ? "\"n/a\"" : "\"ono\"")
            case .outOfRange: b.append(money: -salePriceCents)
            case .quoted:
                b.append(UInt8(ascii: "\""))
                b.append(money: salePriceCents)
                b.append(UInt8(ascii: "\""))
            default: b.append(money: salePriceCents)
            }
        }
        if f.kind == .unknownField { b.appendUnknownField(f) }
        b.append(UInt8(ascii: "}"))
        b.finishLine(from: start, fault: f)
    }
}
