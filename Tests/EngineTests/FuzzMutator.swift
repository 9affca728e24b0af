// Byte-level mutations of valid statements: delete, insert or replace bytes, truncate,
// duplicate a token. The results are mostly invalid SQL that must fail cleanly.

/// Breaks statements in small random ways.
struct FuzzMutator {
    /// The random source.
    var random: FuzzRandom

    /// Bytes worth inserting: SQL punctuation, quotes, digits, blanks, odd bytes.
    private static let alphabet: [UInt8] = Array("()[]{},.;:'\"`*+-/%|=<>!?@#$^&~\\ \t\n0123456789aeEx_".utf8)
        + [0x00, 0x7f, 0xc3, 0xa9, 0xff, 0xe2, 0x80]

    /// Snippets worth inserting whole.
    private static let snippets = [
        " SELECT ", " FROM ", " WHERE ", " NULL ", "(", ")", " ON ", " JOIN ", " OVER (", "::", " CAST(",
        " GROUP BY ", " ORDER BY ", " UNION ", "--", "/*", "'", "\"", " AND ", " CASE ", " END ", ",",
    ]

    /// A mutator seeded with `seed`.
    init(seed: UInt64) { random = FuzzRandom(seed: seed) }

    /// `sql` with one to four random mutations, as text (invalid UTF-8 repaired).
    mutating func mutate(_ sql: String) -> String {
        var bytes = Array(sql.utf8)
        for _ in 0..<(random.below(4) + 1) { mutateOnce(&bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8]) {
        let position = random.below(bytes.count + 1)
        switch random.below(6) {
        case 0 where !bytes.isEmpty:
            let length = min(random.below(4) + 1, bytes.count - min(position, bytes.count - 1))
            let start = min(position, bytes.count - 1)
            bytes.removeSubrange(start..<(start + length))
        case 1:
            bytes.insert(random.pick(FuzzMutator.alphabet), at: position)
        case 2 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = random.pick(FuzzMutator.alphabet)
        case 3:
            bytes.removeSubrange(position..<bytes.count)
        case 4:
            bytes.insert(contentsOf: Array(random.pick(FuzzMutator.snippets).utf8), at: position)
        default:
            duplicateToken(&bytes)
        }
    }

    /// Repeats one blank-separated token right after itself.
    private mutating func duplicateToken(_ bytes: inout [UInt8]) {
        let tokens = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard !tokens.isEmpty else { return }
        let chosen = random.below(tokens.count)
        var out: [UInt8] = []
        for (i, token) in tokens.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: token)
            if i == chosen { out.append(UInt8(ascii: " ")); out.append(contentsOf: token) }
        }
        bytes = out
    }
}
