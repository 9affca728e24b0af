/// The fixed vocabulary of the generated marketplace: makes and their models, colours,
/// and the pre-encoded JSON strings of each, built once.
enum GenerateCatalog {
    /// How a model is powered.
    enum Power: Sendable {
        /// Petrol or diesel, sometimes hybrid or electric.
        case mixed
        /// Mostly hybrid (Toyota, Lexus).
        case hybridLeaning
        /// Hybrid only.
        case hybrid
        /// Battery electric only.
        case electric
    }

    /// A car model.
    struct Model: Sendable {
        /// Index of the make in `makes`.
        var make: Int
        /// `"Corolla"` as a JSON literal.
        var name: [UInt8]
        /// `"hatchback"` as a JSON literal.
        var body: [UInt8]
        /// Price new, in pounds.
        var newPrice: Double
        /// How it is powered.
        var power: Power
        /// First model year on sale.
        var since: Int
    }

    /// A car make.
    struct Make: Sendable {
        /// `"Toyota"` as a JSON literal.
        var name: [UInt8]
        /// World manufacturer identifier: the first three VIN characters.
        var wmi: [UInt8]
        /// Typical days to sell (the median turnover of a mid-priced car).
        var turnoverDays: Double
        /// Share of automatic gearboxes outside hybrids and electrics.
        var automaticShare: Double
        /// Indices of its models in `models`.
        var models: Range<Int>
    }

    /// One row of the make table: name, WMI, popularity, typical days to sell, automatic share,
    /// models as (name, body, price new, power, first year).
    private typealias MakeRow = (String, String, Int, Double, Double, [(String, String, Int, Power, Int)])

    private static let table: [MakeRow] = [
        ("Toyota", "SB1", 80, 20, 0.5, [("Yaris", "hatchback", 19_500, .hybridLeaning, 2005), ("Corolla", "hatchback", 25_500, .hybridLeaning, 2005),
                                        ("C-HR", "suv", 30_000, .hybrid, 2017), ("RAV4", "suv", 35_000, .hybridLeaning, 2005), ("Prius", "hatchback", 29_000, .hybrid, 2005)]),
        ("Ford", "WF0", 100, 22, 0.3, [("Fiesta", "hatchback", 18_500, .mixed, 2005), ("Focus", "hatchback", 23_500, .mixed, 2005), ("Puma", "suv", 25_500, .mixed, 2020),
                                       ("Kuga", "suv", 30_500, .mixed, 2008), ("Mondeo", "estate", 27_000, .mixed, 2005), ("Ranger", "pickup", 33_000, .mixed, 2005)]),
        ("Volkswagen", "WVW", 90, 24, 0.45, [("Polo", "hatchback", 19_000, .mixed, 2005), ("Golf", "hatchback", 26_000, .mixed, 2005), ("Passat", "estate", 32_000, .mixed, 2005),
                                             ("Tiguan", "suv", 33_000, .mixed, 2008), ("T-Roc", "suv", 27_000, .mixed, 2018)]),
        ("Vauxhall", "W0L", 85, 26, 0.25, [("Corsa", "hatchback", 17_500, .mixed, 2005), ("Astra", "hatchback", 22_500, .mixed, 2005),
                                           ("Insignia", "saloon", 26_500, .mixed, 2009), ("Mokka", "suv", 24_000, .mixed, 2013)]),
        ("BMW", "WBA", 60, 30, 0.85, [("1 Series", "hatchback", 27_500, .mixed, 2005), ("3 Series", "saloon", 37_000, .mixed, 2005), ("5 Series", "saloon", 48_000, .mixed, 2005),
                                      ("X1", "suv", 34_000, .mixed, 2010), ("X5", "suv", 65_000, .mixed, 2005)]),
        ("Mercedes-Benz", "WDD", 55, 32, 0.9, [("A-Class", "hatchback", 29_000, .mixed, 2005), ("C-Class", "saloon", 40_000, .mixed, 2005),
                                               ("E-Class", "saloon", 50_000, .mixed, 2005), ("GLC", "suv", 48_000, .mixed, 2016)]),
        ("Audi", "WAU", 60, 29, 0.75, [("A1", "hatchback", 21_000, .mixed, 2011), ("A3", "hatchback", 28_000, .mixed, 2005), ("A4", "saloon", 35_000, .mixed, 2005),
                                       ("Q3", "suv", 35_000, .mixed, 2012), ("Q5", "suv", 46_000, .mixed, 2009)]),
        ("Nissan", "SJN", 55, 27, 0.35, [("Micra", "hatchback", 16_500, .mixed, 2005), ("Juke", "suv", 21_500, .mixed, 2011),
                                         ("Qashqai", "suv", 27_500, .mixed, 2007), ("Leaf", "hatchback", 29_000, .electric, 2011)]),
        ("Honda", "SHH", 35, 25, 0.4, [("Jazz", "hatchback", 19_500, .hybridLeaning, 2005), ("Civic", "hatchback", 26_000, .mixed, 2005),
                                       ("CR-V", "suv", 34_000, .mixed, 2005), ("HR-V", "suv", 28_000, .hybrid, 2015)]),
        ("Hyundai", "KMH", 45, 28, 0.35, [("i10", "hatchback", 13_500, .mixed, 2008), ("i20", "hatchback", 17_500, .mixed, 2009), ("i30", "hatchback", 22_000, .mixed, 2007),
                                          ("Tucson", "suv", 30_000, .mixed, 2015), ("Kona", "suv", 26_000, .mixed, 2018)]),
        ("Kia", "KNA", 50, 27, 0.35, [("Picanto", "hatchback", 12_500, .mixed, 2005), ("Ceed", "hatchback", 21_500, .mixed, 2007),
                                      ("Sportage", "suv", 29_000, .mixed, 2005), ("Niro", "suv", 29_500, .hybrid, 2016)]),
        ("Peugeot", "VF3", 45, 31, 0.3, [("208", "hatchback", 18_500, .mixed, 2012), ("308", "hatchback", 24_000, .mixed, 2008),
                                         ("3008", "suv", 30_500, .mixed, 2009), ("5008", "suv", 34_000, .mixed, 2010)]),
        ("Renault", "VF1", 40, 33, 0.25, [("Clio", "hatchback", 17_500, .mixed, 2005), ("Captur", "suv", 22_500, .mixed, 2013),
                                          ("Megane", "hatchback", 23_000, .mixed, 2005), ("Zoe", "hatchback", 27_500, .electric, 2013)]),
        ("Skoda", "TMB", 45, 23, 0.4, [("Fabia", "hatchback", 16_500, .mixed, 2005), ("Octavia", "estate", 25_000, .mixed, 2005),
                                       ("Superb", "estate", 33_000, .mixed, 2005), ("Kodiaq", "suv", 35_000, .mixed, 2017)]),
        ("SEAT", "VSS", 35, 28, 0.3, [("Ibiza", "hatchback", 17_000, .mixed, 2005), ("Leon", "hatchback", 23_000, .mixed, 2005),
                                      ("Ateca", "suv", 27_000, .mixed, 2016), ("Arona", "suv", 21_000, .mixed, 2017)]),
        ("Mazda", "JMZ", 30, 29, 0.35, [("Mazda2", "hatchback", 17_500, .mixed, 2005), ("Mazda3", "hatchback", 24_000, .mixed, 2005),
                                        ("Mazda6", "saloon", 28_000, .mixed, 2005), ("CX-5", "suv", 31_000, .mixed, 2012), ("MX-5", "convertible", 27_000, .mixed, 2005)]),
        ("Volvo", "YV1", 30, 30, 0.8, [("XC40", "suv", 34_000, .mixed, 2018), ("XC60", "suv", 45_000, .mixed, 2009), ("XC90", "suv", 60_000, .mixed, 2005),
                                       ("V60", "estate", 38_000, .mixed, 2011), ("S60", "saloon", 38_000, .mixed, 2005)]),
        ("Land Rover", "SAL", 30, 38, 0.95, [("Discovery Sport", "suv", 40_000, .mixed, 2015), ("Range Rover Evoque", "suv", 42_000, .mixed, 2011),
                                             ("Defender", "suv", 55_000, .mixed, 2005), ("Range Rover Sport", "suv", 75_000, .mixed, 2005)]),
        ("Jaguar", "SAJ", 15, 45, 0.95, [("XE", "saloon", 36_000, .mixed, 2015), ("XF", "saloon", 42_000, .mixed, 2008),
                                         ("F-Pace", "suv", 48_000, .mixed, 2016), ("E-Pace", "suv", 38_000, .mixed, 2018)]),
        ("MINI", "WMW", 35, 24, 0.45, [("Hatch", "hatchback", 21_000, .mixed, 2005), ("Clubman", "estate", 26_000, .mixed, 2008),
                                       ("Countryman", "suv", 29_000, .mixed, 2010), ("Convertible", "convertible", 25_000, .mixed, 2005)]),
        ("Fiat", "ZFA", 30, 35, 0.15, [("500", "hatchback", 15_500, .mixed, 2008), ("Panda", "hatchback", 13_500, .mixed, 2005),
                                       ("Tipo", "hatchback", 18_500, .mixed, 2016), ("500X", "suv", 21_500, .mixed, 2015)]),
        ("Citroen", "VF7", 30, 34, 0.3, [("C1", "hatchback", 12_500, .mixed, 2005), ("C3", "hatchback", 17_500, .mixed, 2005),
                                         ("C4", "hatchback", 23_000, .mixed, 2005), ("C5 Aircross", "suv", 29_500, .mixed, 2019)]),
        ("Tesla", "5YJ", 20, 26, 1.0, [("Model 3", "saloon", 42_000, .electric, 2019), ("Model Y", "suv", 47_000, .electric, 2021),
                                       ("Model S", "saloon", 80_000, .electric, 2014)]),
        ("Lexus", "JTH", 12, 33, 1.0, [("CT", "hatchback", 27_000, .hybrid, 2011), ("IS", "saloon", 38_000, .hybridLeaning, 2005),
                                       ("NX", "suv", 45_000, .hybrid, 2014), ("RX", "suv", 60_000, .hybridLeaning, 2005)]),
        ("Porsche", "WP0", 8, 40, 0.9, [("911", "coupe", 100_000, .mixed, 2005), ("Cayenne", "suv", 75_000, .mixed, 2005),
                                        ("Macan", "suv", 55_000, .mixed, 2014), ("Taycan", "saloon", 85_000, .electric, 2020)]),
        ("Suzuki", "TSM", 20, 27, 0.25, [("Swift", "hatchback", 16_000, .mixed, 2005), ("Vitara", "suv", 23_500, .mixed, 2015), ("Ignis", "hatchback", 15_000, .mixed, 2017)]),
        ("Dacia", "UU1", 25, 21, 0.1, [("Sandero", "hatchback", 13_000, .mixed, 2008), ("Duster", "suv", 18_500, .mixed, 2010), ("Jogger", "estate", 19_500, .mixed, 2022)]),
        ("Mitsubishi", "JMB", 12, 36, 0.5, [("Outlander", "suv", 35_000, .mixed, 2005), ("ASX", "suv", 22_000, .mixed, 2010), ("L200", "pickup", 30_000, .mixed, 2005)]),
        ("Subaru", "JF1", 6, 39, 0.8, [("Impreza", "hatchback", 26_000, .mixed, 2005), ("Forester", "suv", 34_000, .mixed, 2005), ("Outback", "estate", 37_000, .mixed, 2005)]),
        ("Alfa Romeo", "ZAR", 6, 48, 0.8, [("Giulia", "saloon", 40_000, .mixed, 2016), ("Stelvio", "suv", 45_000, .mixed, 2017), ("Giulietta", "hatchback", 24_000, .mixed, 2010)]),
        ("Cupra", "VSS", 8, 30, 0.9, [("Born", "hatchback", 35_000, .electric, 2021), ("Formentor", "suv", 33_000, .mixed, 2020), ("Leon", "hatchback", 31_000, .mixed, 2020)]),
    ]

    /// Every make, with its models' index range.
    static let makes: [Make] = {
        var out: [Make] = []
        var next = 0
        for row in table {
            out.append(Make(name: GenerateBuffer.jsonLiteral(row.0), wmi: Array(row.1.utf8), turnoverDays: row.3,
                            automaticShare: row.4, models: next..<(next + row.5.count)))
            next += row.5.count
        }
        return out
    }()

    /// Every model, grouped by make.
    static let models: [Model] = table.enumerated().flatMap { index, row in
        row.5.map { Model(make: index, name: GenerateBuffer.jsonLiteral($0.0), body: GenerateBuffer.jsonLiteral($0.1),
                          newPrice: Double($0.2), power: $0.3, since: $0.4) }
    }

    /// Running popularity of makes.
    static let makeWeights: [Int] = cumulativeWeights(table.map { $0.2 })

    /// Colours (JSON literals) and their running popularity.
    static let colours: [[UInt8]] = ["grey", "black", "white", "silver", "blue", "red", "green", "orange", "yellow", "brown", "beige", "purple"]
        .map { GenerateBuffer.jsonLiteral($0) }
    /// Running popularity of `colours`.
    static let colourWeights: [Int] = cumulativeWeights([20, 18, 16, 12, 14, 9, 3, 2, 1, 2, 1, 1])

    /// Share of used cars of each age in years (index 0 = this year's).
    static let ageWeights: [Int] = cumulativeWeights([3, 8, 10, 11, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1])

    /// Fuel values.
    static let fuels: [StaticString] = ["\"petrol\"", "\"diesel\"", "\"hybrid\"", "\"electric\""]
    /// Transmission values.
    static let transmissions: [StaticString] = ["\"manual\"", "\"automatic\""]
}
