import Foundation
import Testing

/// The seed pipeline end to end through the real binary: `lakesql generate` writes
/// bronze, `queries/01_bronze.sql` … `03_gold.sql` build the gold tables, and every gold
/// value is checked against `PipelineOracle`, an independent computation over the same
/// bronze files.
///
/// The tests run one at a time: each runs `lakesql` on every core, and side by side they
/// only slow each other down.
@Suite(.serialized) struct PipelineEndToEndTests {
    @Test func cleanLakeGoldEqualsTheOracle() throws {
        let lake = try Self.pipelineLake(["--listings", "3000", "--files", "3", "--seed", "7"])
        defer { lake.remove() }
        let oracle = try PipelineOracle(lake: lake.root)
        #expect(oracle.listings.count == 3000)
        #expect(oracle.listings.allSatisfy { $0 != nil }, "a clean lake has no malformed line")
        try Self.expectGoldEqualsOracle(lake.root, oracle)
    }

    /// With faults injected, the gold tables still follow the PERMISSIVE rules: a bad record
    /// is a row of NULLs (dropped by the pipeline's filters), judged on the columns the
    /// pipeline reads. Every fault kind the generator writes is modelled by the oracle, so
    /// the comparison is the same as on the clean lake. One reader rule is not modelled:
    /// a line that ends in `}` is not scanned past the last key the scan needs, where the
    /// oracle parses the whole line; the generator's malformed lines (cut short, text
    /// appended or instead) never end in `}` after every needed key, so it cannot differ.
    @Test func dirtyLakeGoldEqualsTheOracle() throws {
        let (lake, stderr) = try Self.pipelineRun(["--listings", "3000", "--files", "3", "--seed", "7", "--dirty", "0.05"])
        defer { lake.remove() }
        let oracle = try PipelineOracle(lake: lake.root)
        // The faults reach the views: malformed lines, and records bad for the columns read.
        #expect(oracle.listings.contains { $0 == nil })
        func bad(_ reads: PipelineOracle.ReadColumns) -> (listings: Int, removals: Int) {
            (oracle.listings.filter { OracleListing($0, reads.listings) == nil }.count,
             oracle.removals.filter { OracleRemoval($0, reads.removals) == nil }.count)
        }
        let forTurnover = bad(PipelineOracle.listingTurnoverReads)
        #expect(forTurnover.listings > 0 && forTurnover.removals > 0)
        // LakeSQL's count of bad records agrees with the oracle's judgement; bronze is read
        // once, by gold.listing_turnover (the summaries read that table).
        func warning(_ n: Int, _ table: String) -> String { "Warning: \(n) bad record\(n == 1 ? "" : "s") in bronze.\(table);" }
        for (n, table) in [(forTurnover.listings, "listings"), (forTurnover.removals, "removals")] {
            #expect(stderr.contains(warning(n, table)), "expected \(warning(n, table)) in \(stderr)")
            #expect(stderr.components(separatedBy: "bad records in bronze.\(table);").count == 2, "bronze.\(table) is read once: \(stderr)")
        }
        try Self.expectGoldEqualsOracle(lake.root, oracle)
    }

    /// Stream ticks append bronze files; REFRESH (incremental where the plan allows) must
    /// give what the oracle computes from all the files now there.
    @Test func refreshAfterStreamTicksEqualsTheOracle() throws {
        let lake = try Self.streamedLake()
        defer { lake.remove() }
        let first = try PipelineOracle(lake: lake.root)
        #expect(lake.names("listings").filter { $0.hasPrefix("tick-") }.count == 3)
        try Self.expectGoldEqualsOracle(lake.root, first)
        let before = first.turnover(PipelineOracle.listingTurnoverReads).count
        // One more tick on top of a refreshed stream: a second refresh after the first.
        let tick = try LakeSQLBinary.run(["generate", "--lake", lake.root.path, "--listings", "0",
                                          "--every", "1ms", "--ticks", "1", "--per-tick", "50"])
        #expect(tick.status == 0, "\(tick.stderr)")
        try Self.refreshGold(lake.root)
        let oracle = try PipelineOracle(lake: lake.root)
        #expect(lake.names("listings").filter { $0.hasPrefix("tick-") }.count == 4)
        #expect(oracle.turnover(PipelineOracle.listingTurnoverReads).count > before)
        try Self.expectGoldEqualsOracle(lake.root, oracle)
    }

    /// The live Parquet files of every gold table (those the newest commit-log version
    /// lists, see docs/commit-log.md), read by DuckDB, hold the rows LakeSQL's SELECT gives.
    @Test(.enabled(if: PythonTools.canImport("duckdb"), "needs python3 with duckdb (pip install duckdb)"))
    func duckdbReadsTheLiveGoldFiles() throws {
        let lake = try Self.streamedLake(listings: 1000)
        defer { lake.remove() }
        let script = """
            import datetime, decimal, duckdb, json, os, sys
            def cell(v):
                if isinstance(v, (datetime.datetime, datetime.date)):
                    return v.isoformat(sep=" ") if isinstance(v, datetime.datetime) else v.isoformat()
                if isinstance(v, decimal.Decimal):
                    return float(v)
                return v
            out = {}
            for root in sys.argv[1:]:
                log = os.path.join(root, "_log")
                newest = sorted(f for f in os.listdir(log) if f.endswith(".json"))[-1]
                files = [os.path.join(root, f["path"]) for f in json.load(open(os.path.join(log, newest)))["files"]]
                rel = duckdb.sql(f"SELECT * FROM read_parquet({files!r})")
                out[os.path.basename(root)] = [dict(zip(rel.columns, map(cell, r))) for r in rel.fetchall()]
            print(json.dumps(out))
            """
        let views = ["listing_turnover", "turnover_by_segment", "turnover_by_make"]
        let python = try PythonTools.run(["-c", script] + views.map { lake.root.appendingPathComponent("gold/\($0)").path })
        #expect(python.status == 0, "\(python.output)")
        let theirs = (try? JSONSerialization.jsonObject(with: Data(python.output.utf8))) as? [String: [[String: Any]]] ?? [:]
        for view in views {
            let ours = try Self.select(lake.root, "SELECT * FROM gold.\(view)")
            let columns = ours.first.map { Array($0.keys).sorted() } ?? []
            #expect(!ours.isEmpty)
            let duck = theirs[view] ?? []
            #expect(duck.first.map { Array($0.keys).sorted() } == columns, "\(view): columns")
            let a = ours.map { Self.canonical($0, columns) }.sorted()
            let b = duck.map { Self.canonical($0, columns) }.sorted()
            #expect(a.count == b.count, "\(view): \(a.count) rows in LakeSQL, \(b.count) in DuckDB")
            let differing = zip(a, b).first { $0 != $1 }
            #expect(differing == nil, "\(view): first differing row: \(differing.map { "\($0.0)  vs  \($0.1)" } ?? "")")
        }
    }
}

// MARK: - Running the pipeline

extension PipelineEndToEndTests {
    static let queries = PythonTools.repositoryRoot.appendingPathComponent("queries")

    /// A generated lake with `queries/01…03` run on it.
    static func pipelineLake(_ generate: [String]) throws -> GenerateLake {
        try pipelineRun(generate).lake
    }

    /// A generated lake with `queries/01…03` run on it, and what the run wrote to stderr.
    static func pipelineRun(_ generate: [String]) throws -> (lake: GenerateLake, stderr: String) {
        let (lake, output) = try GenerateLake.generate(generate)
        #expect(output.status == 0, "\(output.stderr)")
        let files = ["01_bronze.sql", "02_silver.sql", "03_gold.sql"].flatMap { ["-f", queries.appendingPathComponent($0).path] }
        let run = try LakeSQLBinary.run(["--lake", lake.root.path] + files)
        #expect(run.status == 0, "\(run.stderr)")
        return (lake, run.stderr)
    }

    /// A clean lake of `listings` listings, the pipeline, three stream ticks of 50
    /// listings, and a REFRESH of every gold view.
    static func streamedLake(listings: Int = 3000) throws -> GenerateLake {
        let lake = try pipelineLake(["--listings", "\(listings)", "--files", "3", "--seed", "7"])
        let ticks = try LakeSQLBinary.run(["generate", "--lake", lake.root.path, "--listings", "0",
                                           "--every", "1ms", "--ticks", "3", "--per-tick", "50"])
        #expect(ticks.status == 0, "\(ticks.stderr)")
        try refreshGold(lake.root)
        return lake
    }

    /// `REFRESH MATERIALIZED VIEW` of the three gold views.
    static func refreshGold(_ lake: URL) throws {
        let sql = ["listing_turnover", "turnover_by_segment", "turnover_by_make"]
            .map { "REFRESH MATERIALIZED VIEW gold.\($0);" }.joined(separator: "\n")
        let run = try LakeSQLBinary.run(["--lake", lake.path, "-c", sql])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// The rows of `sql`, read back through `--format json`.
    static func select(_ lake: URL, _ sql: String) throws -> [[String: Any]] {
        let run = try LakeSQLBinary.run(["--lake", lake.path, "--format", "json", "-c", sql])
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [] }
        let rows = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]]
        #expect(rows != nil, "not a JSON array of objects: \(text.prefix(200))")
        return rows ?? []
    }

    /// A row as one comparable string: columns in order, timestamps as microseconds,
    /// numbers as Doubles (so `111` and `111.0` agree), NULL marked.
    static func canonical(_ row: [String: Any], _ columns: [String]) -> String {
        columns.map { column -> String in
            switch row[column] {
            case let s as String: OracleTime.parse(s).map { "t\($0)" } ?? "s\(s)"
            case let n as NSNumber: "n\(n.doubleValue)"
            default: "NULL"
            }
        }.joined(separator: "|")
    }
}

// MARK: - Gold against the oracle

extension PipelineEndToEndTests {
    /// Checks the three gold tables against the oracle.
    static func expectGoldEqualsOracle(_ lake: URL, _ oracle: PipelineOracle) throws {
        var problems: [String] = []
        try compareListingTurnover(lake, oracle, &problems)
        try compareByMake(lake, oracle, &problems)
        try compareBySegment(lake, oracle, &problems)
        #expect(problems.isEmpty, "\(problems.count) differences, first: \(problems.prefix(12).joined(separator: "\n"))")
    }

    /// `round(x, digits)` of LakeSQL: half away from zero, on `x * 10^digits`.
    static func round(_ x: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// True when `gold` is the oracle's unrounded `raw` rounded to `digits`. LakeSQL may add
    /// up an average in another order (partial sums per batch and thread, merged), so its
    /// unrounded value can differ from ours in the last bits; when that value lies on a
    /// half-way point (turnover days are multiples of 1/86400 day, so x.x5 and x.xx5 do
    /// occur), the two can round to neighbours. Only then is the other neighbour accepted:
    /// `raw` nudged by 1e-9 either way must round to `gold`.
    static func roundedMatches(_ gold: Any?, _ raw: Double, _ digits: Int) -> Bool {
        guard let g = (gold as? NSNumber)?.doubleValue else { return false }
        return [raw, raw - 1e-9, raw + 1e-9].contains { abs(round($0, digits) - g) <= 1e-9 }
    }

    static func string(_ v: Any?) -> String? { v as? String }
    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }
    static func integer(_ v: Any?) -> Int64? { (v as? NSNumber)?.int64Value }

    /// Every row of `gold.listing_turnover` equals the oracle's `silver.turnover` row.
    static func compareListingTurnover(_ lake: URL, _ oracle: PipelineOracle, _ problems: inout [String]) throws {
        let gold = try select(lake, "SELECT * FROM gold.listing_turnover")
        let expected = oracle.turnover(PipelineOracle.listingTurnoverReads)
        if gold.count != expected.count {
            problems.append("listing_turnover: \(gold.count) rows, oracle \(expected.count)")
        }
        // Rows by listing, each listing's rows in one order (removal time, reason, region),
        // so a missing or extra row is reported alone.
        var goldById: [Int64: [[String: Any]]] = [:]
        for row in gold { goldById[integer(row["listing_id"]) ?? -1, default: []].append(row) }
        var oracleById: [Int64: [PipelineOracle.TurnoverRow]] = [:]
        for row in expected { oracleById[row.listingId, default: []].append(row) }
        func key(_ removed: Int64?, _ reason: String?, _ region: String?) -> String { "\(removed ?? -1)|\(reason ?? "")|\(region ?? "")" }
        var pairs: [([String: Any], PipelineOracle.TurnoverRow)] = []
        for id in Set(goldById.keys).union(oracleById.keys).sorted() {
            let g = (goldById[id] ?? []).sorted {
                key(string($0["removed_at"]).flatMap(OracleTime.parse), string($0["reason"]), string($0["region"]))
                    < key(string($1["removed_at"]).flatMap(OracleTime.parse), string($1["reason"]), string($1["region"]))
            }
            let o = (oracleById[id] ?? []).sorted { key($0.removedAt, $0.reason, $0.region) < key($1.removedAt, $1.reason, $1.region) }
            if g.count != o.count { problems.append("listing_turnover \(id): \(g.count) rows, oracle \(o.count)") }
            pairs += zip(g, o).map { ($0, $1) }
        }
        for (g, o) in pairs {
            var diffs: [String] = []
            if integer(g["listing_id"]) != o.listingId { diffs.append("listing_id \(g["listing_id"] ?? "nil")") }
            for (column, value) in [("make", o.make), ("model", o.model), ("region", o.region), ("fuel", o.fuel), ("reason", o.reason)]
            where string(g[column]) != value {
                diffs.append("\(column) \(string(g[column]) ?? "NULL") vs \(value ?? "NULL")")
            }
            for (column, value) in [("price", o.price), ("sale_price", o.salePrice)] {
                let v = number(g[column])
                if (v == nil) != (value == nil) || abs((v ?? 0) - (value ?? 0)) > 0.005 {
                    diffs.append("\(column) \(v.map { "\($0)" } ?? "NULL") vs \(value.map { "\($0)" } ?? "NULL")")
                }
            }
            if string(g["listed_at"]).flatMap(OracleTime.parse) != o.listedAt { diffs.append("listed_at \(g["listed_at"] ?? "nil") vs \(OracleTime.text(o.listedAt))") }
            if string(g["removed_at"]).flatMap(OracleTime.parse) != o.removedAt { diffs.append("removed_at \(g["removed_at"] ?? "nil") vs \(OracleTime.text(o.removedAt))") }
            if abs((number(g["turnover_days"]) ?? .nan) - o.turnoverDays) > 1e-9 || number(g["turnover_days"]) == nil {
                diffs.append("turnover_days \(g["turnover_days"] ?? "nil") vs \(o.turnoverDays)")
            }
            if integer(g["turnover_calendar_days"]) != o.calendarDays { diffs.append("turnover_calendar_days \(g["turnover_calendar_days"] ?? "nil") vs \(o.calendarDays)") }
            if !diffs.isEmpty { problems.append("listing_turnover \(o.listingId): " + diffs.joined(separator: ", ")) }
        }
    }

    /// `gold.turnover_by_make`: counts exactly, statistics rounded to one decimal.
    static func compareByMake(_ lake: URL, _ oracle: PipelineOracle, _ problems: inout [String]) throws {
        let gold = try select(lake, "SELECT * FROM gold.turnover_by_make")
        let expected = oracle.byMake()
        let goldMakes = gold.compactMap { string($0["make"]) }
        if goldMakes.count != gold.count || Set(goldMakes) != Set(expected.keys) || goldMakes.count != expected.count {
            problems.append("turnover_by_make: makes \(goldMakes.sorted()) vs oracle \(expected.keys.sorted())")
        }
        for g in gold {
            guard let make = string(g["make"]), let o = expected[make] else { continue }
            var diffs: [String] = []
            if integer(g["removed"]) != Int64(o.removed) { diffs.append("removed \(g["removed"] ?? "nil") vs \(o.removed)") }
            if integer(g["sold"]) != Int64(o.sold) { diffs.append("sold \(g["sold"] ?? "nil") vs \(o.sold)") }
            for (column, raw) in [("avg_days", o.stats.avg), ("median_days", o.stats.median), ("min_days", o.stats.min), ("max_days", o.stats.max)]
            where !roundedMatches(g[column], raw, 1) {
                diffs.append("\(column) \(g[column] ?? "nil") vs \(raw)")
            }
            if !diffs.isEmpty { problems.append("turnover_by_make \(make): " + diffs.joined(separator: ", ")) }
        }
    }

    /// `gold.turnover_by_segment`: the same groups (NULL keys included), counts exactly,
    /// statistics rounded to two decimals.
    static func compareBySegment(_ lake: URL, _ oracle: PipelineOracle, _ problems: inout [String]) throws {
        let gold = try select(lake, "SELECT * FROM gold.turnover_by_segment")
        let expected = oracle.bySegment()
        if gold.count != expected.count { problems.append("turnover_by_segment: \(gold.count) groups, oracle \(expected.count)") }
        var seen = Set<PipelineOracle.SegmentKey>()
        for g in gold {
            guard let month = string(g["month"]).flatMap(OracleTime.parse) else {
                problems.append("turnover_by_segment: month \(g["month"] ?? "nil")")
                continue
            }
            let key = PipelineOracle.SegmentKey(make: string(g["make"]), model: string(g["model"]), region: string(g["region"]), month: month)
            guard let o = expected[key], seen.insert(key).inserted else {
                problems.append("turnover_by_segment: unexpected or repeated group \(key)")
                continue
            }
            var diffs: [String] = []
            if integer(g["listings"]) != Int64(o.count) { diffs.append("listings \(g["listings"] ?? "nil") vs \(o.count)") }
            for (column, raw) in [("avg_days", o.avg), ("median_days", o.median), ("min_days", o.min), ("max_days", o.max)]
            where !roundedMatches(g[column], raw, 2) {
                diffs.append("\(column) \(g[column] ?? "nil") vs \(raw)")
            }
            if !diffs.isEmpty { problems.append("turnover_by_segment \(key): " + diffs.joined(separator: ", ")) }
        }
    }
}
