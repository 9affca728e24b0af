/// What the generator knows after writing: the next listing id, the simulated clock,
/// the listings not yet removed (stream mode removes from them), and the counts the
/// summary prints.
struct GenerateState {
    /// A listing still on sale.
    struct Live {
        /// Its id.
        var id: Int
        /// When it was listed.
        var listedAt: Int
        /// Its asking price in pence.
        var priceCents: Int
    }

    /// The next listing id.
    var nextListingId = GenerateSettings.firstListingId
    /// Number of dealers (ids 1...dealers).
    var dealers = 0
    /// The simulated time: every record written so far is at or before it.
    var now = 0
    /// Listings not yet removed.
    var live: [Live] = []
    /// Files written per feed.
    var files = [0, 0, 0]
    /// Records written per feed.
    var records = [0, 0, 0]
    /// Faults injected.
    var faults = GenerateFaultCounts()

    /// The summary printed at the end.
    func summary(lake: String) -> String {
        var out = "lake: \(lake)\n"
        for feed in 0..<GenerateOutput.feeds.count {
            let name = "bronze/" + GenerateOutput.feeds[feed]
            out += "  \(name.padding(16)) \(String(files[feed]).leftPadding(6)) files \(String(records[feed]).leftPadding(10)) records\n"
        }
        return out
    }
}

extension String {
    /// The string padded with spaces on the right to `width` characters.
    fileprivate func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    /// The string padded with spaces on the left to `width` characters.
    fileprivate func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
