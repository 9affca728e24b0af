import ArgumentParser
import Diagnostics
import Engine
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `lakesql watch`: keeps the lake's materialized views fresh. Refreshes them at start and
/// again whenever the files under `<lake>/bronze/` change, one line per refreshed view.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Refresh the lake's materialized views whenever new bronze files arrive.",
        usage: """
            lakesql watch [--lake <dir>] [--every <duration>] [--views <name,...>] [--refreshes <n>]
            """,
        discussion: """
            --lake <dir> (given before or after 'watch') chooses the lake folder: default $LAKESQL_LAKE, else ./lake.

            At start, and then whenever the set of files under <lake>/bronze/ changes (names or sizes; \
            hidden temporary files, whose names start with '.', are ignored), runs \
            REFRESH MATERIALIZED VIEW for each watched view in the order SHOW TABLES lists them \
            (without --views: every materialized view the lake has at that moment, so views created \
            meanwhile join in). \
            The folders are polled every --every interval; a change is acted on once the folders \
            have stayed the same for a moment, so the files a generator writes together are refreshed together. \
            Each refresh prints one line: the time (UTC), the view, the status REFRESH returns \
            (rows written, incremental or full) and how long it took. A failing refresh prints one \
            error line to stderr (a JSON object with the time and the view under --error-format json) \
            and the watch goes on.

            The materialized views come from the pipeline's queries; create them first with
              lakesql --lake <dir> -f queries/01_bronze.sql -f queries/02_silver.sql -f queries/03_gold.sql

            To reproduce a streaming pipeline on one machine, run in one terminal
              lakesql --lake <dir> generate --listings 0 --every 10s
            and in another
              lakesql --lake <dir> watch
            Each tick of the generator writes new bronze files; the watch refreshes the gold views, \
            reading only the new files where a view allows it.

            Ctrl-C stops after the refresh in progress and exits 0.
            Exit codes: 0 success (or stopped by Ctrl-C), 1 the lake has no materialized views or cannot \
            be opened, or a refresh of the last round failed (with --refreshes), 64 bad usage.
            """)

    /// Options of the root command (only `--lake` and `--error-format` apply here).
    @OptionGroup(visibility: .private) var root: CommandOptions

    @Option(help: ArgumentHelp("How often to look for new bronze files (e.g. 2s, 500ms, 1m).", valueName: "duration"))
    var every: String = "2s"

    @Option(help: ArgumentHelp("Comma-separated materialized views to refresh (default: every one in the lake).", valueName: "names"))
    var views: String?

    @Option(help: ArgumentHelp("Stop after n rounds of refreshes (the first round included; default: until Ctrl-C).", valueName: "n"))
    var refreshes: Int?

    mutating func validate() throws {
        _ = try settings(environment: [:])
    }

    /// The checked settings; a `ValidationError` (exit 64) names the bad flag.
    func settings(environment: [String: String]) throws(ValidationError) -> WatchSettings {
        if !root.commands.isEmpty || !root.files.isEmpty { throw ValidationError("-c and -f do not apply to 'watch'") }
        guard let millis = GenerateSettings.parseDuration(every) else {
            throw ValidationError("--every must be a duration like 2s, 500ms or 1m, got '\(every)'")
        }
        if let refreshes, refreshes < 1 { throw ValidationError("--refreshes must be at least 1, got \(refreshes)") }
        var names: [String]?
        if let views {
            let list = views.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
            guard !list.isEmpty, !list.contains(where: \.isEmpty) else {
                throw ValidationError("--views must be a comma-separated list of view names, got '\(views)'")
            }
            names = list
        }
        return WatchSettings(lake: root.lakePath(environment: environment), everyMillis: millis, views: names,
                             rounds: refreshes, errorFormat: root.errorFormat)
    }

    mutating func run() throws {
        let settings = try settings(environment: ProcessInfo.processInfo.environment)
        let out = OutputSink.standardOutput(), err = OutputSink(fd: 2)
        guard FixedText.isFolder(settings.lake) else {
            err.write("lakesql watch: there is no lake at \(settings.lake); create one with 'lakesql --lake \(settings.lake) generate'\n")
            throw ExitCode(1)
        }
        let session: Session
        do { session = try Session(lake: settings.lake) } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        let found: [String]
        do { found = try WatchViews.materialized(in: session) } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        if found.isEmpty {
            err.write("""
                lakesql watch: the lake \(settings.lake) has no materialized views. Run the pipeline's queries first:
                  lakesql --lake \(settings.lake) -f queries/01_bronze.sql -f queries/02_silver.sql -f queries/03_gold.sql

                """)
            throw ExitCode(1)
        }
        let chosen: [String]
        switch WatchViews.select(settings.views, from: found) {
        case let .success(list): chosen = list
        case let .failure(problem):
            err.write("Error: \(problem.message)\n")
            throw ExitCode(64)
        }
        Interrupt.install(cancelling: session.cancellation)
        let watcher = WatchLoop(settings: settings, session: session, views: chosen, out: out, err: err)
        let code = watcher.run()
        if code != 0 { throw ExitCode(code) }
    }
}
