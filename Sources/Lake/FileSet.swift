import Diagnostics
import Formats
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The files a LOCATION names: a folder (read recursively, skipping names that start with
/// `_` or `.`), a single file, or a glob (`bronze/listings/2024-*/*.json`, `**` for any depth).
/// Relative locations resolve against the lake root.
package struct FileSet: Sendable {
    /// Absolute path of each file, sorted, and its path as shown (relative to the lake).
    package var files: [(path: String, display: String)]

    /// Data file extensions recognised in folders (compressed variants end in `.gz`).
    package static let jsonExtensions = ["json", "jsonl", "ndjson"]

    /// Resolves `location` under `lake`; in folders and globs only files whose extension
    /// is in `extensions` (optionally followed by `.gz`) are taken.
    package static func resolve(_ location: String, lake: String, extensions: [String]) throws(SQLError) -> FileSet {
        let absolute = location.hasPrefix("/") ? location : PathText.join(lake, location)
        let root = PathText.standardized(lake)
        func display(_ p: String) -> String {
            let std = PathText.standardized(p)
            if std.hasPrefix(root + "/") { return String(std.dropFirst(root.count + 1)) }
            return std
        }
        func accepted(_ name: String) -> Bool {
            var n = name.lowercased()
            if n.hasSuffix(".gz") { n = String(n.dropLast(3)) }
            return extensions.contains { n.hasSuffix("." + $0) }
        }
        if location.contains("*") || location.contains("?") || location.contains("[") {
            let files = glob(absolute).filter { accepted(PathText.lastComponent($0)) }
            return FileSet(files: files.map { ($0, display($0)) })
        }
        let (exists, isDir) = FileSystem.exists(absolute)
        guard exists else { return FileSet(files: []) }
        if !isDir { return FileSet(files: [(absolute, display(absolute))]) }
        var out: [String] = []
        walk(absolute, into: &out, accept: accepted)
        out.sort()
        // Paths under the lake show relative to it; computed once for the root.
        let std = PathText.standardized(absolute)
        let shownRoot = display(std)
        return FileSet(files: out.map { p in (p, shownRoot + String(p.dropFirst(absolute.count))) })
    }

    static func hidden(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("_") }

    /// Files below `dir`, read with readdir: the entry type comes with the name, so a folder
    /// of 100,000 files costs no stat per file.
    static func walk(_ dir: String, into out: inout [String], accept: (String) -> Bool) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        var subdirs: [String] = []
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || hidden(name) { continue }
            let path = prefix + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): subdirs.append(path)
            case Int32(DT_REG): if accept(name) { out.append(path) }
            default:
                // Links and file systems that do not fill d_type: ask stat.
                let (exists, isDir) = FileSystem.exists(path)
                if isDir { subdirs.append(path) } else if exists && accept(name) { out.append(path) }
            }
        }
        for sub in subdirs { walk(sub, into: &out, accept: accept) }
    }

    /// Expands a glob one path component at a time.
    static func glob(_ pattern: String) -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current = [pattern.hasPrefix("/") ? "/" : "."]
        for (k, comp) in components.enumerated() {
            let last = k == components.count - 1
            var next: [String] = []
            for base in current {
                if comp == "**" {
                    var dirs: [String] = [base]
                    collectDirectories(base, into: &dirs)
                    next += dirs
                    continue
                }
                if !comp.contains(where: { "*?[".contains($0) }) {
                    let p = PathText.join(base, comp)
                    if FileSystem.exists(p).exists { next.append(p) }
                    continue
                }
                for name in FileSystem.list(base).sorted() where !hidden(name) && matches(Array(name), Array(comp)) {
                    let p = PathText.join(base, name)
                    let isDir = FileSystem.exists(p).isDirectory
                    if last ? !isDir : isDir { next.append(p) }
                }
            }
            current = next
        }
        return current.filter { !FileSystem.exists($0).isDirectory }.sorted()
    }

    static func collectDirectories(_ dir: String, into out: inout [String]) {
        for name in FileSystem.list(dir) where !hidden(name) {
            let p = PathText.join(dir, name)
            if FileSystem.exists(p).isDirectory {
                out.append(p)
                collectDirectories(p, into: &out)
            }
        }
    }

    /// Shell-style matching of one component: `*`, `?`, `[abc]`, `[a-z]`.
    static func matches(_ s: [Character], _ p: [Character]) -> Bool {
        var memo: [Int: Bool] = [:]
        func m(_ i: Int, _ j: Int) -> Bool {
            let key = i * (p.count + 1) + j
            if let v = memo[key] { return v }
            var r: Bool
            if j == p.count {
                r = i == s.count
            } else if p[j] == "*" {
                r = m(i, j + 1) || (i < s.count && m(i + 1, j))
            } else if i == s.count {
                r = false
            } else if p[j] == "?" {
                r = m(i + 1, j + 1)
            } else if p[j] == "[", let close = p[(j + 1)...].firstIndex(of: "]") {
                let set = Array(p[(j + 1)..<close])
                var ok = false
                var k = 0
                while k < set.count {
                    if k + 2 < set.count, set[k + 1] == "-" {
                        if set[k] <= s[i] && s[i] <= set[k + 2] { ok = true }
                        k += 3
                    } else {
                        if set[k] == s[i] { ok = true }
                        k += 1
                    }
                }
                r = ok && m(i + 1, close + 1)
            } else {
                r = p[j] == s[i] && m(i + 1, j + 1)
            }
            memo[key] = r
            return r
        }
        return m(0, 0)
    }
}
