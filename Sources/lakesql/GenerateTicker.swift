import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stream mode: after the batch, every interval one new file per feed with a few new
/// listings, removals of earlier live listings, and now and then a new dealer. Simulated
/// time advances by the interval (at least a second) per tick, from the batch's end:
/// it depends on the tick number, never on the real clock, so output stays deterministic.
struct GenerateTicker {
    /// The run's settings (`everyMillis` is set).
    let settings: GenerateSettings
    /// Where files go.
    let output: GenerateOutput
    /// Where tick lines go.
    let out: OutputSink

    /// Runs ticks until `--ticks` is reached or Ctrl-C.
    func run(_ state: inout GenerateState) throws(SQLError) {
        let interval = settings.everyMillis ?? 1000
        let step = max(1, (interval + 999) / 1000)
        let base = state.now
        let clock = ContinuousClock()
        let began = clock.now
        var tick = 1
        while settings.ticks.map({ tick <= $0 }) ?? true {
            let deadline = began + .milliseconds(interval * tick)
            while clock.now < deadline && !GenerateInterrupt.raised { usleep(20_000) }
            if GenerateInterrupt.raised { return }
            let windowStart = base + (tick - 1) * step
            let line = try runTick(tick, windowStart: windowStart, step: step, state: &state)
            out.write(line + "\n")
            tick += 1
        }
    }

    /// Writes tick `tick`'s files covering (windowStart, windowStart + step] and returns its report line.
    private func runTick(_ tick: Int, windowStart: Int, step: Int, state: inout GenerateState) throws(SQLError) -> String {
        var rng = GenerateRandom(seed: settings.seed, stream: RandomStream.tick, index: UInt64(tick))
        let windowEnd = windowStart + step
        let name = GenerateTicker.fileName(tick: tick, at: windowEnd)
        let buffer = GenerateBuffer(capacity: 1 << 16)

        var newDealers = 0
        if rng.chance(0.05) {
            state.dealers += 1
            newDealers = 1
            let dealer = GenerateDealer(id: state.dealers, before: windowEnd, seed: settings.seed)
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.dealerFault, index: dealer.id, rate: settings.dirty)
            dealer.write(to: buffer, fault: fault)
            state.faults.add(fault, feed: GenerateOutput.dealers)
        }
        try emit(buffer, feed: GenerateOutput.dealers, name: name, records: newDealers, state: &state)

        var fresh: [GenerateState.Live] = []
        for j in 0..<settings.perTick {
            let id = state.nextListingId
            state.nextListingId += 1
            let at = windowStart + 1 + j * step / settings.perTick
            var listing = GenerateListing(id: id, listedAt: at, dealers: state.dealers,
                                          currentYear: GenerateClock.year(of: at), seed: settings.seed)
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.listingFault, index: id, rate: settings.dirty)
            listing.write(to: buffer, fault: fault)
            state.faults.add(fault, feed: GenerateOutput.listings)
            fresh.append(.init(id: id, listedAt: at, priceCents: listing.priceCents))
        }
        try emit(buffer, feed: GenerateOutput.listings, name: name, records: fresh.count, state: &state)

        var removals: [GenerateRemoval] = []
        let wanted = min(state.live.count, rng.int(in: (settings.perTick * 2 / 3)...settings.perTick))
        for _ in 0..<wanted {
            let pick = state.live.removeSwapping(at: rng.below(state.live.count))
            let at = windowStart + 1 + rng.below(step)
            removals.append(GenerateRemoval.draw(listingId: pick.id, listedAt: pick.listedAt, removedAt: at,
                                                 priceCents: pick.priceCents, rng: &rng))
        }
        removals.sort { ($0.removedAt, $0.listingId) < ($1.removedAt, $1.listingId) }
        for removal in removals {
            let fault = GenerateFault.draw(seed: settings.seed, stream: RandomStream.removalFault, index: removal.listingId, rate: settings.dirty)
            removal.write(to: buffer, fault: fault)
            state.faults.add(fault, feed: GenerateOutput.removals)
        }
        try emit(buffer, feed: GenerateOutput.removals, name: name, records: removals.count, state: &state)

        state.live.append(contentsOf: fresh)
        state.now = windowEnd
        var line = "tick \(tick): +\(fresh.count) listings, +\(removals.count) removals"
        if newDealers > 0 { line += ", +\(newDealers) dealer" }
        return line + " -> " + GenerateOutput.relative(GenerateOutput.listings, name)
    }

    /// Writes the buffer as the tick's file of `feed`, counts it, and empties the buffer.
    private func emit(_ buffer: GenerateBuffer, feed: Int, name: String, records: Int, state: inout GenerateState) throws(SQLError) {
        try output.write(buffer, feed: feed, name: name)
        state.files[feed] += 1
        state.records[feed] += records
        buffer.removeAll()
    }

    /// `tick-20250101-000010-00001.json`: simulated time, then the tick number, so names sort by time.
    static func fileName(tick: Int, at seconds: Int) -> String {
        let b = GenerateBuffer(capacity: 64)
        b.append("tick-")
        b.append(compactTimestamp: seconds)
        b.append(UInt8(ascii: "-"))
        b.append(digits: tick, width: 5)
        b.append(".json")
        return String(decoding: b.bytes, as: UTF8.self)
    }
}

extension Array {
    /// Removes and returns the element at `index`, moving the last element into its place.
    fileprivate mutating func removeSwapping(at index: Int) -> Element {
        swapAt(index, count - 1)
        return removeLast()
    }
}
