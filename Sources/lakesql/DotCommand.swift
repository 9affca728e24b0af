import Diagnostics
import Engine

/// The dot-commands of the REPL (and of `.read` and startup files), in one table with
/// their help text. `\q`, `\d` and `\?` are psql-style aliases.
struct DotCommand: Sendable {
    /// Names, the main one first.
    var names: [String]
    /// Argument synopsis.
    var arguments: String
    /// One line of help.
    var help: String
    /// Runs the command with the rest of the line.
    var action: @Sendable (Repl, String) -> Repl.Step

    /// Every dot-command.
    static let all: [DotCommand] = [
        DotCommand(names: [".help", "\\?"], arguments: "", help: "Show this list", action: { repl, _ in
            repl.runner.out.write(DotCommand.helpText())
            return .proceed
        }),
        DotCommand(names: [".tables"], arguments: "[pattern]", help: "List tables and views (LIKE pattern)", action: { repl, rest in
            repl.sql(rest.isEmpty ? "SHOW TABLES" : "SHOW TABLES LIKE \(DotCommand.quoted(rest))")
        }),
        DotCommand(names: [".schema"], arguments: "[table]", help: "Show the CREATE statement of one or every table and view", action: { repl, rest in
            repl.showSchema(rest.isEmpty ? repl.tableNames() : [rest])
        }),
        DotCommand(names: [".mode"], arguments: "box|table|csv|tsv|json|jsonl|markdown|line|parquet", help: "Set the result format", action: { repl, rest in
            guard let format = OutputFormat(rawValue: rest.lowercased()) else {
                return repl.fail("unknown mode '\(rest)'; modes: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            repl.runner.format = format
            if !repl.nullTextChosen { repl.runner.options.nullText = format.defaultNullText }
            return .proceed
        }),
        DotCommand(names: [".headers"], arguments: "on|off", help: "Show or hide column names", action: { repl, rest in
            repl.toggle(rest) { repl.runner.options.header = $0 }
        }),
        DotCommand(names: [".nullvalue"], arguments: "TEXT", help: "Text shown for NULL", action: { repl, rest in
            repl.runner.options.nullText = DotCommand.unquoted(rest)
            repl.nullTextChosen = true
            return .proceed
        }),
        DotCommand(names: [".timer"], arguments: "on|off", help: "Print wall and CPU time after each statement", action: { repl, rest in
            repl.toggle(rest) { repl.runner.timer = $0 }
        }),
        DotCommand(names: [".read"], arguments: "FILE", help: "Run the statements and dot-commands of FILE", action: { repl, rest in
            rest.isEmpty ? repl.fail("usage: .read FILE") : repl.runFile(DotCommand.unquoted(rest))
        }),
        DotCommand(names: [".output"], arguments: "[FILE]", help: "Send results to FILE, or back to stdout without one", action: { repl, rest in
            repl.redirect(rest.isEmpty ? nil : DotCommand.unquoted(rest), once: false)
        }),
        DotCommand(names: [".once"], arguments: "FILE", help: "Send the next result only to FILE", action: { repl, rest in
            rest.isEmpty ? repl.fail("usage: .once FILE") : repl.redirect(DotCommand.unquoted(rest), once: true)
        }),
        DotCommand(names: [".maxrows"], arguments: "N", help: "Show at most N rows of a table result (0: all)", action: { repl, rest in
            guard let n = Int(rest), n >= 0 else { return repl.fail("usage: .maxrows N (a whole number, 0 for all rows)") }
            repl.runner.options.maxRows = n == 0 ? nil : n
            return .proceed
        }),
        DotCommand(names: [".bail"], arguments: "on|off", help: "Stop .read and startup files at the first error", action: { repl, rest in
            repl.toggle(rest) { repl.bail = $0 }
        }),
        DotCommand(names: [".echo"], arguments: "on|off", help: "Print each statement before its result", action: { repl, rest in
            repl.toggle(rest) { repl.runner.echo = $0 }
        }),
        DotCommand(names: [".lake"], arguments: "[DIR]", help: "Show the lake folder, or open another", action: { repl, rest in
            repl.switchLake(rest.isEmpty ? nil : DotCommand.unquoted(rest))
        }),
        DotCommand(names: [".refresh"], arguments: "VIEW", help: "Refresh a materialized view", action: { repl, rest in
            rest.isEmpty ? repl.fail("usage: .refresh VIEW") : repl.sql("REFRESH MATERIALIZED VIEW \(rest)")
        }),
        DotCommand(names: ["\\d"], arguments: "[table]", help: "List tables, or describe one", action: { repl, rest in
            repl.sql(rest.isEmpty ? "SHOW TABLES" : "DESCRIBE \(rest)")
        }),
        DotCommand(names: [".quit", ".exit", "\\q"], arguments: "", help: "Leave", action: { _, _ in .quit }),
    ]

    /// Every name and alias (for completion).
    static var allNames: [String] { all.flatMap(\.names) }

    /// Runs the dot-command line `line` (`.name rest`).
    static func run(_ line: String, in repl: Repl) -> Repl.Step {
        let name = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? line
        let rest = String(line.dropFirst(name.count)).trimmingBlanks()
        guard let command = all.first(where: { $0.names.contains(name) }) else {
            return repl.fail("unknown command \(name); .help lists the commands")
        }
        return command.action(repl, rest)
    }

    /// The `.help` listing.
    static func helpText() -> String {
        let heads = all.map { ([$0.names[0]] + $0.names.dropFirst()).joined(separator: ", ") + ($0.arguments.isEmpty ? "" : " " + $0.arguments) }
        let width = min(heads.map(\.count).max() ?? 0, 40)
        var out = ""
        for (head, command) in zip(heads, all) {
            out += head + String(repeating: " ", count: max(1, width - head.count + 2)) + command.help + "\n"
        }
        return out
    }

    /// `text` as a SQL string literal.
    static func quoted(_ text: String) -> String {
        "'" + DotCommand.unquoted(text).replacingAll("'", with: "''") + "'"
    }

    /// `text` without one pair of surrounding quotes.
    static func unquoted(_ text: String) -> String {
        for q: Character in ["'", "\""] where text.count >= 2 && text.first == q && text.last == q {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

extension String {
    /// The string with every `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
