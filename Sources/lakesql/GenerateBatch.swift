import Diagnostics

/// The initial batch: dealers, then listings in id order spread over a year from
/// `--start`, then their removals in time order, each feed split into `--files` files.
/// The batch is a snapshot taken at the end of the year: removals after it have not
/// happened yet, so those listings are still live (stream mode removes them later).
struct GenerateBatch {
    /// The run's settings.
    let settings: GenerateSettings
    /// Where files go.
    let output: GenerateOutput

    /// Writes the batch; stops after the current file when `interrupted` turns true.
    func run(interrupted: () -> Bool) throws(SQLError) -> GenerateState {
        var state = GenerateState()
        state.dealers = settings.dealers
        state.now = settings.listings > 0 ? settings.start + GenerateSettings.windowSeconds : settings.start
        let buffer = GenerateBuffer(capacity: 1 << 22)
        try writeDealers(&state, buffer: buffer, interrupted: interrupted)
        guard settings.listings > 0, !interrupted() else { return state }
        let removals = try writeListings(&state, buffer: buffer, interrupted: interrupted)
        guard !interrupted() else { return state }
        try writeRemovals(removals, state: &state, buffer: buffer, interrupted: interrupted)
        return state
    }

    /// `part-00007.json`.
    static func partName(_ index: Int) -> String {
        let digits = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".json"
    }

    /// Records `lower..<upper` of `total` records split over the batch's files: file `index`'s share.
    private func share(_ index: Int, of total: Int) -> Range<Int> {
        (index * total / settings.files)..<((index + 1) * total / settings.files)
    }

    private func writeDealers(_ state: inout GenerateState, buffer: GenerateBuffer, interrupted: () -> Bool) throws(SQLError) {
        for file in 0..<settings.files {
            buffer.removeAll()
            for i in share(file, of: settings.dealers) {
                let dealer = GenerateDealer(id: i + 1, before: settings.start, seed: settings.seed)
                let fault = GenerateFault.draw(seed: settings.seed, stream: GenerateStream.dealerFault, index: dealer.id, rate: settings.dirty)
                dealer.write(to: buffer, fault: fault)
                state.faults.add(fault, feed: GenerateOutput.dealers)
                state.records[GenerateOutput.dealers] += 1
            }
            try output.write(buffer, feed: GenerateOutput.dealers, name: GenerateBatch.partName(file))
            state.files[GenerateOutput.dealers] += 1
            if interrupted() { return }
        }
    }

    /// Time of the listing at `index` of the batch: days advance with the index, and
    /// within a day listings go up between 08:00 and 20:00, with a little jitter.
    private func listedAt(index: Int, id: Int) -> Int {
        let n = Double(settings.listings)
        let position = Double(index) * 365 / n
        let day = Int(position)
        let fraction = position - Double(day)
        let jitterSpan = max(1, Int(12 * 3600 * 365 / n))
        let jitter = Int(GenerateRandom.mix(settings.seed ^ UInt64(truncatingIfNeeded: id) &* 0xA24B_AED4_963E_E407) % UInt64(jitterSpan))
        return settings.start + day * 86400 + 8 * 3600 + Int(fraction * 12 * 3600) + jitter
    }

    private func writeListings(_ state: inout GenerateState, buffer: GenerateBuffer,
                               interrupted: () -> Bool) throws(SQLError) -> [GenerateRemoval] {
        var removals: [GenerateRemoval] = []
        removals.reserveCapacity(settings.listings)
        state.live.reserveCapacity(settings.listings / 5)
        var yearCache = (day: Int.min, year: 0)
        for file in 0..<settings.files {
            buffer.removeAll()
            for index in share(file, of: settings.listings) {
                let id = GenerateSettings.firstListingId + index
                let at = listedAt(index: index, id: id)
                let day = GenerateClock.split(at).days
                if day != yearCache.day { yearCache = (day, GenerateClock.civil(days: day).year) }
                var listing = GenerateListing(id: id, listedAt: at, dealers: settings.dealers, currentYear: yearCache.year, seed: settings.seed)
                let fault = GenerateFault.draw(seed: settings.seed, stream: GenerateStream.listingFault, index: id, rate: settings.dirty)
                listing.write(to: buffer, fault: fault)
                state.faults.add(fault, feed: GenerateOutput.listings)
                if let removal = listing.drawRemoval(), removal.removedAt <= state.now {
                    removals.append(removal)
                } else {
                    state.live.append(.init(id: id, listedAt: at, priceCents: listing.priceCents))
                }
            }
            state.records[GenerateOutput.listings] += share(file, of: settings.listings).count
            try output.write(buffer, feed: GenerateOutput.listings, name: GenerateBatch.partName(file))
            state.files[GenerateOutput.listings] += 1
            if interrupted() { break }
        }
        state.nextListingId = GenerateSettings.firstListingId + settings.listings
        return removals
    }

    private func writeRemovals(_ removals: [GenerateRemoval], state: inout GenerateState, buffer: GenerateBuffer,
                               interrupted: () -> Bool) throws(SQLError) {
        let sorted = removals.sorted { ($0.removedAt, $0.listingId) < ($1.removedAt, $1.listingId) }
        for file in 0..<settings.files {
            buffer.removeAll()
            for i in share(file, of: sorted.count) {
                let removal = sorted[i]
                let fault = GenerateFault.draw(seed: settings.seed, stream: GenerateStream.removalFault, index: removal.listingId, rate: settings.dirty)
                removal.write(to: buffer, fault: fault)
                state.faults.add(fault, feed: GenerateOutput.removals)
                state.records[GenerateOutput.removals] += 1
            }
            try output.write(buffer, feed: GenerateOutput.removals, name: GenerateBatch.partName(file))
            state.files[GenerateOutput.removals] += 1
            if interrupted() { return }
        }
    }
}
