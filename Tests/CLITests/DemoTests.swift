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
