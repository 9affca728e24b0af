import Foundation
import Testing

/// Stream mode on a lake that already has a batch continues from its files.
@Suite struct GenerateResumeTests {
    @Test func streamAfterABatchContinuesIdsAndTime() throws {
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("lake").path
        #expect(try LakeSQLBinary.run(["--lake", lake, "generate", "--listings", "200", "--files", "2"]).status == 0)
        let stream = try LakeSQLBinary.run(["--lake", lake, "generate", "--listings", "0", "--every", "10ms", "--ticks", "2", "--per-tick", "3"])
        #expect(stream.status == 0, "\(stream.stderr)")
        let queries = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("queries/01_bronze.sql").path
        let check = try LakeSQLBinary.run(["--lake", lake, "--format", "csv", "--no-header", "-f", queries, "-c",
            """
            SELECT count(*), count(DISTINCT listing_id), max(listing_id),
                   (SELECT count(*) FROM bronze.removals r LEFT JOIN bronze.listings l USING (listing_id)
                    WHERE l.listing_id IS NULL OR r.removed_at < l.listed_at),
                   (SELECT count(*) - count(DISTINCT dealer_id) FROM bronze.dealers)
            FROM bronze.listings
            """])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "206,206,100206,0,0")
    }
}
