import Planner
import SQLSyntax

/// What Tab offers at the prompt: dot-commands at the start of a line, file names after
/// `.read`/`.output`/`.once`, and otherwise keywords, function names, table and view
/// names, and the column names of the tables the statement names.
struct Completer {
    /// Dot-command names (with their aliases).
    var dotCommands: [String]
    /// Table and view names of the session.
    var tables: () -> [String]
    /// Column names of the given tables.
    var columns: ([String]) -> [String]

    /// Statement words beyond the reserved ones that are worth completing.
    static let statementWords: [String] = [
        "ANALYZE", "ASC", "BIGINT", "BOOLEAN", "COLUMNS", "COUNT", "DATE", "DECIMAL", "DESC", "DESCRIBE",
        "DOUBLE", "EXPLAIN", "EXTERNAL", "FIRST", "FORMAT", "IF", "INTEGER", "INTERVAL", "JSON", "LAST",
        "LOCATION", "MATERIALIZED", "NULLS", "OPTIONS", "PARQUET", "RECURSIVE", "REFRESH", "REPLACE", "ROWS",
        "SCHEMA", "SHOW", "STORED", "STRING", "STRUCT", "TABLE", "TABLES", "TIMESTAMP", "VARCHAR", "VIEW",
    ]

    /// Every keyword offered, upper-case and sorted.
    static let keywords: [String] = Array(Keywords.reserved.union(statementWords)).sorted()

    /// Every function name offered (scalar, aggregate, table functions), lower-case and sorted.
    static let functions: [String] = {
        var names = Set(FunctionRegistry.builtin.allNames)
        for (name, _) in AggregateFunction.names { names.insert(name) }
        names.formUnion(["range", "generate_series", "bad_records", "row_number", "rank", "dense_rank", "lag", "lead"])
        return names.sorted()
    }()

    /// Dot-commands whose argument is a file name.
    static let fileCommands: Set<String> = [".read", ".output", ".once", ".init"]
    /// Dot-commands whose argument is a table name.
    static let tableCommands: Set<String> = [".schema", ".refresh", ".tables", "\\d"]

    /// Candidates for `word`; `before` is the line before it, `statement` the statement
    /// typed so far (earlier lines and the whole current line), `continued` true when
    /// earlier lines exist. Nil asks for file-name completion.
    func candidates(before: String, word: String, statement: String, continued: Bool) -> [String]? {
        let head = before.trimmingBlanks()
        if !continued {
            if head.isEmpty && (word.hasPrefix(".") || word.hasPrefix("\\")) {
                return dotCommands.filter { $0.hasPrefix(word) }
            }
            if head.hasPrefix(".") || head.hasPrefix("\\") {
                let command = head.split(separator: " ").first.map(String.init) ?? head
                if Completer.fileCommands.contains(command) { return nil }
                if Completer.tableCommands.contains(command) { return Completer.matching(tables(), word) }
                if command == ".mode" { return Completer.matching(OutputFormat.allCases.map(\.rawValue), word) }
                return Completer.matching(["on", "off"], word)
            }
        }
        let known = tables()
        let named = Completer.words(in: statement)
        let mentioned = known.filter { named.contains($0.lowercased()) }
        var out: [String] = []
        let lowerTyped = word.first.map { $0.isLowercase } ?? false
        for k in Completer.keywords where k.hasPrefix(word.uppercased()) { out.append(lowerTyped ? k.lowercased() : k) }
        out += Completer.matching(Completer.functions, word)
        out += Completer.matching(known, word)
        out += Completer.matching(mentioned.isEmpty ? [] : columns(mentioned), word)
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// The names of `names` that start with `word`, ignoring case.
    static func matching(_ names: [String], _ word: String) -> [String] {
        let w = word.lowercased()
        return names.filter { $0.lowercased().hasPrefix(w) }
    }

    /// Lower-case identifier words of `text` (dotted names kept whole too).
    static func words(in text: String) -> Set<String> {
        var out = Set<String>()
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == "." {
                current.append(ch)
            } else if !current.isEmpty {
                out.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { out.insert(current) }
        for w in out where w.contains(".") { for part in w.split(separator: ".") { out.insert(String(part)) } }
        return out
    }
}
