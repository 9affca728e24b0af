@preconcurrency import CReadline
import Columnar
import Diagnostics
import Engine
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop: `lakesql> ` prompts, `     ...> ` while a statement is open
/// (the statement splitter decides when it ends), dot-commands at the start of a line,
/// `.quit`/`.exit`/Ctrl-D to leave. Each whole statement is one history entry, kept in
/// `~/.lakesql_history` (or `$LAKESQL_HISTORY`). Ctrl-C clears the line at the prompt and
/// cancels a running statement. The same feeding runs startup files and `.read` files.
final class Repl {
    /// What feeding one line led to.
    enum Step: Equatable {
        /// Go on.
        case proceed
        /// A statement or dot-command failed.
        case failed
        /// `.quit`: leave.
        case quit
    }

    /// Lines of one input (the terminal or a script file) and the statement they are building.
    struct Feeder {
        /// Script name for errors; nil at the prompt.
        var origin: String?
        /// Lines of the open statement.
        var buffer = ""
        /// Line number of the buffer's first line.
        var startLine = 1
        /// Line number of the next line fed.
        var nextLine = 1
    }

    /// Runs the statements.
    let runner: StatementRunner
    /// History file path.
    let historyPath: String
    /// Stop a `.read` or startup file at its first error.
    var bail = false
    /// Set by `.nullvalue`: mode changes keep the chosen NULL text.
    var nullTextChosen = false
    /// The terminal's input.
    private(set) var terminal = Feeder(origin: nil)

    /// Prompt for a new statement.
    static let prompt = "lakesql> "
    /// Prompt while a statement continues.
    static let continuation = "     ...> "

    /// Creates a REPL.
    init(runner: StatementRunner, historyPath: String) {
        self.runner = runner
        self.historyPath = historyPath
    }

    /// The history file: `$LAKESQL_HISTORY`, else `~/.lakesql_history`.
    static func historyPath(environment: [String: String]) -> String {
        if let path = environment["LAKESQL_HISTORY"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? FixedText.home
        return home + "/.lakesql_history"
    }

    /// Reads and runs statements until `.quit`, `.exit` or Ctrl-D; returns the exit code.
    func run() -> Int32 {
        LineEditor.setUp()
        let completer = Completer(dotCommands: DotCommand.allNames, tables: { [unowned self] in self.tableNames() },
                                  columns: { [unowned self] in self.columnNames(of: $0) })
        LineEditor.completer = { [unowned self] before, word, line in
            completer.candidates(before: before, word: word, statement: self.terminal.buffer + "\n" + line,
                                 continued: !self.terminal.buffer.isEmpty)
        }
        _ = read_history(historyPath)
        loop: while true {
            switch LineEditor.read(prompt: terminal.buffer.isEmpty ? Repl.prompt : Repl.continuation) {
            case .endOfInput:
                LineEditor.writeToTerminal("\n")
                break loop
            case .interrupt:
                terminal.buffer = ""
            case let .line(line):
                if runner.out.fd == 1 { runner.options.maxWidth = Terminal.width(1) }
                if feed(line, into: &terminal, interactive: true) == .quit { break loop }
            }
        }
        _ = write_history(historyPath)
        return 0
    }

    /// Feeds one line: a dot-command when no statement is open, else part of a statement,
    /// run once the statement is complete.
    func feed(_ line: String, into feeder: inout Feeder, interactive: Bool) -> Step {
        let lineNumber = feeder.nextLine
        feeder.nextLine += 1
        if feeder.buffer.isEmpty {
            let command = line.trimmingBlanks()
            if command.isEmpty { return .proceed }
            if command.hasPrefix(".") || command.hasPrefix("\\") {
                if interactive { add_history(command) }
                return DotCommand.run(command, in: self)
            }
            feeder.startLine = lineNumber
            feeder.buffer = line
        } else {
            feeder.buffer += "\n" + line
        }
        guard Script.isComplete(feeder.buffer) else { return .proceed }
        let text = feeder.buffer
        feeder.buffer = ""
        if interactive { add_history(text) }
        return runStatements(text, firstLine: interactive ? 1 : feeder.startLine, origin: feeder.origin,
                             stopOnError: !interactive && bail)
    }

    /// Runs every statement of `text`.
    func runStatements(_ text: String, firstLine: Int, origin: String?, stopOnError: Bool) -> Step {
        var step = Step.proceed
        for var piece in Script.split(text) {
            piece.line += firstLine - 1
            Interrupt.reset()
            if case .failed = runner.run(piece, origin: origin) {
                step = .failed
                if stopOnError || Interrupt.pressed { return .failed }
            }
        }
        return step
    }

    /// Runs a script file of statements and dot-commands (`.read`, the startup file).
    func runFile(_ path: String) -> Step {
        let text: String
        do { text = try ScriptReader.read(path) } catch {
            runner.report(SQLError(.io, error.message))
            return .failed
        }
        var feeder = Feeder(origin: path)
        var step = Step.proceed
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let result = feed(String(line), into: &feeder, interactive: false)
            if result == .quit { return .quit }
            if result == .failed {
                step = .failed
                if bail || Interrupt.pressed { return .failed }
            }
        }
        if !feeder.buffer.trimmingBlanks().isEmpty,
           runStatements(feeder.buffer, firstLine: feeder.startLine, origin: path, stopOnError: bail) == .failed {
            step = .failed
        }
        return step
    }

    /// Runs the startup file, when there is one.
    func runStartupFile(_ path: String?) {
        guard let path else { return }
        _ = runFile(path)
    }

    /// Table and view names of the session (for completion and `.schema`).
    func tableNames() -> [String] {
        guard case let .rows(result)? = try? runner.session.execute("SHOW TABLES") else { return [] }
        return result.rows.compactMap { row in row.first.flatMap(Repl.text) }
    }

    /// Column names of `tables` (for completion).
    func columnNames(of tables: [String]) -> [String] {
        var names: [String] = []
        for table in tables {
            guard case let .rows(result)? = try? runner.session.execute("DESCRIBE \(table)") else { continue }
            names += result.rows.compactMap { row in row.first.flatMap(Repl.text) }
        }
        return names
    }

    /// The text of a string value.
    static func text(_ value: Value) -> String? {
        if case let .string(s) = value { return s }
        return nil
    }
}
