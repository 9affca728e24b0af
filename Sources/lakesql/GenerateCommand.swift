import ArgumentParser
import Diagnostics
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `lakesql generate`: writes realistic used-car marketplace data as newline-delimited
/// JSON into the lake's bronze folders, once or as a stream of ticks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write used-car marketplace data (listings, removals, dealers) as JSON into <lake>/bronze/.",
        usage: """
            lakesql generate [--lake <dir>] [--seed <n>] [--listings <n>] [--files <k>] [--dealers <n>] [--dirty <rate>]
                             [--every <duration> [--ticks <k>] [--per-tick <n>]] [--start <date>]
            """,
        discussion: """
            --lake <dir> (given before or after 'generate') chooses the lake folder: default $LAKESQL_LAKE, else ./lake.

            Writes <lake>/bronze/listings/, bronze/removals/ and bronze/dealers/ as part-NNNNN.json files, \
            replacing files an earlier run generated there (unless --listings 0). Every file is written \
            to a hidden temporary name and renamed, so readers never see half a file. The same seed and \
            flags always give the same bytes.

            Listings spread over one year from --start; the batch is a snapshot at the end of that year: \
            removals (sold, withdrawn, expired; 1-180 days after listing) that happen later are not written yet.

            With --every, after the batch every interval writes one tick-<yyyyMMdd-HHmmss>-<tick>.json file \
            per feed with --per-tick new listings, removals of earlier live listings and now and then a new \
            dealer (the dealers file may be empty), until --ticks ticks \
            or Ctrl-C (which finishes the current file and exits 0). Simulated time advances by the interval \
            (at least one second) per tick.

            Exit codes: 0 success, 1 a file could not be written, 64 bad usage.
            """)

    /// Options of the root command (only `--lake` applies here; the root parser consumes them).
    @OptionGroup(visibility: .private) var root: CommandOptions

    @Option(help: ArgumentHelp("Seed of every random choice.", valueName: "n"))
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Listings in the initial batch (0: no batch, stream only).", valueName: "n"))
    var listings: Int = 50_000

    @Option(help: ArgumentHelp("Files per feed in the initial batch.", valueName: "k"))
    var files: Int = 10

    @Option(help: ArgumentHelp("Dealers in the initial batch.", valueName: "n"))
    var dealers: Int = 200

    @Option(help: ArgumentHelp("Share of records (0..1) given a realistic fault: missing field, null, quoted number, unknown field, wrong type, out-of-range value, malformed line, timestamp variant, CRLF. Counts go to stderr.", valueName: "rate"))
    var dirty: Double = 0

    @Option(help: ArgumentHelp("Stream mode: write one file per feed every interval (e.g. 10s, 500ms, 1m).", valueName: "duration"))
    var every: String?

    @Option(help: ArgumentHelp("Stream mode: stop after k ticks (default: until Ctrl-C).", valueName: "k"))
    var ticks: Int?

    @Option(name: .customLong("per-tick"), help: ArgumentHelp("Stream mode: new listings per tick (default 5).", valueName: "n"))
    var perTick: Int?

    @Option(help: ArgumentHelp("First day of the listing window (YYYY-MM-DD).", valueName: "date"))
    var start: String = "2024-01-01"

    mutating func validate() throws {
        _ = try settings(environment: [:])
    }

    /// The checked settings; a `ValidationError` (exit 64) names the bad flag.
    func settings(environment: [String: String]) throws(ValidationError) -> GenerateSettings {
        if !root.commands.isEmpty || !root.files.isEmpty { throw ValidationError("-c and -f do not apply to 'generate'") }
        guard listings >= 0, listings <= 100_000_000 else { throw ValidationError("--listings must be between 0 and 100000000, got \(listings)") }
        guard files >= 1, files <= 100_000 else { throw ValidationError("--files must be between 1 and 100000, got \(files)") }
        guard dealers >= 1, dealers <= 10_000_000 else { throw ValidationError("--dealers must be between 1 and 10000000, got \(dealers)") }
        guard dirty >= 0, dirty <= 1 else { throw ValidationError("--dirty must be a rate between 0 and 1, got \(dirty)") }
        guard let startSeconds = GenerateClock.parseDate(start) else {
            throw ValidationError("--start must be a date like 2024-01-01, got '\(start)'")
        }
        var everyMillis: Int?
        if let every {
            guard let millis = GenerateSettings.parseDuration(every) else {
                throw ValidationError("--every must be a duration like 10s, 500ms or 1m, got '\(every)'")
            }
            everyMillis = millis
        } else if ticks != nil || perTick != nil {
            throw ValidationError("--ticks and --per-tick need --every")
        }
        if let ticks, ticks < 1 { throw ValidationError("--ticks must be at least 1, got \(ticks)") }
        if let perTick, perTick < 1 || perTick > 1_000_000 { throw ValidationError("--per-tick must be between 1 and 1000000, got \(perTick)") }
        return GenerateSettings(lake: root.lakePath(environment: environment), seed: seed, listings: listings, files: files,
                                dealers: dealers, dirty: dirty, everyMillis: everyMillis, ticks: ticks, perTick: perTick ?? 5,
                                start: startSeconds)
    }

    mutating func run() throws {
        let err = OutputSink(fd: 2)
        let settings = try settings(environment: ProcessInfo.processInfo.environment)
        let output = GenerateOutput(lake: settings.lake)
        let out = OutputSink.standardOutput()
        GenerateInterrupt.install()
        var state: GenerateState
        do {
            try output.prepare(replace: settings.listings > 0)
            if settings.listings == 0, settings.everyMillis != nil, let resumed = try GenerateResume.load(output: output) {
                state = resumed
            } else {
                state = try GenerateBatch(settings: settings, output: output).run()
            }
            if settings.everyMillis != nil && !GenerateInterrupt.raised {
                try GenerateTicker(settings: settings, output: output, out: out).run(&state)
            }
        } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        if settings.dirty > 0 { err.write(state.faults.report(feeds: GenerateOutput.feeds)) }
        out.write(state.summary(lake: settings.lake))
    }
}
