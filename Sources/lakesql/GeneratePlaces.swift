/// Where the generated dealers trade: UK cities in their regions, and the words
/// dealer names are made of.
enum GeneratePlaces {
    /// A city and its region, as JSON literals, and the city's plain name.
    struct City: Sendable {
        /// Plain name (used in some dealer names).
        var plain: String
        /// `"Leeds"` as a JSON literal.
        var name: [UInt8]
        /// `"Yorkshire"` as a JSON literal.
        var region: [UInt8]
    }

    private static let table: [(String, String, Int)] = [
        ("London", "London", 14), ("Croydon", "London", 4), ("Brighton", "South East", 3), ("Reading", "South East", 3),
        ("Oxford", "South East", 2), ("Southampton", "South East", 3), ("Portsmouth", "South East", 2), ("Bristol", "South West", 4),
        ("Exeter", "South West", 2), ("Plymouth", "South West", 2), ("Bath", "South West", 1), ("Birmingham", "West Midlands", 7),
        ("Coventry", "West Midlands", 3), ("Wolverhampton", "West Midlands", 2), ("Nottingham", "East Midlands", 3),
        ("Leicester", "East Midlands", 3), ("Derby", "East Midlands", 2), ("Norwich", "East of England", 2),
        ("Cambridge", "East of England", 2), ("Ipswich", "East of England", 1), ("Manchester", "North West", 6),
        ("Liverpool", "North West", 4), ("Preston", "North West", 2), ("Bolton", "North West", 2), ("Leeds", "Yorkshire", 4),
        ("Sheffield", "Yorkshire", 3), ("Bradford", "Yorkshire", 2), ("York", "Yorkshire", 1), ("Hull", "Yorkshire", 2),
        ("Newcastle upon Tyne", "North East", 3), ("Sunderland", "North East", 2), ("Middlesbrough", "North East", 1),
        ("Glasgow", "Scotland", 4), ("Edinburgh", "Scotland", 3), ("Aberdeen", "Scotland", 1), ("Cardiff", "Wales", 3),
        ("Swansea", "Wales", 1), ("Belfast", "Northern Ireland", 2),
    ]

    /// Every city.
    static let cities: [City] = table.map {
        City(plain: $0.0, name: GenerateBuffer.jsonLiteral($0.0), region: GenerateBuffer.jsonLiteral($0.1))
    }

    /// Running weights of `cities` (by population, roughly).
    static let cityWeights: [Int] = cumulativeWeights(table.map { $0.2 })

    /// First words of dealer names.
    static let namePrefixes: [String] = [
        "Northside", "Riverside", "Parkway", "Kingsway", "Crown", "Castle", "Meadow", "Highfield", "Oakwood", "Westgate",
        "Eastfield", "Station Road", "Victoria", "Albion", "Priory", "Greenway", "Bridge Street", "Abbey", "Redhill", "Millbrook",
        "Hillside", "Harbour", "Summit", "Beacon", "Marsh Lane", "Orchard", "Forge", "Heritage", "Premier", "Apex",
    ]

    /// Last words of dealer names.
    static let nameSuffixes: [String] = [
        "Motors", "Car Sales", "Autos", "Cars", "Motor Group", "Vehicle Centre", "Auto Centre", "Motor Company", "Car Supermarket", "Garage",
    ]
}

/// Free-text seller notes: fragments combined per listing, some with quotes, unicode,
/// commas, backslashes and line breaks, so readers' string escaping gets exercised.
enum GenerateNotes {
    /// The fragments, escaped for the inside of a JSON string.
    static let fragments: [[UInt8]] = [
        "Full service history", "One owner from new", "12 months MOT", "Part exchange welcome", "Finance available",
        "Cat N \u{2013} repaired professionally", "Sat nav, heated seats, reversing camera", "Immaculate \"as new\" condition",
        "Low mileage, ULEZ compliant", "Warranty included \u{2014} 6 months", "Drives perfectly; minor scuff on rear bumper",
        "Price \u{00A3}500 below book!", "Garantie europ\u{00E9}enne \u{2713}", "Spare key, 2 owners", "Tyres: 7mm, 7mm, 6mm, 6mm",
        "Call Sam on 0113 496 0000", "Caf\u{00E9} racer vibes \u{1F697}", "Towbar fitted\nRoof bars included",
        "Dealer ref: A/B\\1234", "Cambelt done at 60k", "New clutch & flywheel", "Panoramic roof, \"Nappa\" leather",
        "No time wasters please", "Delivery available UK-wide", "Ex-demo, VAT qualifying", "Smoke-free, pet-free home",
        "Needs a little TLC", "HPI clear \u{2714}\u{FE0F}", "Apple CarPlay/Android Auto", "Recent service\t(receipts)",
    ].map { GenerateBuffer.jsonEscaped($0) }

    /// Appends the seller notes of a listing (one to three fragments) as a JSON string literal.
    static func append(to buffer: GenerateBuffer, rng: inout GenerateRandom, count: Int) {
        buffer.append(UInt8(ascii: "\""))
        for i in 0..<count {
            if i > 0 { buffer.append(". ") }
            buffer.append(fragments[rng.below(fragments.count)])
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
