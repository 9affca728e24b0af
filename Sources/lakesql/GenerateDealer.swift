/// A dealer: a car seller with a name, a city in a region, and an opening date.
struct GenerateDealer {
    /// `dealer_id`, from 1.
    var id: Int
    /// `name`, as a JSON literal.
    var name: [UInt8]
    /// Index into `GeneratePlaces.cities`.
    var city: Int
    /// `opened`, seconds since the epoch (midnight).
    var opened: Int

    /// Draws dealer `id`, opened before `before` (seconds since the epoch).
    init(id: Int, before: Int, seed: UInt64) {
        var r = GenerateRandom(seed: seed, stream: RandomStream.dealer, index: UInt64(truncatingIfNeeded: id))
        self.id = id
        city = r.pick(cumulative: GeneratePlaces.cityWeights)
        let suffix = GeneratePlaces.nameSuffixes[r.below(GeneratePlaces.nameSuffixes.count)]
        let prefix = r.chance(0.3) ? GeneratePlaces.cities[city].plain : GeneratePlaces.namePrefixes[r.below(GeneratePlaces.namePrefixes.count)]
        name = GenerateBuffer.jsonLiteral(prefix + " " + suffix)
        let earliest = GenerateClock.days(year: 1975, month: 1, day: 1)
        let latest = max(earliest + 1, GenerateClock.split(before).days - 30)
        opened = (earliest + r.below(latest - earliest)) * 86400
    }

    /// Appends the dealer's line (newline included) with `fault` applied.
    func write(to b: GenerateBuffer, fault: GenerateFault) {
        var f = fault
        if let kind = f.kind { f.aim(DealerField.candidates(kind)) }
        let start = b.count
        let place = GeneratePlaces.cities[city]
        b.append("{\"dealer_id\":")
        b.appendInt(id, mode: f.mode(DealerField.dealerId))
        var m = f.mode(DealerField.name)
        if m != .skip { b.append(",\"name\":"); b.append(name) }
        m = f.mode(DealerField.city)
        if m != .skip {
            b.append(",\"city\":")
            if m == .null { b.append("null") } else { b.append(place.name) }
        }
        m = f.mode(DealerField.region)
        if m != .skip {
            b.append(",\"region\":")
            if m == .null { b.append("null") } else { b.append(place.region) }
        }
        m = f.mode(DealerField.opened)
        if m != .skip {
            b.append(",\"opened\":")
            switch m {
            case .null: b.append("null")
            case .wrong: b.append(digits: GenerateClock.year(of: opened))
            case .outOfRange: b.append("\"1899-12-31\"")
            case .variant: b.append(timestamp: opened)
            default: b.append(dateOf: opened)
            }
        }
        if f.kind == .unknownField { b.appendUnknownField(f) }
        b.append(UInt8(ascii: "}"))
        b.finishLine(from: start, fault: f)
    }
}

/// Field numbers of a dealer, for faults.
enum DealerField {
    static let dealerId = 0, name = 1, city = 2, region = 3, opened = 4

    /// Target candidates per fault kind.
    static func candidates(_ kind: GenerateFaultKind) -> [Int] {
        switch kind {
        case .missingField: [name, city, region, opened]
        case .explicitNull: [city, region, opened]
        case .quotedNumber: [dealerId]
        case .wrongType: [opened]
        case .outOfRange: [opened]
        case .timestampVariant: [opened]
        case .unknownField, .malformedLine, .crlf: []
        }
    }
}
