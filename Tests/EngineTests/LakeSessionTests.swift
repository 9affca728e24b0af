import Columnar
import Diagnostics
import Engine
import Foundation
import Testing

/// Sessions on a real lake folder: what one session creates, another sees.
@Suite struct LakeSessionTests {
    func lake() -> String {
        let path = NSTemporaryDirectory() + "lakesql-session-\(UInt64.random(in: 0...UInt64.max))"
        return path
    }

    func rows(_ s: Session, _ sql: String) throws -> [[Value]] {
        guard case let .rows(r) = try s.execute(sql) else { return [] }
        return r.rows
    }

    @Test func materializedViewsOrderAfterTheViewsTheyRead() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE SCHEMA gold")
        _ = try s.execute("CREATE TABLE gold.t AS SELECT * FROM range(10)")
        _ = try s.execute("CREATE MATERIALIZED VIEW gold.z_detail AS SELECT range AS n FROM gold.t")
        _ = try s.execute("CREATE MATERIALIZED VIEW gold.a_summary AS SELECT count(*) AS c FROM gold.z_detail")
        _ = try s.execute("CREATE MATERIALIZED VIEW gold.m_other AS SELECT max(range) AS m FROM gold.t")
        #expect(s.dependencyOrder(ofMaterialized: ["gold.a_summary", "gold.m_other", "gold.z_detail"])
                == ["gold.z_detail", "gold.a_summary", "gold.m_other"])
    }

    /// A view keeping MEDIAN values whose listed values files went missing (a refresh cut
    /// short, files removed by hand) is refreshed in full, and says why, instead of failing.
    /// A median view whose kept values `damage` spoils (given the values folder): the next
    /// refresh is full, naming `reason`, gives the query's medians, and the one after is
    /// incremental again.
    func medianViewRecovers(from damage: (String) throws -> Void, reason: String) throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE SCHEMA gold")
        _ = try s.execute("CREATE TABLE t AS SELECT range % 3 AS g, range AS v FROM range(10)")
        _ = try s.execute("CREATE MATERIALIZED VIEW gold.m AS SELECT g, median(v) AS med FROM t GROUP BY g")
        try damage(dir + "/gold/m/_state/values")
        _ = try s.execute("INSERT INTO t VALUES (1, 100)")
        let explain = try rows(s, "EXPLAIN REFRESH MATERIALIZED VIEW gold.m").map { "\($0)" }.joined()
        #expect(explain.contains(reason), "\(explain)")
        _ = try s.execute("REFRESH MATERIALIZED VIEW gold.m")
        #expect(try rows(s, "SELECT med FROM gold.m WHERE g = 1") == [[.double(5.5)]])
        _ = try s.execute("INSERT INTO t VALUES (1, 200)")
        let again = try rows(s, "EXPLAIN REFRESH MATERIALIZED VIEW gold.m").map { "\($0)" }.joined()
        #expect(again.contains("Refresh: incremental"), "\(again)")
        _ = try s.execute("REFRESH MATERIALIZED VIEW gold.m")
        #expect(try rows(s, "SELECT med FROM gold.m WHERE g = 1") == [[.double(7)]])
    }

    @Test func missingMedianValuesMakeTheRefreshFull() throws {
        try medianViewRecovers(from: { values in
            for f in try FileManager.default.contentsOfDirectory(atPath: values) where f.hasPrefix("part-") {
                try FileManager.default.removeItem(atPath: values + "/" + f)
            }
            // The commit still lists the file: drop the commits so the values table looks empty.
            try FileManager.default.removeItem(atPath: values + "/_log")
        }, reason: "MEDIAN values are incomplete")
    }

    @Test func removedBronzeFilesLoseTheirKeyIndexes() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (feed, files) in [("l", 3), ("r", 1)] {
            try FileManager.default.createDirectory(atPath: dir + "/bronze/\(feed)", withIntermediateDirectories: true)
            for k in 0..<files {
                let text = (0..<4).map { "{\"id\": \(k * 4 + $0), \"v\": \($0)}" }.joined(separator: "\n") + "\n"
                try text.write(toFile: dir + "/bronze/\(feed)/part-\(k).json", atomically: false, encoding: .utf8)
            }
        }
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE TABLE l (id BIGINT, v INT) USING JSON LOCATION 'bronze/l'")
        _ = try s.execute("CREATE TABLE r (id BIGINT, v INT) USING JSON LOCATION 'bronze/r'")
        _ = try s.execute("CREATE MATERIALIZED VIEW j AS SELECT l.id, l.v + r.v AS w FROM l JOIN r ON l.id = r.id")
        func indexes() -> Int {
            let root = dir + "/_index"
            return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).reduce(0) { n, column in
                n + ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + column)) ?? []).filter { $0.hasSuffix(".idx") }.count
            }
        }
        // The full refresh indexed every bronze file it joined.
        #expect(indexes() == 4)
        // A new file is indexed by the incremental refresh that first reads it.
        try "{\"id\": 12, \"v\": 1}\n".write(toFile: dir + "/bronze/l/part-3.json", atomically: false, encoding: .utf8)
        _ = try s.execute("REFRESH MATERIALIZED VIEW j")
        #expect(indexes() == 5)
        try FileManager.default.removeItem(atPath: dir + "/bronze/l/part-3.json")
        try FileManager.default.removeItem(atPath: dir + "/bronze/l/part-2.json")
        _ = try s.execute("REFRESH MATERIALIZED VIEW j")
        #expect(indexes() == 3)
        #expect(try rows(s, "SELECT count(*) FROM j") == [[.int(4)]])
    }

    @Test func aTableEveryTermJoinsIsReadOncePerRefresh() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for feed in ["l", "r", "d"] { try FileManager.default.createDirectory(atPath: dir + "/bronze/\(feed)", withIntermediateDirectories: true) }
        func write(_ feed: String, _ name: String, _ lines: [String]) throws {
            try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/bronze/\(feed)/\(name).json", atomically: false, encoding: .utf8)
        }
        try write("l", "part-0", (0..<6).map { "{\"id\": \($0), \"d\": \($0 % 3)}" })
        try write("r", "part-0", (0..<3).map { "{\"id\": \($0), \"v\": \($0 * 10)}" })
        // One bad dealer record: counted once per read of the dealers.
        try write("d", "part-0", ["{\"d\": 0, \"name\": \"a\"}", "{\"d\": 1, \"name\": \"b\"}", "{\"d\": oops}"])
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE TABLE l (id BIGINT, d BIGINT) USING JSON LOCATION 'bronze/l'")
        _ = try s.execute("CREATE TABLE r (id BIGINT, v BIGINT) USING JSON LOCATION 'bronze/r'")
        _ = try s.execute("CREATE TABLE d (d BIGINT, name VARCHAR) USING JSON LOCATION 'bronze/d'")
        let query = "SELECT l.id, r.v, dd.name FROM l JOIN r ON r.id = l.id LEFT JOIN d dd ON dd.d = l.d"
        _ = try s.execute("CREATE MATERIALIZED VIEW j AS " + query)
        // New rows on both inner sides: two terms, each joining the dealers.
        try write("l", "part-1", ["{\"id\": 6, \"d\": 1}", "{\"id\": 7, \"d\": 2}"])
        try write("r", "part-1", ["{\"id\": 4, \"v\": 40}", "{\"id\": 6, \"v\": 60}", "{\"id\": 7, \"v\": 70}"])
        guard case let .status(status) = try s.execute("REFRESH MATERIALIZED VIEW j") else {
            Issue.record("expected a status")
            return
        }
        #expect(status.contains("incremental, 2 new files"), "\(status)")
        #expect(s.lastStatementMessages == ["1 bad record in d; see SELECT * FROM bad_records('d')"], "\(s.lastStatementMessages)")
        let stored = try rows(s, "SELECT * FROM j").map { "\($0)" }.sorted()
        #expect(stored == (try rows(s, query)).map { "\($0)" }.sorted())
        #expect(stored.count == 6)
        // Files are indexed on the key their lookups use: l and r on id (l's innermost
        // join), new files included; d, only ever joined to a join's rows, not at all.
        let indexed = try FileManager.default.contentsOfDirectory(atPath: dir + "/_index")
        #expect(indexed == ["id"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/_index/id").filter { $0.hasSuffix(".idx") }.count == 4)
    }

    @Test func damagedMedianValuesMakeTheRefreshFull() throws {
        try medianViewRecovers(from: { values in
            for f in try FileManager.default.contentsOfDirectory(atPath: values) where f.hasPrefix("part-") {
                // Cut the run short: its header promises more than the file holds.
                let path = values + "/" + f
                let bytes = try #require(FileManager.default.contents(atPath: path))
                try bytes.prefix(bytes.count - 20).write(to: URL(fileURLWithPath: path))
            }
        }, reason: "MEDIAN values are damaged")
    }

    /// Many small refreshes (more than the runs kept at once, so runs are merged) of
    /// adversarial values: the view's medians stay bit for bit those of its query.
    @Test func manyIncrementalRefreshesKeepMediansExact() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE SCHEMA gold")
        _ = try s.execute("CREATE TABLE t (g INT, h STRING, v DOUBLE, w DOUBLE)")
        _ = try s.execute("INSERT INTO t VALUES (0, 'a', 1, 1)")
        let query = "SELECT g, h, median(v) AS mv, median(w) FILTER (WHERE v > 0) AS mw, count(*) AS n, sum(v) AS sv, min(h) AS lo FROM t GROUP BY g, h"
        _ = try s.execute("CREATE MATERIALIZED VIEW gold.m AS \(query)")
        let pool = ["0.0", "-0.0", "-1.5", "2", "2", "1e300", "-7.25", "NULL", "3"]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0..<14 {
            let rows = (0..<(round % 3 == 0 ? 40 : 7)).map { _ in
                "(\(next(6)), '\(["a", "b"][next(2)])', \(pool[next(pool.count)]), \(pool[next(pool.count)]))"
            }
            _ = try s.execute("INSERT INTO t VALUES " + rows.joined(separator: ", "))
            guard case let .status(status) = try s.execute("REFRESH MATERIALIZED VIEW gold.m") else {
                Issue.record("REFRESH gave no status")
                return
            }
            #expect(status.contains("incremental"), "\(status)")
            let view = try self.rows(s, "SELECT * FROM gold.m ORDER BY g, h")
            let fresh = try self.rows(s, query + " ORDER BY g, h")
            #expect(view.count == fresh.count)
            for (a, b) in zip(view, fresh) {
                #expect(a.map(\.bits) == b.map(\.bits), "round \(round): \(a) vs \(b)")
            }
            // The kept values are a few sorted runs, never one per refresh.
            let log = dir + "/gold/m/_state/_log"
            let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: log).filter { $0.hasSuffix(".json") }.max())
            let commit = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: log + "/" + newest))) as? [String: Any]
            let listed = try #require((commit?["properties"] as? [String: String])?["median_values"])
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [String])
            #expect(runs.count >= 1 && runs.count <= 8, "round \(round): \(runs.count) runs")
            if round >= 9 { #expect(runs.count < round, "round \(round): \(runs.count) runs") }
        }
    }

    @Test func tablesAndViewsPersistAcrossSessions() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try Session(lake: dir)
        _ = try a.execute("CREATE SCHEMA gold")
        _ = try a.execute("CREATE TABLE gold.sales (id BIGINT, price DECIMAL(10,2), sold DATE)")
        _ = try a.execute("INSERT INTO gold.sales VALUES (1, 10.50, DATE '2024-01-02'), (2, 3.25, NULL)")
        _ = try a.execute("CREATE VIEW gold.expensive AS SELECT id FROM gold.sales WHERE price > 5")
        let b = try Session(lake: dir)
        #expect(try rows(b, "SELECT * FROM gold.expensive") == [[.int(1)]])
        #expect(try rows(b, "SELECT sum(price) FROM gold.sales") == [[.decimal(1375, scale: 2)]])
        #expect(try rows(b, "SHOW TABLES").count == 2)
        // A change by one session is seen by the other at its next statement.
        _ = try b.execute("INSERT INTO gold.sales VALUES (3, 99.00, NULL)")
        #expect(try rows(a, "SELECT count(*) FROM gold.expensive") == [[.int(2)]])
        let create = try rows(a, "SHOW CREATE TABLE gold.sales")
        #expect(create.first?.first?.stringValue?.contains("DECIMAL(10, 2)") == true)
        _ = try a.execute("DROP TABLE gold.sales")
        #expect(!FileManager.default.fileExists(atPath: dir + "/gold/sales"))
        #expect(throws: SQLError.self) { try b.execute("SELECT * FROM gold.sales") }
    }

    @Test func aDamagedCatalogFileIsNamedAndOthersStillWork() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try Session(lake: dir)
        _ = try a.execute("CREATE TABLE good AS SELECT 1 AS x")
        _ = try a.execute("CREATE VIEW bad AS SELECT 2 AS y")
        try Data("CREATE VIEW bad AS SELEC 2".utf8).write(to: URL(fileURLWithPath: dir + "/_catalog/main.bad.sql"))
        let b = try Session(lake: dir)
        #expect(try rows(b, "SELECT x FROM good") == [[.int(1)]])
        do {
            _ = try b.execute("SELECT * FROM bad")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("_catalog/main.bad.sql"))
        }
    }

    @Test func ctasAndUpdatesCommitNewVersions() throws {
        let dir = lake()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Session(lake: dir)
        _ = try s.execute("CREATE TABLE t AS SELECT range AS id, range % 3 AS g FROM range(10)")
        _ = try s.execute("UPDATE t SET g = 9 WHERE id < 2")
        _ = try s.execute("DELETE FROM t WHERE id = 9")
        #expect(try rows(s, "SELECT count(*), sum(g) FROM t") == [[.int(9), .int(9 + 9 + 2 + 0 + 1 + 2 + 0 + 1 + 2)]])
        let log = try FileManager.default.contentsOfDirectory(atPath: dir + "/main/t/_log").filter { $0.hasSuffix(".json") }
        #expect(log.count == 4)  // CREATE, CREATE TABLE AS, UPDATE, DELETE
    }
}

extension Value {
    /// The value with DOUBLEs as bit patterns, so -0.0 and 0.0 differ.
    fileprivate var bits: String {
        if case let .double(d) = self { return "double \(d.bitPattern)" }
        return "\(self)"
    }
}
