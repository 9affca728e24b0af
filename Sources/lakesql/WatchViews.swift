import Columnar
import Diagnostics
import Engine

/// The materialized views `lakesql watch` refreshes: found with `SHOW TABLES`, narrowed
/// by `--views`, a view after the materialized views it reads, else in catalog order.
enum WatchViews {
    /// A `--views` name that is not a materialized view of the lake.
    struct Unknown: Error {
        /// What to tell the user.
        var message: String
    }

    /// Names of the lake's materialized views (`gold.x`), each after the ones it reads.
    static func materialized(in session: Session) throws(SQLError) -> [String] {
        guard case let .rows(result) = try session.execute("SHOW TABLES") else { return [] }
        let nameColumn = result.schema.fields.firstIndex { $0.name == "name" } ?? 0
        let kindColumn = result.schema.fields.firstIndex { $0.name == "kind" } ?? 1
        var names: [String] = []
        for row in result.rows where row.count > max(nameColumn, kindColumn) {
            guard case let .string(kind) = row[kindColumn], kind.uppercased().hasPrefix("MATERIALIZED"),
                  case let .string(name) = row[nameColumn] else { continue }
            names.append(name)
        }
        return session.dependencyOrder(ofMaterialized: names)
    }

    /// The views of `found` that `requested` names (all of them when nil), in the order of
    /// `found`. A name matches case-insensitively, with or without its schema when that is unique.
    static func select(_ requested: [String]?, from found: [String]) -> Result<[String], Unknown> {
        guard let requested else { return .success(found) }
        var chosen = Set<String>()
        for name in requested {
            let wanted = name.lowercased()
            let exact = found.filter { $0.lowercased() == wanted }
            let bare = found.filter { $0.lowercased().split(separator: ".").last.map(String.init) == wanted }
            guard let match = exact.first ?? (bare.count == 1 ? bare.first : nil) else {
                let known = found.joined(separator: ", ")
                let why = bare.count > 1 ? "is ambiguous (\(bare.joined(separator: ", ")))" : "is not a materialized view of the lake"
                return .failure(Unknown(message: "--views: '\(name)' \(why); the lake has: \(known)"))
            }
            chosen.insert(match)
        }
        return .success(found.filter { chosen.contains($0) })
    }

    /// The statement refreshing `view`, its name parts quoted where needed.
    static func refreshStatement(_ view: String) -> String {
        "REFRESH MATERIALIZED VIEW " + view.split(separator: ".", omittingEmptySubsequences: false).map { quoted(String($0)) }.joined(separator: ".")
    }

    /// A name part as SQL: lowercase identifiers and names with odd characters in double
    /// quotes (a quoted lowercase name is the same name, and keywords stay names); a mixed-case
    /// identifier as it is, since SHOW TABLES shows unquoted names as they were written.
    static func quoted(_ part: String) -> String {
        let identifier = !part.isEmpty && part.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
        }
        if identifier && part.contains(where: \.isUppercase) { return part }
        var out = "\""
        for c in part { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }
}
