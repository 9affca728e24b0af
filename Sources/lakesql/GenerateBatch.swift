import Diagnostics

/// The initial batch: dealers, then listings in id order spread over a year from
/// `--start`, then their removals in time order, each feed split into `--files` files.
/// The batch is a snapshot taken at the end of the year: removals after it have not
/// happened yet, so those listings are still live (stream mode removes them later).
/// Files of a feed are written on two threads (`GenerateParallel`); Ctrl-C stops after
/// the files being written.
struct GenerateBatch: Sendable {
    /// The run's settings.
    let settings: GenerateSettings
    /// Where files go.
    let output: GenerateOutput

    /// What writing one file produced.
    private struct FileResult: Sendable {
        var records = 0
        var faults = GenerateFaultCounts()
        var removals: [GenerateRemoval] = []
        var live: [GenerateState.Live] = []
    }

    /// Writes the batch.
    func run() throws(SQLError) -> GenerateState {
        var state = GenerateState()
        state.dealers = settings.dealers
        state.now = settings.listings > 0 ? settings.start + GenerateSettings.windowSeconds : settings.start
        let dealers = try GenerateParallel.run(count: settings.files) { file, buffer throws(SQLError) in
            try writeDealers(file: file, buffer: buffer)
        }
        add(dealers, feed: GenerateOutput.dealers, to: &state)
        guard settings.listings > 0, !GenerateInterrupt.raised else { return state }
        let now = state.now
        let listings = try GenerateParallel.run(count: settings.files) { file, buffer throws(SQLError) in
            try writeListings(file: file, now: now, buffer: buffer)
        }
        add(listings, feed: GenerateOutput.listings, to: &state)
        state.nextListingId = GenerateSettings.firstListingId + settings.listings
        guard !GenerateInterrupt.raised else { return state }
        let sorted = listings.flatMap(\.removals).sorted { ($0.removedAt, $0.listingId) < ($1.removedAt, $1.listingId) }
        let removals = try GenerateParallel.run(count: settings.files) { file, buffer throws(SQLError) in
            try writeRemovals(sorted, file: file, buffer: buffer)
        }
        add(removals, feed: GenerateOutput.removals, to: &state)
        return state
    }

    /// Adds the results of a feed's files to the state.
    private func add(_ results: [FileResult], feed: Int, to state: inout GenerateState) {
        for result in results {
            state.files[feed] += 1
            state.records[feed] += result.records
            state.faults.add(result.faults)
            state.live.append(contentsOf: result.live)
        }
    }

    /// `part-00007.json`.
    static func partName(_ index: Int) -> String {
        let digits = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".json"
    }

    /// File `index`'s share of `total` records split over the batch's files.
    private func share(_ index: Int, of total: Int) -> Range<Int> {
        (index * total / settings.files)..<((index + 1) * total / settings.files)
    }

    private func writeDealers(file: Int, buffer: GenerateBuffer) throws(SQLError) -> FileResult {
        var result = FileResult()
        for i in share(file, of: settings.dealers) {
            let dealer = GenerateDealer(id: i + 1, before: settings.start, seed: settings.seed)
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.dealerFault, index: dealer.id, rate: settings.dirty)
            dealer.write(to: buffer, fault: fault)
            result.faults.add(fault, feed: GenerateOutput.dealers)
            result.records += 1
        }
        try output.write(buffer, feed: GenerateOutput.dealers, name: GenerateBatch.partName(file))
        return result
    }

    /// Time of the listing at `index` of the batch: days advance with the index (by the
    /// season), and within a day listings go up between 08:00 and 20:00, with a little jitter.
    private func listedAt(index: Int, id: Int, season: GenerateSeason) -> Int {
        let n = Double(settings.listings)
        let (day, fraction) = season.place(Double(index) / n)
        let jitterSpan = max(1, Int(12 * 3600 * 365 / n))
        let jitter = Int(GenerateRandom.mix(settings.seed ^ UInt64(truncatingIfNeeded: id) &* 0xA24B_AED4_963E_E407) % UInt64(jitterSpan))
        return settings.start + day * 86400 + 8 * 3600 + Int(fraction * 12 * 3600) + jitter
    }

    /// Writes listing file `file`; its listings' removals up to `now` come back, the others as live listings.
    private func writeListings(file: Int, now: Int, buffer: GenerateBuffer) throws(SQLError) -> FileResult {
        var result = FileResult()
        let range = share(file, of: settings.listings)
        result.removals.reserveCapacity(range.count)
        var yearCache = (day: Int.min, year: 0)
        let season = GenerateSeason(start: settings.start)
        for index in range {
            let id = GenerateSettings.firstListingId + index
            let at = listedAt(index: index, id: id, season: season)
            let day = GenerateClock.split(at).days
            if day != yearCache.day { yearCache = (day, GenerateClock.civil(days: day).year) }
            var listing = GenerateListing(id: id, listedAt: at, dealers: settings.dealers, currentYear: yearCache.year, seed: settings.seed)
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.listingFault, index: id, rate: settings.dirty)
            listing.write(to: buffer, fault: fault)
            result.faults.add(fault, feed: GenerateOutput.listings)
            if let removal = listing.drawRemoval(), removal.removedAt <= now {
                result.removals.append(removal)
            } else {
                result.live.append(.init(id: id, listedAt: at, priceCents: listing.priceCents))
            }
        }
        result.records = range.count
        try output.write(buffer, feed: GenerateOutput.listings, name: GenerateBatch.partName(file))
        return result
    }

    private func writeRemovals(_ sorted: [GenerateRemoval], file: Int, buffer: GenerateBuffer) throws(SQLError) -> FileResult {
        var result = FileResult()
        for i in share(file, of: sorted.count) {
            let removal = sorted[i]
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.removalFault, index: removal.listingId, rate: settings.dirty)
            removal.write(to: buffer, fault: fault)
            result.faults.add(fault, feed: GenerateOutput.removals)
            result.records += 1
        }
        try output.write(buffer, feed: GenerateOutput.removals, name: GenerateBatch.partName(file))
        return result
    }
}
