import ArgumentParser
import Diagnostics
import Engine
import Formats
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `lakesql demo`: the whole pipeline on a sample lake in one command. Generates about
/// 50,000 listings into ./demo-lake (once), runs queries/ from bronze to gold, and prints
/// the gold turnover-by-make table and where everything is.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the bronze → silver → gold pipeline of queries/ on a generated sample lake (./demo-lake).",
        discussion: """
            The first run generates used-car data (--listings, default 50000, seed 42) into \
            <lake>/bronze/; later runs reuse it. Then every queries/NN_*.sql file runs in order, \
            the gold materialized views are refreshed, and the turnover by make is printed. \
            The lake is --lake when given, else ./demo-lake.
            """)

    @OptionGroup(visibility: .private) var root: CommandOptions

    @Option(help: ArgumentHelp("Listings to generate on the first run.", valueName: "n"))
    var listings: Int = 50_000

    @Option(help: ArgumentHelp("Folder holding the pipeline's NN_*.sql files (default: queries/ here or beside the build).", valueName: "dir"))
    var queries: String?

    mutating func validate() throws {
        guard listings >= 1, listings <= 10_000_000 else { throw ValidationError("--listings must be between 1 and 10000000, got \(listings)") }
    }

    mutating func run() throws {
        let out = OutputSink.standardOutput(), err = OutputSink(fd: 2)
        let lake = root.lake ?? "./demo-lake"
        let start = Date()
        guard let folder = DemoCommand.queriesFolder(queries) else {
            err.write("Error: cannot find the queries/ folder; run from the repository or give --queries DIR\n")
            throw ExitCode(64)
        }
        let listingsFolder = PathText.join(lake, "bronze/listings")
        if FileSystemCheck.isEmpty(listingsFolder) {
            out.write("Generating \(listings) listings into \(lake)/bronze/ ...\n")
            let settings = GenerateSettings(lake: lake, seed: 42, listings: listings, files: 10, dealers: 200, dirty: 0.002,
                                            everyMillis: nil, ticks: nil, perTick: 5, start: GenerateClock.parseDate("2024-01-01") ?? 0)
            do {
                let output = GenerateOutput(lake: lake)
                try output.prepare(replace: true)
                _ = try GenerateBatch(settings: settings, output: output).run()
            } catch {
                err.write(ErrorRenderer.render(error) + "\n")
                throw ExitCode(1)
            }
        } else {
            out.write("Using the sample data already in \(lake)/bronze/.\n")
        }
        let session: Session
        do { session = try Session(lake: lake) } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        var warnings: [String] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".sql") }.sorted() ?? []
        for file in files {
            let path = PathText.join(folder, file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let t0 = Date()
            var count = 0
            for piece in Script.split(text) {
                do {
                    _ = try session.execute(piece.text)
                    count += 1
                    warnings = session.lastStatementMessages.isEmpty ? warnings : session.lastStatementMessages
                } catch {
                    err.write(ErrorRenderer.render(error, sql: piece.text, lineOffset: piece.line - 1, origin: "\(file):\(piece.line)") + "\n")
                    throw ExitCode(1)
                }
            }
            out.write("  \(file)  \(count) statements  \(FixedText.fixed(Date().timeIntervalSince(t0), 2)) s\n")
        }
        out.write("\nTurnover by make (days from listing to removal), from gold.turnover_by_make:\n")
        do {
            if case let .rows(result) = try session.execute("SELECT * FROM gold.turnover_by_make ORDER BY median_days, make") {
                TablePrinter(options: PrintOptions(), style: .duckbox).print(result, to: out)
            }
        } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        for w in warnings { out.write("Data quality: \(w)\n") }
        let shown = PathText.standardized(lake)
        out.write("""

            The lake is \(shown):
              bronze/   raw JSON written by the generator (listings, removals, dealers)
              gold/     materialized views as Parquet files plus a commit log, e.g. gold/turnover_by_make/
              _catalog/ one .sql file per table and view
            Done in \(FixedText.fixed(Date().timeIntervalSince(start), 1)) s. Explore it:
              swift run -c release lakesql --lake \(lake)
              lakesql> SHOW TABLES;
              lakesql> SELECT * FROM gold.turnover_by_segment ORDER BY listings DESC LIMIT 10;
            More queries are in queries/examples/ (run one with: lakesql --lake \(lake) -f queries/examples/fastest_selling_models.sql).

            """)
    }

    /// The pipeline folder: --queries, ./queries, or queries/ above the executable's build folder.
    static func queriesFolder(_ given: String?) -> String? {
        var candidates: [String] = []
        if let given { candidates.append(given) }
        candidates.append("queries")
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("queries").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { path in
            FixedText.isFolder(path) && FixedText.exists(PathText.join(path, "01_bronze.sql"))
        }
    }
}

/// Small file-system questions of the CLI.
enum FileSystemCheck {
    /// True when the folder is missing or holds no visible file.
    static func isEmpty(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return !names.contains { !$0.hasPrefix(".") }
    }
}
