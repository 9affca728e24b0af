// Parser of the sqllogictest text format: records separated by blank lines, `#` comment
// lines, `skipif`/`onlyif` conditions before a record, `----` before expected results.

/// A malformed line in a sqllogictest file.
struct SLTParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number.
    var line: Int
    /// What is wrong.
    var message: String

    var description: String { "line \(line): \(message)" }
}

/// Turns sqllogictest text into records.
enum SLTParser {
    /// Parses a whole file. Malformed records are reported as errors rather than skipped
    /// so a typo in a test file cannot silently disable tests.
    static func parse(_ text: String) throws(SLTParseError) -> [SLTRecord] {
        // "\r\n" is one Character in Swift, so CRLF files need their own separator.
        let isLineEnd: (Character) -> Bool = { $0 == "\n" || $0 == "\r\n" }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: isLineEnd).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var records: [SLTRecord] = []
        var i = 0
        var skipIf: [String] = []
        var onlyIf: [String] = []
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty {
                // A blank line ends any pending conditions that had no record.
                skipIf = []
                onlyIf = []
                i += 1
                continue
            }
            if trimmed.hasPrefix("#") { i += 1; continue }
            let words = directiveWords(line)
            let header = i + 1
            switch words.first ?? "" {
            case "skipif", "onlyif":
                guard words.count >= 2 else { throw SLTParseError(line: header, message: "\(words[0]) needs an engine name") }
                if words[0] == "skipif" { skipIf.append(words[1]) } else { onlyIf.append(words[1]) }
                i += 1
                continue
            case "statement":
                i += 1
                let command = try statement(words, lines: lines, at: &i, header: header)
                records.append(SLTRecord(line: header, command: command, skipIf: skipIf, onlyIf: onlyIf))
            case "query":
                i += 1
                let command = try query(words, lines: lines, at: &i, header: header)
                records.append(SLTRecord(line: header, command: command, skipIf: skipIf, onlyIf: onlyIf))
            case "hash-threshold":
                guard words.count >= 2, let n = Int(words[1]) else {
                    throw SLTParseError(line: header, message: "hash-threshold needs a number")
                }
                records.append(SLTRecord(line: header, command: .hashThreshold(n), skipIf: skipIf, onlyIf: onlyIf))
                i += 1
            case "halt":
                records.append(SLTRecord(line: header, command: .halt, skipIf: skipIf, onlyIf: onlyIf))
                i += 1
            default:
                records.append(SLTRecord(line: header, command: .unknown(String(trimmed)), skipIf: skipIf, onlyIf: onlyIf))
                skipBlock(lines, at: &i)
            }
            skipIf = []
            onlyIf = []
        }
        return records
    }

    /// Words of a directive line, without a trailing `# comment`.
    static func directiveWords(_ line: Substring) -> [String] {
        var words: [String] = []
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if word.hasPrefix("#") { break }
            words.append(String(word))
        }
        return words
    }

    /// `statement ok` / `statement error [pattern]`, then SQL lines, then an optional
    /// `----` block holding the expected error text.
    private static func statement(
        _ words: [String], lines: [Substring], at i: inout Int, header: Int
    ) throws(SLTParseError) -> SLTCommand {
        guard words.count >= 2 else { throw SLTParseError(line: header, message: "statement needs ok or error") }
        let (sql, block) = sqlAndBlock(lines, at: &i)
        guard !sql.isEmpty else { throw SLTParseError(line: header, message: "statement without SQL") }
        switch words[1] {
        case "ok":
            return .statementOK(sql: sql)
        case "error":
            return .statementError(sql: sql, pattern: errorPattern(lines[header - 1], block: block))
        default:
            throw SLTParseError(line: header, message: "statement must be followed by ok or error, not \(words[1])")
        }
    }

    /// `query <types> [sort] [label]`, SQL lines, then `----` and expected lines.
    private static func query(
        _ words: [String], lines: [Substring], at i: inout Int, header: Int
    ) throws(SLTParseError) -> SLTCommand {
        guard words.count >= 2 else { throw SLTParseError(line: header, message: "query needs a type string") }
        let (sql, block) = sqlAndBlock(lines, at: &i)
        guard !sql.isEmpty else { throw SLTParseError(line: header, message: "query without SQL") }
        if words[1] == "error" {
            return .statementError(sql: sql, pattern: errorPattern(lines[header - 1], block: block))
        }
        let types = words[1]
        guard types.allSatisfy({ "ITR".contains($0) }) else {
            throw SLTParseError(line: header, message: "bad type string \(types) (letters I, T, R)")
        }
        var sort = SLTSortMode.nosort
        var label: String?
        if words.count >= 3 {
            guard let mode = SLTSortMode(rawValue: words[2]) else {
                throw SLTParseError(line: header, message: "bad sort mode \(words[2])")
            }
            sort = mode
        }
        if words.count >= 4 { label = words[3] }
        return .query(sql: sql, types: types, sort: sort, label: label, expected: expected(block ?? []))
    }

    /// Reads SQL lines up to a blank line or `----`; after `----`, reads the block up to a blank line.
    private static func sqlAndBlock(_ lines: [Substring], at i: inout Int) -> (String, [String]?) {
        var sqlLines: [Substring] = []
        while i < lines.count, !lines[i].trimmingBlanks().isEmpty, lines[i] != "----" {
            sqlLines.append(lines[i])
            i += 1
        }
        var block: [String]?
        if i < lines.count, lines[i] == "----" {
            i += 1
            var collected: [String] = []
            while i < lines.count, !lines[i].isEmpty {
                collected.append(String(lines[i]))
                i += 1
            }
            block = collected
        }
        return (sqlLines.joined(separator: "\n"), block)
    }

    /// The expected-error text: words after `statement error` on the header, or the `----` block.
    private static func errorPattern(_ headerLine: Substring, block: [String]?) -> String? {
        if let block, !block.isEmpty { return block.joined(separator: "\n") }
        let words = headerLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count == 3 else { return nil }
        let pattern = words[2].trimmingBlanks()
        return pattern.isEmpty ? nil : String(pattern)
    }

    /// `N values hashing to X` or the plain lines.
    private static func expected(_ block: [String]) -> SLTExpected {
        if block.count == 1 {
            let parts = block[0].split(separator: " ")
            if parts.count == 5, parts[1] == "values", parts[2] == "hashing", parts[3] == "to", let n = Int(parts[0]) {
                return .hash(count: n, md5: String(parts[4]).lowercased())
            }
        }
        return .lines(block)
    }

    /// Skips the lines of an unknown record up to the next blank line.
    private static func skipBlock(_ lines: [Substring], at i: inout Int) {
        while i < lines.count, !lines[i].trimmingBlanks().isEmpty { i += 1 }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
