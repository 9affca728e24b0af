import ArgumentParser
import Diagnostics
import Engine
import Foundation

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
            """,
        discussion: """
            Runs the -c and -f arguments in command-line order. Without them, reads SQL from \
            stdin when it is piped, or starts an interactive prompt on a terminal.
            Exit codes: 0 success, 1 a statement failed, 64 bad usage, 130 interrupted.
            """,
        version: "lakesql \(LakeSQLCommand.version)",
        subcommands: [GenerateCommand.self, DemoCommand.self])

    @OptionGroup var options: CommandOptions

    mutating func run() throws {
        Terminal.exitOnInterrupt()
        Terminal.tuneAllocator()
        let environment = ProcessInfo.processInfo.environment
        let sources = InputSource.ordered(commands: options.commands, files: options.files,
                                          arguments: Array(CommandLine.arguments.dropFirst()))
        let err = OutputSink(fd: 2)
        var inputs: [BatchRunner.Input] = []
        for source in sources {
            switch source {
            case let .command(sql): inputs.append(.init(text: sql, name: "-c"))
            case let .file(path):
                do {
                    inputs.append(.init(text: try ScriptReader.read(path), name: path == "-" ? "<stdin>" : path))
                } catch {
                    err.write("lakesql: \(error.message)\n")
                    throw ExitCode(64)
                }
            }
        }
        let interactive = sources.isEmpty && Terminal.isTerminal(0)
        if sources.isEmpty && !interactive {
            inputs.append(.init(text: ScriptReader.readStandardInput(), name: "<stdin>"))
        }
        let out = OutputSink.standardOutput()
        let session: Session
        do {
            session = try Session(lake: options.lakePath(environment: environment))
        } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            throw ExitCode(1)
        }
        let runner = StatementRunner(session: session, printer: options.format.printer(options: printOptions(interactive: interactive)),
                                     out: out, err: err, echo: options.echo)
        if interactive {
            Repl(runner: runner, historyPath: Repl.historyPath(environment: environment)).run()
            return
        }
        if !BatchRunner(runner: runner, bail: options.bail).run(inputs) { throw ExitCode(1) }
    }

    /// Printer settings from the options and the terminal.
    func printOptions(interactive: Bool) -> PrintOptions {
        var p = PrintOptions()
        p.header = !options.noHeader
        p.nullText = options.nullText ?? options.format.defaultNullText
        p.maxWidth = Terminal.width(1)
        if interactive || Terminal.isTerminal(1) { p.maxRows = 40 }
        return p
    }
}
