// Runs part of SQLite's public sqllogictest corpus (select1.test and evidence/*.test) in
// place from ../shared/slt beside the checkout, and checks the pass rates.

import Foundation
import Testing

/// Least share of select1.test's records that must pass.
private let select1MinimumPassRate = 0.99
/// Least share of the non-skipped records of evidence/*.test that must pass.
private let evidenceMinimumPassRate = 0.95

@Suite("SQLite sqllogictest corpus")
struct SQLiteCorpusTests {
    @Test(
        "select1.test and evidence/*.test pass rates",
        .enabled(if: SQLiteCorpus.isPresent, "../shared/slt (SQLite's sqllogictest corpus) is absent beside the checkout")
    )
    func corpus() throws {
        guard let folder = SQLiteCorpus.folder else { return }
        var reports: [SLTFileReport] = []
        for file in SQLiteCorpus.select1 + SQLiteCorpus.evidence {
            let db = try SessionDatabase()
            let report = SLTRunner.runFile(path: folder + "/" + file, display: file, on: db)
            print("sqllogictest " + report.description)
            reports.append(report)
        }
        let total = reports.reduce(SLTFileReport(file: "total")) { sum, r in
            var s = sum
            s.passed += r.passed
            s.failed += r.failed
            s.skipped += r.skipped
            return s
        }
        print("sqllogictest " + total.description)
        writeFailures(reports)

        let select1 = reports.filter { $0.file == "select1.test" }
        #expect(!select1.isEmpty, "select1.test is missing from \(folder)")
        for r in select1 {
            let records = r.passed + r.failed + r.skipped
            let rate = records == 0 ? 0 : Double(r.passed) / Double(records)
            #expect(rate >= select1MinimumPassRate, "\(r); failures in \(SQLiteCorpus.failureLog)")
        }
        let evidence = reports.filter { $0.file.hasPrefix("evidence/") }
        let passed = evidence.reduce(0) { $0 + $1.passed }
        let run = evidence.reduce(0) { $0 + $1.run }
        let rate = run == 0 ? 0 : Double(passed) / Double(run)
        #expect(!evidence.isEmpty, "no evidence/*.test files in \(folder)")
        #expect(rate >= evidenceMinimumPassRate, "evidence: \(passed) of \(run) passed; failures in \(SQLiteCorpus.failureLog)")
    }

    /// Writes every failing record (file:line, SQL, error) for debugging.
    private func writeFailures(_ reports: [SLTFileReport]) {
        var text = ""
        for r in reports {
            text += "== \(r)\n"
            for f in r.failures { text += f.description + "\n\n" }
        }
        try? text.write(toFile: SQLiteCorpus.failureLog, atomically: true, encoding: .utf8)
        print("sqllogictest failures written to \(SQLiteCorpus.failureLog)")
    }
}
