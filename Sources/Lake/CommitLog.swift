import Diagnostics
import Formats
import FoundationEssentials
import Synchronization

/// One data file of a table version.
package struct DataFile: Codable, Sendable, Hashable {
    /// File name inside the table folder.
    package var path: String
    package var rows: Int
    package var bytes: Int
}

/// One commit: the complete list of files making up the table after it.
package struct Commit: Codable, Sendable {
    package var version: Int
    /// ISO-8601 UTC time of the commit.
    package var timestamp: String
    /// What made it: CREATE, INSERT, UPDATE, DELETE, OVERWRITE, REFRESH.
    package var operation: String
    package var files: [DataFile]
    /// Free-form facts (e.g. the bronze files a materialized view has read).
    package var properties: [String: String]

    package var rowCount: Int { files.reduce(0) { $0 + $1.rows } }

    package init(version: Int, timestamp: String, operation: String, files: [DataFile], properties: [String: String]) {
        self.version = version
        self.timestamp = timestamp
        self.operation = operation
        self.files = files
        self.properties = properties
    }

    /// The commit as the JSON document of its version file.
    package var json: LakeJSON {
        .object([
            ("version", .number(String(version))), ("timestamp", .string(timestamp)), ("operation", .string(operation)),
            ("files", .array(files.map { .object([("path", .string($0.path)), ("rows", .number(String($0.rows))), ("bytes", .number(String($0.bytes)))]) })),
            ("properties", .object(properties.map { ($0.key, .string($0.value)) })),
        ])
    }

    /// A commit read from its version file's JSON document.
    package init(json: LakeJSON) throws(SQLError) {
        func missing(_ what: String) -> SQLError { SQLError(.data, "the commit has no valid \(what)") }
        guard let version = json["version"]?.int else { throw missing("version") }
        guard let timestamp = json["timestamp"]?.string else { throw missing("timestamp") }
        guard let operation = json["operation"]?.string else { throw missing("operation") }
        guard let items = json["files"]?.array else { throw missing("files") }
        var files: [DataFile] = []
        files.reserveCapacity(items.count)
        for item in items {
            guard let path = item["path"]?.string, let rows = item["rows"]?.int, let bytes = item["bytes"]?.int else { throw missing("file entry") }
            files.append(DataFile(path: path, rows: rows, bytes: bytes))
        }
        var properties: [String: String] = [:]
        for (k, v) in json["properties"]?.members ?? [] {
            guard let text = v.string else { throw missing("property \(k)") }
            properties[k] = text
        }
        self.init(version: version, timestamp: timestamp, operation: operation, files: files, properties: properties)
    }
}

/// A table's commit log: `<table>/_log/<version>.json`, versions counting from 1, each
/// file written completely under a temporary name and then linked into place, so a
/// version file is either absent or whole. The newest version is the table.
/// See docs/commit-log.md.
package struct CommitLog: Sendable {
    /// The table folder.
    package let root: String

    package init(root: String) { self.root = root }

    package var logDirectory: String { PathText.join(root, "_log") }

    /// Version numbers present, ascending.
    package func versions() -> [Int] {
        FileSystem.list(logDirectory).compactMap { name -> Int? in
            guard name.hasSuffix(".json"), !name.hasPrefix(".") else { return nil }
            return Int(name.dropLast(5))
        }.sorted()
    }

    static func fileName(_ version: Int) -> String {
        let s = String(version)
        return String(repeating: "0", count: max(0, 20 - s.count)) + s + ".json"
    }

    /// Commits read so far, by path, with the size and time of the file they came from:
    /// a version file never changes once linked into place, so it is decoded once.
    static let decoded = Mutex<[String: (size: Int, mtime: Int, commit: Commit)]>([:])

    /// Keeps a decoded commit (a long-running process forgets them all now and then).
    static func remember(_ path: String, _ info: (size: Int, mtime: Int), _ commit: Commit) {
        decoded.withLock {
            if $0.count >= 512 { $0.removeAll() }
            $0[path] = (info.size, info.mtime, commit)
        }
    }

    /// The commit of `version`.
    package func read(_ version: Int) throws(SQLError) -> Commit {
        let path = PathText.join(logDirectory, CommitLog.fileName(version))
        let info = FileSystem.info(path)
        if let info, let known = CommitLog.decoded.withLock({ $0[path] }), known.size == info.size, known.mtime == info.mtime {
            return known.commit
        }
        let bytes = try FileSystem.read(path)
        let commit: Commit
        do throws(SQLError) {
            commit = try Commit(json: try LakeJSON.parse(bytes))
        } catch {
            throw SQLError(.data, "\(path): damaged commit file: \(error.message)")
        }
        if let info { CommitLog.remember(path, info, commit) }
        return commit
    }

    /// The data file names of `version` (its other facts are not decoded).
    package func files(_ version: Int) throws(SQLError) -> [String] {
        let path = PathText.join(logDirectory, CommitLog.fileName(version))
        if let info = FileSystem.info(path), let known = CommitLog.decoded.withLock({ $0[path] }), known.size == info.size, known.mtime == info.mtime {
            return known.commit.files.map(\.path)
        }
        guard let items = try LakeJSON.members(["files"], of: try FileSystem.read(path))["files"]?.array else {
            throw SQLError(.data, "\(path): damaged commit file: no list of files")
        }
        var out: [String] = []
        for item in items {
            guard let name = item["path"]?.string else { throw SQLError(.data, "\(path): damaged commit file: a file without a path") }
            out.append(name)
        }
        return out
    }

    /// The newest commit, or nil for a table never written.
    package func latest() throws(SQLError) -> Commit? {
        guard let v = versions().last else { return nil }
        return try read(v)
    }

    /// Adds the next version listing `files`; fails if another writer committed meanwhile
    /// (callers hold the table's lock, so that means a bug or a foreign writer).
    /// `flushing`: data files just written and moved into the table folder, not yet
    /// flushed to disk; they and the folder are flushed (at once, alongside the commit's
    /// own write) before the commit appears, so a commit never outlives, after a crash, a
    /// file it lists.
    package func commit(files: [DataFile], operation: String, properties: [String: String] = [:], flushing: [String] = []) throws(SQLError) -> Commit {
        try FileSystem.makeDirectory(logDirectory)
        let next = (versions().last ?? 0) + 1
        let commit = Commit(version: next, timestamp: UTCTimestamp.string(milliseconds: true), operation: operation, files: files, properties: properties)
        let path = PathText.join(logDirectory, CommitLog.fileName(next))
        let folder = root
        guard try FileSystem.createExclusively(path, with: Array((commit.json.text(pretty: true) + "\n").utf8),
                                               before: flushing.isEmpty ? nil : { () throws(SQLError) in
                                                   try Alongside.run({ () throws(SQLError) in try FileSystem.syncDirectoryChecked(folder) },
                                                                     { () throws(SQLError) in for p in flushing { try FileSystem.syncFile(p) } })
                                               }) else {
            throw SQLError(.io, "\(root): another process committed version \(next) at the same time")
        }
        // A version file never changes: later reads in this process need not decode it.
        if let info = FileSystem.info(path) { CommitLog.remember(path, info, commit) }
        return commit
    }

    /// Removes what failed writes left behind: temporary files anywhere in the table folder,
    /// and data files no commit of the last `keep` versions lists (older snapshots stay
    /// readable for queries that started before).
    package func clean(keep: Int = 10) {
        let vs = versions()
        let names = FileSystem.list(root)
        var live = Set<String>()
        // The newest version first: when it lists every data file there (a table only
        // appended to), the older versions need not be read.
        if let newest = vs.last, let files = try? files(newest) { live.formUnion(files) }
        if !names.allSatisfy({ !$0.hasPrefix("part-") || live.contains($0) }) {
            for v in vs.suffix(keep).dropLast() {
                guard let files = try? files(v) else { continue }
                live.formUnion(files)
            }
        }
        for name in names {
            let path = PathText.join(root, name)
            if name.hasPrefix(".tmp-") || (name.hasPrefix("part-") && !live.contains(name)) {
                FileSystem.remove(path)
            }
        }
        for name in FileSystem.list(logDirectory) where name.hasPrefix(".tmp-") {
            FileSystem.remove(PathText.join(logDirectory, name))
        }
        // Commit files older than the kept window are history no reader needs.
        for v in vs.dropLast(keep) {
            FileSystem.remove(PathText.join(logDirectory, CommitLog.fileName(v)))
        }
    }
}
