import ArgumentParser
import Diagnostics
import Engine
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `lakesql`: runs SQL over a JSON data lake from the command line, from scripts,
/// from a pipe, or interactively.
@main
struct LakeSQLCommand: ParsableCommand {
    /// The version `--version` prints.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "lakesql",
        abstract: "A SQL query engine for JSON data lakes.",
        usage: """
            lakesql [--lake <dir>] [-c <sql> ...] [-f <file> ...] [--format <format>] [<options>]
            lakesql generate [--lake <dir>] [<generate-options>]
            lakesql watch [--lake <dir>] [<watch-options>]
            """,
        discussion: """
            Runs the -c and -f arguments in command-line order. Without them, reads SQL from \
            stdin when it is piped, or starts an interactive prompt on a terminal.
            Exit codes: 0 success, 1 a statement failed, 2 a data error (FAILFAST), 64 bad usage, 130 interrupted.
            """,
        version: "lakesql \(LakeSQLCommand.version)",
        subcommands: [GenerateCommand.self, DemoCommand.self, WatchCommand.self])

    @OptionGroup var options: CommandOptions

    /// Plain batch runs (`--lake <dir>`, `-c <sql>` and `-f <file>`, nothing else) start
    /// without the general argument parser, which costs a few milliseconds at every start
    /// (scripts and notebooks start lakesql once per query); any other command line goes
    /// through it as usual.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let options = CommandOptions.plainBatch(arguments) {
            let code = CommandMain(options: options, environment: ProcessInfo.processInfo.environment).run()
            Glibc.exit(code)
        }
        main(arguments)
    }

    mutating func run() throws {
        let code = CommandMain(options: options, environment: ProcessInfo.processInfo.environment).run()
        if code != 0 { throw ExitCode(code) }
    }
}
