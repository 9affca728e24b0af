/// The faults `--dirty RATE` injects: each record is faulty with probability RATE, drawn
/// from its own random stream (so clean values do not change with the rate), and gets
/// one fault of a kind chosen uniformly.
enum GenerateFaultKind: Int, CaseIterable, Sendable {
    /// A required field left out.
    case missingField
    /// A field written as `null`.
    case explicitNull
    /// A number written as a string: `"12995.00"`.
    case quotedNumber
    /// A field the schema does not know.
    case unknownField
    /// A value of the wrong type: `"price": "call us"`.
    case wrongType
    /// A value outside its domain (a year of 1899, a negative price, an epoch-zero date).
    case outOfRange
    /// A line that is not JSON: truncated, or stray text.
    case malformedLine
    /// A valid timestamp in another spelling: `+02:00` offset or fractional seconds.
    case timestampVariant
    /// A line ending in CR LF.
    case crlf

    /// Name in the report.
    var label: String {
        switch self {
        case .missingField: "missing field"
        case .explicitNull: "explicit null"
        case .quotedNumber: "quoted number"
        case .unknownField: "unknown field"
        case .wrongType: "wrong type"
        case .outOfRange: "out of range"
        case .malformedLine: "malformed line"
        case .timestampVariant: "timestamp variant"
        case .crlf: "CRLF line end"
        }
    }
}

/// How one field of a record is written.
enum GenerateFieldMode {
    /// As it should be.
    case normal
    /// Left out.
    case skip
    /// As `null`.
    case null
    /// A number as a string.
    case quoted
    /// A value of the wrong type.
    case wrong
    /// A value outside its domain.
    case outOfRange
    /// A timestamp spelled differently.
    case variant
}

/// The fault of one record (or none), with random bits for its details.
struct GenerateFault {
    /// The kind; nil for a clean record.
    var kind: GenerateFaultKind?
    /// Random bits choosing the target field and the variant.
    var bits: UInt64
    /// The field the fault hits (an index into the feed's candidate list, resolved by the feed).
    var target: Int = -1

    /// No fault.
    static let clean = GenerateFault(kind: nil, bits: 0)

    /// The fault of record `index` of the feed whose fault stream is `stream`.
    static func draw(seed: UInt64, stream: UInt64, index: Int, rate: Double) -> GenerateFault {
        guard rate > 0 else { return .clean }
        var rng = GenerateRandom(seed: seed, stream: stream, index: UInt64(truncatingIfNeeded: index))
        guard rng.chance(rate) else { return .clean }
        let kind = GenerateFaultKind.allCases[rng.below(GenerateFaultKind.allCases.count)]
        return GenerateFault(kind: kind, bits: rng.next())
    }

    /// Picks the target field among `candidates` for the kinds that hit one field.
    mutating func aim(_ candidates: [Int]) {
        guard !candidates.isEmpty else { return }
        target = candidates[Int(bits % UInt64(candidates.count))]
    }

    /// A second random choice among `n` (the variant of the fault).
    func variant(_ n: Int) -> Int { n > 0 ? Int((bits >> 20) % UInt64(n)) : 0 }

    /// How `field` is written under this fault.
    @inline(__always) func mode(_ field: Int) -> GenerateFieldMode {
        guard let kind, field == target else { return .normal }
        switch kind {
        case .missingField: return .skip
        case .explicitNull: return .null
        case .quotedNumber: return .quoted
        case .wrongType: return .wrong
        case .outOfRange: return .outOfRange
        case .timestampVariant: return .variant
        case .unknownField, .malformedLine, .crlf: return .normal
        }
    }
}

/// Counts of injected faults per feed and kind.
struct GenerateFaultCounts {
    /// `counts[feed][kind]`.
    private(set) var counts: [[Int]] = Array(repeating: Array(repeating: 0, count: GenerateFaultKind.allCases.count), count: 3)

    /// Counts one fault of feed `feed`.
    mutating func add(_ fault: GenerateFault, feed: Int) {
        if let kind = fault.kind { counts[feed][kind.rawValue] += 1 }
    }

    /// Adds another set of counts.
    mutating func add(_ other: GenerateFaultCounts) {
        for f in 0..<counts.count {
            for k in 0..<counts[f].count { counts[f][k] += other.counts[f][k] }
        }
    }

    /// Total over feeds and kinds.
    var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The report lines: one per kind, split by feed.
    func report(feeds: [String]) -> String {
        var out = "injected faults: \(total)\n"
        for kind in GenerateFaultKind.allCases {
            let perFeed = zip(feeds, counts).map { "\($0) \($1[kind.rawValue])" }.joined(separator: ", ")
            let sum = counts.reduce(0) { $0 + $1[kind.rawValue] }
            out += "  \(kind.label): \(sum) (\(perFeed))\n"
        }
        return out
    }
}

extension GenerateBuffer {
    /// Appends an unknown extra field (with its leading comma) for an `unknownField` fault.
    func appendUnknownField(_ fault: GenerateFault) {
        switch fault.variant(4) {
        case 0: append(",\"promo_code\":\"SPRING24\"")
        case 1: append(",\"_ingest\":{\"source\":\"feed-b\",\"attempt\":2}")
        case 2: append(",\"tags\":[\"ulez\",\"one-owner\"]")
        default: append(",\"featured\":true")
        }
    }

    /// Ends the line begun at `start`: applies a malformed-line or CRLF fault, then the newline.
    func finishLine(from start: Int, fault: GenerateFault) {
        switch fault.kind {
        case .malformedLine?:
            switch fault.variant(4) {
            case 0:
                // Truncated mid-record, on a character boundary.
                let length = count - start
                var cut = start + 5 + Int((fault.bits >> 40) % UInt64(max(1, length - 10)))
                while cut > start && byte(at: cut) & 0xC0 == 0x80 { cut -= 1 }
                truncate(to: cut)
            case 1: append(" [truncated by proxy]")
            case 2:
                truncate(to: start)
                append("<html><body>502 Bad Gateway</body></html>")
            default:
                truncate(to: start)
                append("WARN upstream timeout, retrying (3/5)")
            }
            append(UInt8(ascii: "\n"))
        case .crlf?:
            append("\r\n")
        default:
            append(UInt8(ascii: "\n"))
        }
    }
}
