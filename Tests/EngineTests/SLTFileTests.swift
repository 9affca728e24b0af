// Runs every `.slt` conformance file under Tests/EngineTests/slt/, one test case per file,
// each on a fresh scratch lake holding a copy of Tests/EngineTests/lake-fixtures/.

import Foundation
import Testing

@Suite("SLT conformance files")
struct SLTFileTests {
    @Test("there are conformance files to run")
    func filesExist() {
        #expect(SLTFiles.all.count >= 40, "found \(SLTFiles.all.count) .slt files under \(SLTFiles.folder)")
    }

    @Test("every file parses, opens with a comment and has queries", arguments: SLTFiles.all)
    func parses(file: String) throws {
        let text = try String(contentsOfFile: SLTFiles.path(file), encoding: .utf8)
        #expect(text.hasPrefix("# "), "\(file) should open with a # comment saying what it covers")
        let records = try SLTParser.parse(text)
        #expect(records.contains { if case .query = $0.command { true } else { false } }, "\(file) has no query records")
    }

    @Test("slt file", arguments: SLTFiles.all)
    func run(file: String) throws {
        let lake = try ScratchLake()
        defer { lake.remove() }
        let db = try SessionDatabase(lake: lake.path)
        let report = SLTRunner.runFile(path: SLTFiles.path(file), display: "slt/" + file, on: db)
        let listing = report.failures.map(\.description).joined(separator: "\n")
        #expect(report.failed == 0, "\(report)\n\(listing)")
        #expect(report.passed > 0, "\(file) ran no records")
    }
}

/// A temporary lake folder seeded with the committed bronze fixtures.
struct ScratchLake {
    let path: String

    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("lake-fixtures").path
    }

    init() throws {
        path = NSTemporaryDirectory() + "lakesql-slt-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: ScratchLake.fixtures, toPath: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
