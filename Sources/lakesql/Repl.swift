import CReadline
import Engine
import Foundation

/// The interactive loop on GNU readline: `lakesql> ` prompts, `     ...> ` until the
/// statement is complete, `.quit`/`.exit`/Ctrl-D to leave, history kept in
/// `~/.lakesql_history` (or `$LAKESQL_HISTORY`).
struct Repl {
    /// Runs the statements typed.
    let runner: StatementRunner
    /// History file path.
    let historyPath: String

    /// Prompt for a new statement.
    static let prompt = "lakesql> "
    /// Prompt while a statement continues.
    static let continuation = "     ...> "

    /// The history file: `$LAKESQL_HISTORY`, else `~/.lakesql_history`.
    static func historyPath(environment: [String: String]) -> String {
        if let path = environment["LAKESQL_HISTORY"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.lakesql_history"
    }

    /// Reads and runs statements until `.quit`, `.exit` or end of input.
    func run() {
        _ = read_history(historyPath)
        var buffer = ""
        while true {
            guard let raw = readline(buffer.isEmpty ? Repl.prompt : Repl.continuation) else {
                runner.out.write("\n")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if buffer.isEmpty {
                let command = line.trimmingBlanks()
                if command.isEmpty { continue }
                if command.hasPrefix(".") {
                    add_history(command)
                    if !dotCommand(command) { break }
                    continue
                }
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if Script.isComplete(buffer) {
                add_history(buffer)
                for piece in Script.split(buffer) { _ = runner.run(piece, origin: nil) }
                buffer = ""
            }
        }
        _ = write_history(historyPath)
    }

    /// Runs a dot-command; false when the loop should end.
    private func dotCommand(_ command: String) -> Bool {
        let name = command.split(separator: " ").first.map(String.init) ?? command
        switch name {
        case ".quit", ".exit": return false
        default:
            runner.err.write("Error: unknown command \(name) (try .quit)\n")
            return true
        }
    }
}
