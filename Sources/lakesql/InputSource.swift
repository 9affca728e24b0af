/// One `-c` or `-f` argument.
enum InputSource: Equatable, Sendable {
    /// SQL text given with `-c`.
    case command(String)
    /// A script path given with `-f` (`-` is stdin).
    case file(String)

    /// The `-c` and `-f` values in the order they appear in `arguments` (the raw
    /// command line without the program name). Argument parsing keeps each option's
    /// values in order but not their interleaving, so the tokens are walked again;
    /// should the walk disagree with the parsed values, all `-c` run before all `-f`.
    static func ordered(commands: [String], files: [String], arguments: [String]) -> [InputSource] {
        var kinds: [Bool] = []  // true = -c
        var i = 0
        while i < arguments.count {
            let token = arguments[i]
            if token == "--" { break }
            if token == "-c" || token == "--command" { kinds.append(true); i += 2; continue }
            if token == "-f" || token == "--file" { kinds.append(false); i += 2; continue }
            if token.hasPrefix("--command=") { kinds.append(true) }
            if token.hasPrefix("--file=") { kinds.append(false) }
            i += 1
        }
        let fallback = commands.map(InputSource.command) + files.map(InputSource.file)
        guard kinds.filter({ $0 }).count == commands.count, kinds.filter({ !$0 }).count == files.count else {
            return fallback
        }
        var c = commands.makeIterator(), f = files.makeIterator()
        var result: [InputSource] = []
        for isCommand in kinds {
            if isCommand, let sql = c.next() { result.append(.command(sql)) }
            if !isCommand, let path = f.next() { result.append(.file(path)) }
        }
        return result
    }
}
