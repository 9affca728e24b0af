// Where the sqllogictest files live, found from this source file's path.

import Foundation

/// The `.slt` conformance files under `Tests/EngineTests/slt/`.
enum SLTFiles {
    /// `Tests/EngineTests/slt`, absolute.
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("slt").path
    }()

    /// Every `.slt` file, relative to `folder` (e.g. `select/basics.slt`), sorted.
    static let all: [String] = {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".slt") { found.append(item) }
        }
        return found.sorted()
    }()

    /// Absolute path of a file named by `all`.
    static func path(_ relative: String) -> String { folder + "/" + relative }
}

/// SQLite's public sqllogictest corpus, kept beside the checkout in `../shared/slt`.
enum SQLiteCorpus {
    /// `<repo>/../shared/slt`, or nil when it is absent.
    static let folder: String? = {
        let repo = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = repo.deletingLastPathComponent().appendingPathComponent("shared/slt").standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return path
    }()

    /// True when the corpus is there to run.
    static var isPresent: Bool { folder != nil }

    /// `select1.test`, relative to `folder`, when present.
    static var select1: [String] {
        guard let folder, FileManager.default.fileExists(atPath: folder + "/select1.test") else { return [] }
        return ["select1.test"]
    }

    /// `evidence/*.test`, relative to `folder`, sorted.
    static var evidence: [String] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder + "/evidence") else { return [] }
        return names.filter { $0.hasSuffix(".test") }.sorted().map { "evidence/" + $0 }
    }

    /// Where the list of failing corpus records is written (outside the repository's sources).
    static let failureLog: String = {
        let repo = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let build = repo.appendingPathComponent(".build")
        if FileManager.default.fileExists(atPath: build.path) {
            return build.appendingPathComponent("sqlite-corpus-failures.txt").path
        }
        return NSTemporaryDirectory() + "lakesql-sqlite-corpus-failures.txt"
    }()
}
