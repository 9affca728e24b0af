import Diagnostics
import Engine
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What `lakesql` does with its parsed options: batch runs of `-c`/`-f`/piped stdin, or
/// the REPL on a terminal. Returns the process exit code.
struct CommandMain {
    /// Parsed options.
    let options: CommandOptions
    /// The process environment.
    let environment: [String: String]

    /// Runs and returns the exit code (0, 1, 2 data error, 64 usage, 130 interrupted).
    func run() -> Int32 {
        Terminal.exitOnInterrupt()
        Terminal.tuneAllocator()
        let err = OutputSink(fd: 2)
        let sources = InputSource.ordered(commands: options.commands, files: options.files,
                                          arguments: Array(CommandLine.arguments.dropFirst()))
        var inputs: [BatchRunner.Input] = []
        for source in sources {
            switch source {
            case let .command(sql): inputs.append(.init(text: sql, name: "-c"))
            case let .file(path):
                do {
                    inputs.append(.init(text: try ScriptReader.read(path), name: path == "-" ? "<stdin>" : path))
                } catch {
                    err.write("lakesql: \(error.message)\n")
                    return 64
                }
            }
        }
        let interactive = sources.isEmpty && Terminal.isTerminal(0)
        let out: OutputSink
        if let path = options.output {
            do { out = try OutputSink(path: path) } catch {
                err.write("lakesql: \(error.message)\n")
                return 64
            }
        } else {
            if options.format == .parquet && Terminal.isTerminal(1) {
                err.write("lakesql: refusing to write Parquet to a terminal; pipe it or use -o FILE\n")
                return 64
            }
            out = OutputSink.standardOutput()
        }
        if sources.isEmpty && !interactive {
            inputs.append(.init(text: ScriptReader.readStandardInput(), name: "<stdin>"))
        }
        let session: Session
        do {
            session = try Session(lake: options.lakePath(environment: environment))
        } catch {
            err.write(ErrorRenderer.render(error) + "\n")
            return 1
        }
        let runner = StatementRunner(session: session, format: options.format,
                                     options: printOptions(interactive: interactive, toFile: options.output != nil),
                                     out: out, err: err, echo: options.echo, errorFormat: options.errorFormat)
        Interrupt.install(cancelling: session.cancellation)
        defer { out.close() }
        if interactive {
            let repl = Repl(runner: runner, historyPath: Repl.historyPath(environment: environment))
            repl.runStartupFile(startupPath())
            return repl.run()
        }
        return BatchRunner(runner: runner, bail: options.bail).run(inputs)
    }

    /// The startup file: `--init FILE`, else `~/.lakesqlrc` when it exists; nil with `--no-init`.
    func startupPath() -> String? {
        if options.noInit { return nil }
        if let file = options.initFile { return file }
        let home = environment["HOME"] ?? FixedText.home
        let path = home + "/.lakesqlrc"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Printer settings from the options and the terminal.
    func printOptions(interactive: Bool, toFile: Bool) -> PrintOptions {
        var p = PrintOptions()
        p.header = !options.noHeader
        p.nullText = options.nullText ?? options.format.defaultNullText
        if !toFile {
            p.maxWidth = Terminal.width(1)
            if interactive || Terminal.isTerminal(1) { p.maxRows = 40 }
        }
        return p
    }
}
