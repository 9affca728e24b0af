/// The JSON line of a listing, written byte by byte, with the record's fault applied.
extension GenerateListing {
    /// VIN characters: digits and letters without I, O and Q.
    private static let vinAlphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPRSTUVWXYZ".utf8)
    /// Model-year codes, a 30-year cycle from 1980.
    private static let yearCodes: [UInt8] = Array("ABCDEFGHJKLMNPRSTVWXY123456789".utf8)
    /// Check-digit weights of the 17 positions.
    private static let vinWeights: [Int] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// VIN transliteration value of a character.
    private static func vinValue(_ c: UInt8) -> Int {
        switch c {
        case 48...57: return Int(c - 48)
        case UInt8(ascii: "A")...UInt8(ascii: "H"): return Int(c - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "J")...UInt8(ascii: "R"): return [1, 2, 3, 4, 5, 0, 7, 0, 9][Int(c - UInt8(ascii: "J"))]
        default: return Int(c - UInt8(ascii: "S")) + 2
        }
    }

    /// Appends the VIN as a JSON string: make's WMI, five drawn characters, the check
    /// digit, the model-year code, and seven characters that encode the listing id
    /// through a bijection modulo 33^7, so VINs are unique.
    mutating func appendVIN(to b: GenerateBuffer) {
        var vin: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &vin) { v in
            let wmi = GenerateCatalog.makes[GenerateCatalog.models[model].make].wmi
            for i in 0..<3 { v[i] = wmi[i] }
            for i in 3..<8 { v[i] = GenerateListing.vinAlphabet[rng.below(33)] }
            v[9] = GenerateListing.yearCodes[((year - 1980) % 30 + 30) % 30]
            let modulus: UInt64 = 42_618_442_977  // 33^7
            var serial = (UInt64(truncatingIfNeeded: id) % modulus &* 1_000_003 &+ 7_777_777) % modulus
            var i = 16
            while i >= 10 {
                v[i] = GenerateListing.vinAlphabet[Int(serial % 33)]
                serial /= 33
                i -= 1
            }
            var sum = 0
            for i in 0..<17 where i != 8 { sum += GenerateListing.vinValue(v[i]) * GenerateListing.vinWeights[i] }
            let check = sum % 11
            v[8] = check == 10 ? UInt8(ascii: "X") : UInt8(truncatingIfNeeded: check) + 48
            b.append(UInt8(ascii: "\""))
            for i in 0..<17 { b.append(v[i]) }
            b.append(UInt8(ascii: "\""))
        }
    }

    /// Appends the listing's line (newline included) with `fault` applied.
    mutating func write(to b: GenerateBuffer, fault: GenerateFault) {
        var f = fault
        if let kind = f.kind { f.aim(ListingField.candidates(kind)) }
        let start = b.count
        let spec = GenerateCatalog.models[model]
        b.append("{\"listing_id\":")
        b.appendInt(id, mode: f.mode(ListingField.listingId))
        var m = f.mode(ListingField.vin)
        if m != .skip {
            b.append(",\"vin\":")
            if m == .null { b.append("null") } else { appendVIN(to: b) }
        }
        if f.mode(ListingField.car) != .skip {
            b.append(",\"car\":{")
            var first = true
            m = f.mode(ListingField.make)
            if m != .skip {
                b.append("\"make\":")
                b.append(GenerateCatalog.makes[spec.make].name)
                first = false
            }
            m = f.mode(ListingField.model)
            if m != .skip {
                b.append(first ? "\"model\":" : ",\"model\":")
                if m == .null { b.append("null") } else { b.append(spec.name) }
            }
            b.append(",\"year\":")
            switch f.mode(ListingField.year) {
            case .outOfRange: b.append(digits: [1899, 2099, 0, 20017][f.variant(4)])
            case .wrong: b.append("\"2017/18\"")
            case let mode: b.appendInt(year, mode: mode)
            }
            b.append(",\"body\":")
            b.append(spec.body)
            b.append(UInt8(ascii: "}"))
        }
        m = f.mode(ListingField.mileage)
        if m != .skip {
            b.append(",\"mileage\":")
            if m == .wrong { b.append(f.variant(2) == 0 ? "\"unknown\"" : "\"61,234 miles\"") } else { b.appendInt(mileage, mode: m) }
        }
        m = f.mode(ListingField.fuel)
        if m != .skip {
            b.append(",\"fuel\":")
            if m == .null { b.append("null") } else if m == .wrong { b.append(digits: fuel) } else { b.append(GenerateCatalog.fuels[fuel]) }
        }
        m = f.mode(ListingField.transmission)
        if m != .skip {
            b.append(",\"transmission\":")
            if m == .null { b.append("null") } else { b.append(GenerateCatalog.transmissions[automatic ? 1 : 0]) }
        }
        m = f.mode(ListingField.colour)
        if m != .skip {
            b.append(",\"colour\":")
            if m == .null { b.append("null") } else { b.append(GenerateCatalog.colours[colour]) }
        }
        writeTail(to: b, fault: f)
        b.finishLine(from: start, fault: f)
    }

    /// Price, currency, dealer, time and notes, then the closing brace.
    private mutating func writeTail(to b: GenerateBuffer, fault f: GenerateFault) {
        var m = f.mode(ListingField.price)
        if m != .skip {
            b.append(",\"price\":")
            switch m {
            case .null: b.append("null")
            case .wrong: b.append(["\"call us\"", "\"POA\"", "\"\u{00A3}12,995\""][f.variant(3)])
            case .quoted:
                b.append(UInt8(ascii: "\""))
                b.append(money: priceCents)
                b.append(UInt8(ascii: "\""))
            default: b.append(money: priceCents)
            }
        }
        if f.mode(ListingField.currency) != .skip { b.append(",\"currency\":\"GBP\"") }
        m = f.mode(ListingField.dealerId)
        if m != .skip {
            b.append(",\"dealer_id\":")
            if m == .wrong { b.append("\"D-"); b.append(digits: dealerId); b.append(UInt8(ascii: "\"")) } else { b.appendInt(dealerId, mode: m) }
        }
        m = f.mode(ListingField.listedAt)
        if m != .skip {
            b.append(",\"listed_at\":")
            b.appendTimestamp(listedAt, mode: m, fault: f)
        }
        if notes > 0 {
            b.append(",\"seller_notes\":")
            GenerateNotes.append(to: b, rng: &rng, count: notes)
        }
        if f.kind == .unknownField { b.appendUnknownField(f) }
        b.append(UInt8(ascii: "}"))
    }
}

extension GenerateBuffer {
    /// Appends an integer field value: plain, `null`, or quoted.
    @inline(__always) func appendInt(_ value: Int, mode: GenerateFieldMode) {
        switch mode {
        case .null: append("null")
        case .quoted:
            append(UInt8(ascii: "\""))
            append(digits: value)
            append(UInt8(ascii: "\""))
        default: append(digits: value)
        }
    }

    /// Appends a timestamp field value: plain UTC, `null`, or in a varied valid spelling.
    func appendTimestamp(_ seconds: Int, mode: GenerateFieldMode, fault: GenerateFault) {
        switch mode {
        case .null: append("null")
        case .variant:
            switch fault.variant(3) {
            case 0: append(timestamp: seconds, offsetHours: 2)
            case 1: append(timestamp: seconds, offsetHours: -5)
            default: append(timestamp: seconds, millis: Int((fault.bits >> 40) % 1000))
            }
        case .wrong: append(digits: seconds)
        case .outOfRange: append("\"1970-01-01T00:00:00Z\"")
        default: append(timestamp: seconds)
        }
    }
}
