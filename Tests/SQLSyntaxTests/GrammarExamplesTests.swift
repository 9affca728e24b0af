import Testing
import Foundation
@testable import SQLSyntax

/// Every statement of every file in grammar/examples parses, and prints back to SQL that parses
/// to the same tree.
@Suite("GrammarExamples")
struct GrammarExamplesTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("grammar/examples")

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted()
    }

    static func read(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func examplesExist() {
        #expect(Self.files.count >= 15)
    }

    @Test(arguments: files)
    func parses(file: String) throws {
        let sql = try Self.read(file)
        for piece in StatementSplitter.split(sql) {
            do {
                _ = try SQLParser.parseOne(piece.text)
            } catch {
                Issue.record("\(file):\(piece.line): \(error)\n\(piece.text)")
            }
        }
    }

    @Test(arguments: files)
    func roundTrips(file: String) throws {
        let sql = try Self.read(file)
        for piece in StatementSplitter.split(sql) {
            guard let parsed = try? SQLParser.parseOne(piece.text) else { continue }
            let printed = SQLPrinter.statement(parsed.statement)
            do {
                let reparsed = try SQLParser.parseOne(printed)
                #expect(TestSupport.shape(reparsed.statement) == TestSupport.shape(parsed.statement),
                        "\(file):\(piece.line): printed as \(printed)")
                #expect(SQLPrinter.statement(reparsed.statement) == printed)
            } catch {
                Issue.record("\(file):\(piece.line): printed text does not parse: \(error)\n\(printed)")
            }
        }
    }

    /// Every statement of the examples, for other suites.
    static func allStatements() -> [String] {
        files.flatMap { file in ((try? read(file)).map(StatementSplitter.split) ?? []).map(\.text) }
    }
}
