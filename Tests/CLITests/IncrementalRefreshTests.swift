import Foundation
import Testing

/// The gold views of queries/ refreshed incrementally after every tick of the stream
/// generator hold exactly the rows their queries give when run afresh over all bronze files.
@Suite struct IncrementalRefreshTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `name → SELECT ...` of each `CREATE MATERIALIZED VIEW IF NOT EXISTS gold.name AS SELECT ...;`.
    static func goldQueries() throws -> [(name: String, sql: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("queries/03_gold.sql"), encoding: .utf8)
        var out: [(String, String)] = []
        for part in text.components(separatedBy: "CREATE MATERIALIZED VIEW IF NOT EXISTS gold.").dropFirst() {
            guard let asRange = part.range(of: " AS\n"), let end = part.range(of: ";") else { continue }
            out.append((String(part[..<asRange.lowerBound]), String(part[asRange.upperBound..<end.lowerBound])))
        }
        return out
    }

    /// Rows as sorted CSV lines.
    static func rows(_ lake: String, _ sql: String) throws -> [String] {
        let r = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "--no-header", "-c", sql])
        #expect(r.status == 0, "\(sql): \(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init).sorted()
    }

    /// Starts `lakesql arguments` without waiting; output is discarded.
    static func start(_ arguments: [String]) throws -> Process {
        guard let url = LakeSQLBinary.url else { throw LakeSQLBinary.MissingBinary() }
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A few lines only one side has, for a readable failure.
    static func difference(_ stored: [String], _ afresh: [String]) -> String {
        let a = Set(stored), b = Set(afresh)
        let extra = stored.filter { !b.contains($0) }.prefix(3), missing = afresh.filter { !a.contains($0) }.prefix(3)
        if extra.isEmpty && missing.isEmpty && stored.count == afresh.count { return "" }
        return "stored only: \(Array(extra)); query only: \(Array(missing))"
    }

    /// The `mode` recorded by the newest commit of a gold table.
    static func lastMode(_ lake: String, _ view: String) throws -> String? {
        let log = lake + "/gold/\(view)/_log"
        let newest = try FileManager.default.contentsOfDirectory(atPath: log).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.max()
        guard let newest else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: log + "/" + newest))
        let commit = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (commit?["properties"] as? [String: String])?["mode"]
    }

    @Test func everyTickRefreshesIncrementallyToTheFullResult() throws {
        let (generated, first) = try GenerateLake.generate(["--listings", "1500", "--files", "3", "--seed", "11", "--dirty", "0.02"])
        defer { generated.remove() }
        #expect(first.status == 0, "\(first.stderr)")
        let lake = generated.root.path
        let q = Self.root.appendingPathComponent("queries").path
        let setup = try LakeSQLBinary.run(["--lake", lake, "-f", q + "/01_bronze.sql", "-f", q + "/02_silver.sql", "-f", q + "/03_gold.sql"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let views = try Self.goldQueries()
        #expect(views.map(\.name) == ["listing_turnover", "turnover_by_segment", "turnover_by_make"])
        for tick in 1...4 {
            let g = try LakeSQLBinary.run(["generate", "--lake", lake, "--listings", "0", "--every", "1ms", "--ticks", "1",
                                           "--per-tick", "40", "--dirty", "0.05", "--seed", String(100 + tick)])
            #expect(g.status == 0, "\(g.stderr)")
            var args = ["--lake", lake]
            for v in views { args += ["-c", "REFRESH MATERIALIZED VIEW gold.\(v.name)"] }
            let refresh = try LakeSQLBinary.run(args)
            #expect(refresh.status == 0 || refresh.status == 2, "\(refresh.stderr)")
            for v in views {
                // The summaries read the rows appended to gold.listing_turnover.
                #expect(try Self.lastMode(lake, v.name) == "incremental", "tick \(tick): gold.\(v.name)")
                let stored = try Self.rows(lake, "SELECT * FROM gold.\(v.name)")
                let afresh = try Self.rows(lake, v.sql)
                let diff = Self.difference(stored, afresh)
                #expect(diff.isEmpty, "tick \(tick): gold.\(v.name) (\(stored.count) rows) differs from its query (\(afresh.count) rows): \(diff)")
            }
        }
        // Two processes refreshing at once: the second waits for the first, and the rows
        // are added once.
        let g = try LakeSQLBinary.run(["generate", "--lake", lake, "--listings", "0", "--every", "1ms", "--ticks", "1", "--per-tick", "40"])
        #expect(g.status == 0, "\(g.stderr)")
        let concurrent = try (0..<2).map { _ in try Self.start(["--lake", lake, "-c", "REFRESH MATERIALIZED VIEW gold.listing_turnover"]) }
        for p in concurrent { p.waitUntilExit() }
        #expect(concurrent.allSatisfy { $0.terminationStatus == 0 || $0.terminationStatus == 2 })
        #expect(Self.difference(try Self.rows(lake, "SELECT * FROM gold.listing_turnover"), try Self.rows(lake, views[0].sql)).isEmpty)
        // DESCRIBE tells of the last refresh.
        let describe = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "-c", "DESCRIBE gold.listing_turnover"])
        #expect(describe.stdout.contains("# materialized view"), "\(describe.stdout)")
        // (the second of the two refreshes found nothing new)
        #expect(describe.stdout.contains("last_refresh,none needed: nothing the view reads had changed"), "\(describe.stdout)")
        #expect(describe.stdout.contains("bronze_files,"), "\(describe.stdout)")
        // A bronze file that grew makes the next refresh full, and still right.
        let listings = lake + "/bronze/listings"
        let firstPart = try FileManager.default.contentsOfDirectory(atPath: listings).filter { $0.hasPrefix("part-") }.sorted()[0]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: listings + "/" + firstPart))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"listing_id": 999999, "car": {"make": "Kia"}, "dealer_id": 1, "listed_at": "2024-01-01T00:00:00Z"}"#.utf8 + [10]))
        try handle.close()
        let grown = try LakeSQLBinary.run(["--lake", lake, "-c", "REFRESH MATERIALIZED VIEW gold.listing_turnover"])
        #expect(grown.status == 0 || grown.status == 2, "\(grown.stderr)")
        #expect(try Self.lastMode(lake, "listing_turnover") == "full")
        // A file removed from bronze makes the next refresh full, and still right.
        let removals = lake + "/bronze/removals"
        let part = try FileManager.default.contentsOfDirectory(atPath: removals).filter { $0.hasPrefix("part-") }.sorted()
        #expect(!part.isEmpty)
        try FileManager.default.removeItem(atPath: removals + "/" + part[0])
        let refresh = try LakeSQLBinary.run(["--lake", lake, "-c", "REFRESH MATERIALIZED VIEW gold.listing_turnover"])
        #expect(refresh.status == 0 || refresh.status == 2, "\(refresh.stderr)")
        #expect(try Self.lastMode(lake, "listing_turnover") == "full")
        #expect(Self.difference(try Self.rows(lake, "SELECT * FROM gold.listing_turnover"), try Self.rows(lake, views[0].sql)).isEmpty)
    }
}
