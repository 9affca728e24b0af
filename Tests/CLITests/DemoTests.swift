import Foundation
import Testing

/// `lakesql demo` end to end on a small sample: generate, run queries/, print gold.
@Suite struct DemoTests {
    @Test func demoRunsThePipelineAndIsRepeatable() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("demo-lake").path
        let queries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("queries").path
        let first = try LakeSQLBinary.run(["demo", "--lake", lake, "--listings", "3000", "--queries", queries])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Generating 3000 listings"))
        #expect(first.stdout.contains("Turnover by make"))
        #expect(first.stdout.contains("Toyota"))
        let gold = try FileManager.default.contentsOfDirectory(atPath: lake + "/gold/turnover_by_make")
        #expect(gold.contains { $0.hasSuffix(".parquet") })
        let second = try LakeSQLBinary.run(["demo", "--lake", lake, "--listings", "3000", "--queries", queries])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Using the sample data already"))
        func table(_ s: String) -> String {
            s.components(separatedBy: "Turnover by make").last?.components(separatedBy: "The lake is").first ?? ""
        }
        #expect(table(first.stdout) == table(second.stdout))
        // The gold table's numbers agree with a computation over the bronze files here.
        let check = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "--no-header", "-c",
            "SELECT sum(removed) FROM gold.turnover_by_make"])
        let removedLines = try FileManager.default.contentsOfDirectory(atPath: lake + "/bronze/removals")
            .filter { $0.hasSuffix(".json") }
            .map { try String(contentsOfFile: lake + "/bronze/removals/" + $0, encoding: .utf8) }
            .joined().split(separator: "\n").count
        let removed = Int(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(removed > 0 && removed <= removedLines)
    }
}

/// The gold tables are plain Parquet: DuckDB reads the files of their newest version and
/// gets the rows LakeSQL's own SELECT gives.
@Suite struct GoldInteropTests {
    @Test(.enabled(if: PythonTools.canImport("duckdb"), "needs python3 with duckdb (pip install duckdb)"))
    func duckdbReadsGoldParquet() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("lake").path
        let queries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("queries").path
        let demo = try LakeSQLBinary.run(["demo", "--lake", lake, "--listings", "2000", "--queries", queries])
        #expect(demo.status == 0, "\(demo.stderr)")
        let ours = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "--no-header", "-c",
            "SELECT make, removed, sold, avg_days, median_days FROM gold.turnover_by_make ORDER BY make"])
        let script = """
            import duckdb, json, os, sys
            root = sys.argv[1]
            log = os.path.join(root, "_log")
            newest = sorted(f for f in os.listdir(log) if f.endswith(".json"))[-1]
            files = [os.path.join(root, f["path"]) for f in json.load(open(os.path.join(log, newest)))["files"]]
            rows = duckdb.sql(f"SELECT make, removed, sold, avg_days, median_days FROM read_parquet({files!r}) ORDER BY make").fetchall()
            for r in rows:
                print(",".join("" if v is None else (repr(v) if isinstance(v, float) and v != int(v) else str(int(v)) if isinstance(v, float) else str(v)) for v in r))
            """
        let theirs = try PythonTools.run(["-c", script, lake + "/gold/turnover_by_make"])
        #expect(theirs.status == 0, "\(theirs.output)")
        #expect(!ours.stdout.isEmpty)
        #expect(theirs.output == ours.stdout)
    }
}
