/// What one `lakesql generate` run produces, checked and converted from the flags.
struct GenerateSettings: Sendable {
    /// The lake folder.
    var lake: String
    /// Seed of every random choice.
    var seed: UInt64
    /// Listings of the initial batch.
    var listings: Int
    /// Files per feed of the initial batch.
    var files: Int
    /// Dealers of the initial batch.
    var dealers: Int
    /// Share of faulty records, 0...1.
    var dirty: Double
    /// Stream mode: milliseconds between ticks; nil for a single batch.
    var everyMillis: Int?
    /// Stream mode: number of ticks; nil runs until interrupted.
    var ticks: Int?
    /// Stream mode: new listings per tick.
    var perTick: Int
    /// Start of the listing window, seconds since the epoch.
    var start: Int

    /// First listing id.
    static let firstListingId = 100_001
    /// Length of the initial batch's listing window: one year.
    static let windowSeconds = 365 * 86400

    /// Parses a duration such as `10s`, `500ms`, `1m`, `1.5h` into milliseconds; nil when
    /// it is not one (or not positive, or longer than a day).
    static func parseDuration(_ text: String) -> Int? {
        let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(number), value > 0, value * scale <= 86_400_000 else { continue }
            let millis = Int((value * scale).rounded())
            return millis > 0 ? millis : nil
        }
        return nil
    }
}
