import Columnar
import Diagnostics
import Formats
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Stream mode on a lake that already has bronze data (`--listings 0`): the generator picks
/// up where the files leave off — the next listing id, the latest time, the dealers and the
/// listings still on sale — instead of starting from the first id again.
enum GenerateResume {
    /// The state the bronze files describe, or nil when there are no listings yet.
    static func load(output: GenerateOutput) throws(SQLError) -> GenerateState? {
        let listingFiles = jsonFiles(output.folder(GenerateOutput.listings))
        guard !listingFiles.isEmpty else { return nil }
        let listingSchema = Schema([Field(name: "listing_id", type: .int64), Field(name: "listed_at", type: .timestamp),
                                    Field(name: "price", type: .decimal(precision: 12, scale: 2))])
        var listings: [(id: Int, at: Int, cents: Int)] = []
        for b in try read(listingFiles, schema: listingSchema) {
            for i in 0..<b.count {
                guard case let .int(id) = b.columns[0].value(at: i), case let .timestamp(t) = b.columns[1].value(at: i) else { continue }
                var cents = 0
                if case let .decimal(p, _) = b.columns[2].value(at: i) { cents = Int(truncatingIfNeeded: p) }
                listings.append((Int(id), Int(t / 1_000_000), cents))
            }
        }
        var removed = Set<Int>()
        var latest = listings.map(\.at).max() ?? 0
        let removalSchema = Schema([Field(name: "listing_id", type: .int64), Field(name: "removed_at", type: .timestamp)])
        for b in try read(jsonFiles(output.folder(GenerateOutput.removals)), schema: removalSchema) {
            for i in 0..<b.count {
                if case let .int(id) = b.columns[0].value(at: i) { removed.insert(Int(id)) }
                if case let .timestamp(t) = b.columns[1].value(at: i) { latest = max(latest, Int(t / 1_000_000)) }
            }
        }
        var maxDealer = 0
        for b in try read(jsonFiles(output.folder(GenerateOutput.dealers)), schema: Schema([Field(name: "dealer_id", type: .int64)])) {
            for i in 0..<b.count { if case let .int(d) = b.columns[0].value(at: i) { maxDealer = max(maxDealer, Int(d)) } }
        }
        var state = GenerateState()
        state.nextListingId = (listings.map(\.id).max() ?? GenerateSettings.firstListingId - 1) + 1
        state.now = latest
        state.dealers = max(1, maxDealer)
        state.live = listings.filter { !removed.contains($0.id) }.sorted { $0.id < $1.id }
            .map { GenerateState.Live(id: $0.id, listedAt: $0.at, priceCents: $0.cents) }
        return state
    }

    static func jsonFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    /// The declared columns of every file; bad lines are skipped (they carry nothing to resume from).
    static func read(_ files: [String], schema: Schema) throws(SQLError) -> [Batch] {
        let reader = try JSONReader(schema: schema, projection: Array(0..<schema.count), options: JSONReadOptions(mode: .dropMalformed))
        var out: [Batch] = []
        for f in files { out += try reader.read(path: f, displayPath: f).batches }
        return out
    }
}
