import ArgumentParser

/// The command-line options of `lakesql`. (An option added here needs its default in
/// `plainBatch` too.)
struct CommandOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Lake folder (default: $LAKESQL_LAKE, else ./lake).", valueName: "dir"))
    var lake: String?

    @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run SQL text (repeatable; runs in command-line order with -f).", valueName: "sql"))
    var commands: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run a SQL script file; '-' reads stdin (repeatable).", valueName: "file"))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("Result format.", valueName: "format"))
    var format: OutputFormat = .table

    @Flag(name: .customLong("no-header"), help: "Leave out the header line(s).")
    var noHeader = false

    @Option(name: .customLong("null"), help: ArgumentHelp("Text shown for NULL (default: NULL in tables, empty in csv/tsv).", valueName: "text"))
    var nullText: String?

    @Flag(inversion: .prefixedNo, help: "Stop at the first failing statement (default) or run on.")
    var bail = true

    @Flag(help: "Print each statement before its result.")
    var echo = false

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write results to a file instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("error-format"), help: ArgumentHelp("How errors are written to stderr: text or json (one object per line).", valueName: "format"))
    var errorFormat: ErrorFormat = .text

    @Option(name: .customLong("init"), help: ArgumentHelp("Startup file run before the prompt (default: ~/.lakesqlrc).", valueName: "file"))
    var initFile: String?

    @Flag(name: .customLong("no-init"), help: "Do not run a startup file.")
    var noInit = false

    /// The options of a command line made only of `--lake <dir>` (once), `-c <sql>` and
    /// `-f <file>` pairs, as the parser would read it; nil for any other command line.
    static func plainBatch(_ arguments: [String]) -> CommandOptions? {
        guard !arguments.isEmpty, arguments.count % 2 == 0 else { return nil }
        var lake: String?
        var commands: [String] = [], files: [String] = []
        for i in stride(from: 0, to: arguments.count, by: 2) {
            let value = arguments[i + 1]
            switch arguments[i] {
            case "--lake":
                guard lake == nil, !value.hasPrefix("-") else { return nil }
                lake = value
            case "-c": commands.append(value)
            case "-f": files.append(value)
            default: return nil
            }
        }
        // (every option set: an option of a parsable type that was never set cannot be read)
        var o = CommandOptions()
        (o.lake, o.commands, o.files, o.format, o.errorFormat) = (lake, commands, files, .table, .text)
        (o.nullText, o.output, o.initFile) = (nil, nil, nil)
        (o.noHeader, o.bail, o.echo, o.noInit) = (false, true, false, false)
        return o
    }

    /// The lake folder: `--lake`, else `$LAKESQL_LAKE`, else `./lake`.
    func lakePath(environment: [String: String]) -> String {
        if let lake { return lake }
        if let env = environment["LAKESQL_LAKE"], !env.isEmpty { return env }
        return "./lake"
    }
}
