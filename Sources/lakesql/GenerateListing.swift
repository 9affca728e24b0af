import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One generated listing: a used car put up for sale by a dealer. All its values come
/// from its own random stream (seed, listing id), so any listing can be drawn alone.
struct GenerateListing {
    /// `listing_id`.
    var id: Int
    /// Index into `GenerateCatalog.models`.
    var model: Int
    /// Model year.
    var year: Int
    /// Odometer reading in miles.
    var mileage: Int
    /// Index into `GenerateCatalog.fuels`.
    var fuel: Int
    /// Automatic gearbox.
    var automatic: Bool
    /// Index into `GenerateCatalog.colours`.
    var colour: Int
    /// Asking price in pence.
    var priceCents: Int
    /// `dealer_id`.
    var dealerId: Int
    /// `listed_at`, seconds since the epoch.
    var listedAt: Int
    /// Number of seller-note fragments (0: no `seller_notes` field).
    var notes: Int
    /// The stream the rest (VIN, notes, removal) is drawn from.
    var rng: GenerateRandom

    /// Draws listing `id`, listed at `listedAt` by one of `dealers` dealers, cars aged
    /// from `currentYear`.
    init(id: Int, listedAt: Int, dealers: Int, currentYear: Int, seed: UInt64) {
        var r = GenerateRandom(seed: seed, stream: RandomStream.listing, index: UInt64(truncatingIfNeeded: id))
        let make = GenerateCatalog.makes[r.pick(cumulative: GenerateCatalog.makeWeights)]
        let model = make.models.lowerBound + r.below(make.models.count)
        let spec = GenerateCatalog.models[model]
        let age = r.pick(cumulative: GenerateCatalog.ageWeights)
        let year = max(min(currentYear - age, currentYear), min(spec.since, currentYear))
        let years = currentYear - year
        var miles: Int
        if years == 0 {
            miles = r.int(in: 5...4_000)
        } else {
            miles = Int(Double(years) * (6_000 + 8_000 * r.unit()) * (0.7 + 0.6 * r.unit()))
        }
        miles = min(miles, 240_000)
        let fuel = GenerateListing.drawFuel(spec.power, age: years, rng: &r)
        self.id = id
        self.model = model
        self.year = year
        self.mileage = miles
        self.fuel = fuel
        automatic = fuel >= 2 || r.chance(make.automaticShare)
        colour = r.pick(cumulative: GenerateCatalog.colourWeights)
        priceCents = GenerateListing.price(newPrice: spec.newPrice, age: years, mileage: miles, rng: &r)
        // Half the listings spread evenly over dealers, half favour the big ones (low ids).
        let u = r.unit()
        let share = r.chance(0.5) ? u : u * u
        dealerId = 1 + min(dealers - 1, Int(share * Double(dealers)))
        self.listedAt = listedAt
        let n = r.below(100)
        notes = n < 65 ? 0 : n < 88 ? 1 : n < 97 ? 2 : 3
        rng = r
    }

    /// Fuel index for a model of the given power and age.
    private static func drawFuel(_ power: GenerateCatalog.Power, age: Int, rng: inout GenerateRandom) -> Int {
        switch power {
        case .electric: return 3
        case .hybrid: return 2
        case .hybridLeaning: return rng.chance(0.6) ? 2 : 0
        case .mixed:
            let n = rng.below(100)
            // Older cars are more often diesel; recent ones sometimes mild hybrids.
            let diesel = age >= 6 ? 45 : 25
            if n < diesel { return 1 }
            return age <= 4 && n >= 90 ? 2 : 0
        }
    }

    /// Asking price in pence: price new, depreciated by age and mileage, with noise, in
    /// dealer style (£12,995 or £12,950).
    private static func price(newPrice: Double, age: Int, mileage: Int, rng: inout GenerateRandom) -> Int {
        var value = newPrice * (age == 0 ? 0.9 : 0.8 * pow(0.89, Double(age - 1)))
        value *= 1 - min(0.45, Double(mileage) / 320_000)
        value *= 0.9 + 0.2 * rng.unit()
        let pounds = max(495, Int(value / 50) * 50)
        return (pounds >= 1_000 && rng.chance(0.7) ? pounds - 5 : pounds) * 100
    }

    /// The listing's removal, if it is ever taken down: 1–180 days later, sooner for
    /// popular makes and cheaper cars (a skewed, log-normal spread).
    mutating func drawRemoval() -> GenerateRemoval? {
        guard rng.chance(0.93) else { return nil }
        let make = GenerateCatalog.makes[GenerateCatalog.models[model].make]
        let median = make.turnoverDays * pow(Double(priceCents) / 1_500_000, 0.25)
        let days = min(180, max(1, Int((median * exp(0.75 * rng.normal())).rounded())))
        let removedAt = listedAt + days * 86400 + rng.int(in: -4 * 3600...4 * 3600)
        return GenerateRemoval.draw(listingId: id, listedAt: listedAt, removedAt: max(removedAt, listedAt + 3600),
                                    priceCents: priceCents, rng: &rng)
    }
}

/// Field numbers of a listing, for faults.
enum ListingField {
    static let listingId = 0, vin = 1, car = 2, make = 3, model = 4, year = 5, body = 6, mileage = 7
    static let fuel = 8, transmission = 9, colour = 10, price = 11, currency = 12, dealerId = 13, listedAt = 14

    /// Target candidates per fault kind.
    static func candidates(_ kind: GenerateFaultKind) -> [Int] {
        switch kind {
        case .missingField: [vin, car, make, model, mileage, fuel, transmission, colour, price, currency, dealerId, listedAt]
        case .explicitNull: [vin, model, year, mileage, fuel, transmission, colour, price, dealerId, listedAt]
        case .quotedNumber: [listingId, year, mileage, price, price, dealerId]
        case .wrongType: [year, mileage, fuel, price, price, dealerId]
        case .outOfRange: [year]
        case .timestampVariant: [listedAt]
        case .unknownField, .malformedLine, .crlf: []
        }
    }
}
