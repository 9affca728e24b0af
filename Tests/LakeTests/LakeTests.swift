import Columnar
import Diagnostics
import Foundation
import SQLSyntax
import Testing
@testable import Lake

/// Stores batches as text lines, one value per cell: enough to exercise the commit log
/// with real files (the lake's own format, Parquet, is tested in FormatsTests).
struct LineFormat: DataFileFormat {
    let fileExtension = "lines"
    func write(_ batches: [Batch], schema: Schema, to path: String, sync: Bool) throws(SQLError) -> Int {
        var text = ""
        for b in batches { for i in 0..<b.count { text += b.columns.map { $0.value(at: i).rendered(type: nil) ?? "" }.joined(separator: "\t") + "\n" } }
        try FileSystem.writeDurably(Array(text.utf8), to: path)
        return text.utf8.count
    }
    func read(_ path: String, schema: Schema, projection: [Int]) throws(SQLError) -> [Batch] {
        let text = String(decoding: try FileSystem.read(path), as: UTF8.self)
        var builders = projection.map { ColumnBuilder(type: schema.fields[$0].type) }
        var n = 0
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            for (k, p) in projection.enumerated() { builders[k].append(.int(Int64(cells[p]) ?? 0)) }
            n += 1
        }
        return [Batch(columns: builders.map { $0.finish() }, count: n)]
    }
}

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "lakesql-test-\(UInt64.random(in: 0...UInt64.max))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func ints(_ v: [Int64]) -> Batch {
    Batch(columns: [Column(type: .int64, storage: .int(v))], count: v.count)
}

@Suite struct CommitLogTests {
    let schema = Schema([Field(name: "x", type: .int64)])

    func values(_ t: ManagedTable) throws -> [Int64] {
        try t.readAll().flatMap { b in (0..<b.count).compactMap { b.columns[0].value(at: $0).intValue } }
    }

    @Test func appendReplaceAndVersions() throws {
        let root = temporaryFolder() + "/t"
        let t = ManagedTable(root: root, schema: schema, format: LineFormat())
        try t.create()
        try t.append([ints([1, 2])], operation: "INSERT")
        try t.append([ints([3])], operation: "INSERT")
        #expect(try values(t).sorted() == [1, 2, 3])
        try t.replace([ints([9])], operation: "UPDATE")
        #expect(try values(t) == [9])
        #expect(t.log.versions() == [1, 2, 3, 4])
        #expect(try t.snapshot()?.operation == "UPDATE")
        #expect(t.estimatedRowCount == 1)
    }

    /// Several new files in one commit, written at once: all listed, in the parts' order,
    /// next to the files kept; a part without rows makes no file.
    @Test func oneCommitAddsSeveralFilesWrittenAtOnce() throws {
        let root = temporaryFolder() + "/t"
        let t = ManagedTable(root: root, schema: schema, format: LineFormat())
        try t.create()
        let kept = try t.commit(keeping: [], adding: [ints([1])], operation: "INSERT", properties: [:])
        let files = try t.commit(keeping: kept, addingFiles: [{ [ints([2, 3])] }, { [] }, { [ints([4])] }], operation: "INSERT", properties: [:])
        #expect(files.count == 3 && files[0] == kept[0] && files.map(\.rows) == [1, 2, 1])
        #expect(try t.snapshot()?.files == files)
        #expect(try values(t).sorted() == [1, 2, 3, 4])
        #expect(t.log.versions().count == 3)
    }

    @Test func leftoversOfFailedWritesAreCleanedOnTheNextWrite() throws {
        let root = temporaryFolder() + "/t"
        let t = ManagedTable(root: root, schema: schema, format: LineFormat())
        try t.append([ints([1])], operation: "INSERT")
        // A writer that died before committing leaves a temporary file and an orphan part.
        try FileSystem.writeDurably(Array("junk".utf8), to: root + "/.tmp-1-2.lines")
        try FileSystem.writeDurably(Array("5\n".utf8), to: root + "/part-00000009-1.lines")
        try FileSystem.writeDurably(Array("{".utf8), to: root + "/_log/.tmp-3-4")
        #expect(try values(t) == [1])
        try t.append([ints([2])], operation: "INSERT")
        let names = FileSystem.list(root)
        #expect(!names.contains(".tmp-1-2.lines"))
        #expect(!names.contains("part-00000009-1.lines"))
        #expect(!FileSystem.list(root + "/_log").contains(".tmp-3-4"))
        #expect(try values(t).sorted() == [1, 2])
    }

    @Test func replacedFilesStayWhileARecentVersionListsThem() throws {
        let root = temporaryFolder() + "/t"
        let t = ManagedTable(root: root, schema: schema, format: LineFormat())
        func parts() -> Int { FileSystem.list(root).filter { $0.hasPrefix("part-") }.count }
        try t.append([ints([1])], operation: "INSERT")
        try t.append([ints([2])], operation: "INSERT")
        #expect(parts() == 2)
        // Replaced rows stay on disk for readers of the older versions ...
        for k in 0..<5 { try t.replace([ints([Int64(10 + k)])], operation: "UPDATE") }
        #expect(parts() == 7)
        // ... until no version among the newest ten lists them (a write cleans up before it
        // commits: the ten files of the versions before it, and its own).
        for k in 0..<10 { try t.replace([ints([Int64(20 + k)])], operation: "UPDATE") }
        #expect(parts() == 11)
        #expect(try values(t) == [29])
    }

    @Test func aVersionIsNeverOverwritten() throws {
        let log = CommitLog(root: temporaryFolder() + "/t")
        _ = try log.commit(files: [], operation: "CREATE")
        let path = log.logDirectory + "/" + CommitLog.fileName(2)
        #expect(try FileSystem.createExclusively(path, with: Array("{}".utf8)))
        #expect(try !FileSystem.createExclusively(path, with: Array("{}".utf8)))
    }
}

@Suite struct CatalogStoreTests {
    @Test func savesLoadsAndReportsDamage() throws {
        let lake = temporaryFolder()
        let store = CatalogStore(lake: lake)
        let stmt = try SQLParser.parseOne("CREATE VIEW v AS SELECT 1 AS a").statement
        try store.save(schema: "main", name: "v", statement: stmt)
        try FileSystem.writeDurably(Array("CREATE TABLE (".utf8), to: store.directory + "/main.broken.sql")
        let entries = store.load()
        #expect(entries.map(\.name) == ["broken", "v"])
        if case let .failure(e) = entries[0].statement {
            #expect(e.message.hasPrefix("_catalog/main.broken.sql: damaged catalog file"))
        } else {
            Issue.record("expected a damaged entry")
        }
        if case .success(.createView) = entries[1].statement {} else { Issue.record("view not loaded") }
        let before = store.signature()
        store.remove(schema: "main", name: "v")
        #expect(store.signature() != before)
    }
}

@Suite struct FileSetTests {
    @Test func foldersGlobsAndHiddenNames() throws {
        let lake = temporaryFolder()
        for f in ["bronze/l/2024-01/a.json", "bronze/l/2024-02/b.jsonl.gz", "bronze/l/2024-02/_tmp.json", "bronze/l/.hidden/c.json",
                  "bronze/l/notes.txt", "bronze/l/2023-12/d.ndjson"] {
            let p = lake + "/" + f
            try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileSystem.writeDurably([], to: p)
        }
        let all = try FileSet.resolve("bronze/l", lake: lake, extensions: FileSet.jsonExtensions)
        #expect(all.files.map(\.display) == ["bronze/l/2023-12/d.ndjson", "bronze/l/2024-01/a.json", "bronze/l/2024-02/b.jsonl.gz"])
        let glob = try FileSet.resolve("bronze/l/2024-*/*.json*", lake: lake, extensions: FileSet.jsonExtensions)
        #expect(glob.files.map(\.display) == ["bronze/l/2024-01/a.json", "bronze/l/2024-02/b.jsonl.gz"])
        let one = try FileSet.resolve("bronze/l/2024-01/a.json", lake: lake, extensions: FileSet.jsonExtensions)
        #expect(one.files.count == 1)
        let deep = try FileSet.resolve("bronze/**/*.ndjson", lake: lake, extensions: FileSet.jsonExtensions)
        #expect(deep.files.map(\.display) == ["bronze/l/2023-12/d.ndjson"])
        #expect(try FileSet.resolve("nowhere", lake: lake, extensions: ["json"]).files.isEmpty)
    }
}
