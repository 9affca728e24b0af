import Foundation
import Testing

/// `lakesql generate`, run as a process: files, determinism, record shapes, faults,
/// stream mode and bad flags.
@Suite struct GenerateTests {
    static let feeds = ["listings", "removals", "dealers"]

    @Test func sameSeedGivesIdenticalBytesAndOtherSeedsDiffer() throws {
        let args = ["--listings", "1000", "--files", "4", "--seed", "7", "--dirty", "0.1"]
        let (a, ra) = try GenerateLake.generate(args)
        let (b, rb) = try GenerateLake.generate(args)
        let (c, rc) = try GenerateLake.generate(["--listings", "1000", "--files", "4", "--seed", "8", "--dirty", "0.1"])
        defer { a.remove(); b.remove(); c.remove() }
        #expect(ra.status == 0 && rb.status == 0 && rc.status == 0)
        #expect(ra.stderr == rb.stderr)
        for feed in GenerateTests.feeds {
            let first = try a.contents(feed)
            #expect(!first.isEmpty)
            #expect(first == (try b.contents(feed)), "feed \(feed)")
        }
        #expect(try a.contents("listings") != (try c.contents("listings")))
        #expect(try a.contents("removals") != (try c.contents("removals")))
    }

    @Test func batchCountsAndRemovalsFollowTheirListings() throws {
        let (lake, r) = try GenerateLake.generate(["--listings", "1000", "--files", "4"])
        defer { lake.remove() }
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        for feed in GenerateTests.feeds {
            #expect(lake.names(feed) == (0..<4).map { "part-0000\($0).json" })
        }
        #expect(r.stdout.contains("1000 records"))
        #expect(r.stdout.contains(lake.root.path))

        let listings = try lake.lines("listings")
        #expect(listings.count == 1000)
        #expect(listings.allSatisfy(ListingShape.isClean))
        var listedAt: [Int: String] = [:]
        var vins = Set<String>()
        var previousId = 0
        for line in listings {
            let o = try #require(GenerateLake.object(line))
            let id = try #require(o["listing_id"] as? Int)
            #expect(id > previousId)
            previousId = id
            listedAt[id] = o["listed_at"] as? String
            vins.insert(o["vin"] as? String ?? "")
        }
        #expect(vins.count == 1000)

        let removals = try lake.lines("removals")
        #expect(removals.count <= listings.count)
        #expect(removals.count > 700)
        var removed = Set<Int>()
        var previousTime = ""
        for line in removals {
            let o = try #require(GenerateLake.object(line))
            let id = try #require(o["listing_id"] as? Int)
            let at = try #require(o["removed_at"] as? String)
            #expect(ListingShape.isUTCTimestamp(at))
            let listed = try #require(listedAt[id], "removal of unknown listing \(id)")
            #expect(at > listed)
            #expect(at >= previousTime, "removals in time order")
            previousTime = at
            #expect(removed.insert(id).inserted, "one removal per listing")
            let reason = o["reason"] as? String
            #expect(["sold", "withdrawn", "expired"].contains(reason ?? ""))
            if reason == "sold" {
                let sale = try #require(o["sale_price"] as? Double)
                #expect(sale > 0)
            }
        }

        let dealers = try lake.lines("dealers")
        #expect(dealers.count == 200)
        let ids = dealers.compactMap { GenerateLake.object($0)?["dealer_id"] as? Int }
        #expect(ids == Array(1...200))
        for line in listings {
            let dealer = GenerateLake.object(line)?["dealer_id"] as? Int ?? 0
            #expect((1...200).contains(dealer))
        }
    }

    @Test func dirtyRateFaultsAboutThatShareOfLines() throws {
        let (lake, r) = try GenerateLake.generate(["--listings", "3000", "--files", "3", "--dirty", "0.2"])
        defer { lake.remove() }
        #expect(r.status == 0)
        #expect(r.stderr.contains("injected faults"))
        #expect(r.stderr.contains("malformed line"))
        let listings = try lake.lines("listings")
        #expect(listings.count == 3000)
        let faulty = listings.filter { !ListingShape.isClean($0) }
        let share = Double(faulty.count) / Double(listings.count)
        #expect(share > 0.15 && share < 0.25, "faulty share \(share)")
        let unparseable = listings.filter { GenerateLake.object($0.hasSuffix("\r") ? String($0.dropLast()) : $0) == nil }
        #expect(unparseable.count > 20)
        #expect(listings.contains { $0.hasSuffix("\r") })
        #expect(listings.contains { $0.contains("\"price\":\"") })
        #expect(try lake.lines("removals").contains { GenerateLake.object($0) == nil })
    }

    @Test func cleanValuesDoNotDependOnTheRate() throws {
        let (clean, _) = try GenerateLake.generate(["--listings", "500", "--files", "1"])
        let (dirty, _) = try GenerateLake.generate(["--listings", "500", "--files", "1", "--dirty", "0.3"])
        defer { clean.remove(); dirty.remove() }
        let a = try clean.lines("listings"), b = try dirty.lines("listings")
        #expect(a.count == b.count)
        let same = zip(a, b).filter { $0 == $1 }.count
        let cleanInDirty = b.filter(ListingShape.isClean).count
        #expect(same == cleanInDirty)
    }

    @Test func streamModeWritesOneFilePerFeedPerTick() throws {
        let (lake, r) = try GenerateLake.generate(["--listings", "300", "--files", "2", "--every", "100ms", "--ticks", "3"])
        defer { lake.remove() }
        #expect(r.status == 0)
        let ticks = r.stdout.split(separator: "\n").filter { $0.hasPrefix("tick ") }
        #expect(ticks.count == 3)
        #expect(ticks.first?.hasPrefix("tick 1: +5 listings, +") == true)
        #expect(ticks.allSatisfy { $0.contains(" -> bronze/listings/tick-") })
        for feed in GenerateTests.feeds {
            let names = lake.names(feed)
            #expect(names.filter { $0.hasPrefix("tick-") }.count == 3, "feed \(feed)")
            #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "temporary files left in \(feed)")
            #expect(names == names.sorted())
        }
        let batch = try lake.lines("listings", prefix: "part-").compactMap { GenerateLake.object($0) }
        let streamed = try lake.lines("listings", prefix: "tick-").compactMap { GenerateLake.object($0) }
        #expect(streamed.count == 15)
        let batchMax = batch.compactMap { $0["listing_id"] as? Int }.max() ?? 0
        let streamIds = streamed.compactMap { $0["listing_id"] as? Int }
        #expect(streamIds == Array((batchMax + 1)...(batchMax + 15)))
        var listedAt: [Int: String] = [:]
        for o in batch + streamed {
            if let id = o["listing_id"] as? Int { listedAt[id] = o["listed_at"] as? String }
        }
        let lastBatchTime = batch.compactMap { $0["listed_at"] as? String }.max() ?? ""
        #expect(streamed.allSatisfy { ($0["listed_at"] as? String ?? "") > lastBatchTime })
        let allRemovals = try lake.lines("removals").compactMap { GenerateLake.object($0) }
        let removedIds = allRemovals.compactMap { $0["listing_id"] as? Int }
        #expect(Set(removedIds).count == removedIds.count, "a listing is removed at most once")
        for o in try lake.lines("removals", prefix: "tick-").compactMap({ GenerateLake.object($0) }) {
            let id = o["listing_id"] as? Int ?? 0
            let listed = try #require(listedAt[id])
            #expect((o["removed_at"] as? String ?? "") > listed)
        }
    }

    @Test(arguments: [
        (["--files", "0"], "--files"),
        (["--dirty", "2"], "--dirty"),
        (["--every", "banana"], "--every"),
        (["--ticks", "3"], "--every"),
        (["--start", "2024-02-30"], "--start"),
        (["--listings", "-5"], "--listings"),
    ])
    func badFlagsAreUsageErrors(arguments: [String], flag: String) throws {
        let (lake, r) = try GenerateLake.generate(arguments)
        defer { lake.remove() }
        #expect(r.status == 64)
        #expect(r.stderr.contains(flag), "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(lake.names("listings").isEmpty)
    }

    @Test func lakeComesFromTheEnvironmentOrBeforeTheSubcommand() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = dir.appendingPathComponent("from-env"), flag = dir.appendingPathComponent("from-flag")
        let r1 = try LakeSQLBinary.run(["generate", "--listings", "10", "--files", "1"], environment: ["LAKESQL_LAKE": env.path])
        #expect(r1.status == 0)
        #expect(GenerateLake(root: env).names("listings") == ["part-00000.json"])
        let r2 = try LakeSQLBinary.run(["--lake", flag.path, "generate", "--listings", "10", "--files", "1"])
        #expect(r2.status == 0)
        #expect(try GenerateLake(root: flag).contents("listings") == (try GenerateLake(root: env).contents("listings")))
        let r3 = try LakeSQLBinary.run(["generate", "-c", "SELECT 1"])
        #expect(r3.status == 64)
    }

    @Test func helpDocumentsEveryFlag() throws {
        let r = try LakeSQLBinary.run(["generate", "--help"])
        #expect(r.status == 0)
        for flag in ["--lake", "--seed", "--listings", "--files", "--dealers", "--dirty", "--every", "--ticks", "--per-tick", "--start"] {
            #expect(r.stdout.contains(flag), "\(flag) missing from help")
        }
        let root = try LakeSQLBinary.run(["--help"])
        #expect(root.stdout.contains("generate"))
    }
}
