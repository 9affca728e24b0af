import Diagnostics
import Foundation
import Testing
@testable import Lake

/// The lake's own JSON (commit files and the facts they keep): read whatever valid JSON a
/// writer produced, written back with sorted keys.
@Suite struct LakeJSONTests {
    @Test func readsWhatFoundationWrites() throws {
        let commit = Commit(version: 7, timestamp: "2026-01-02T03:04:05.678Z", operation: "REFRESH",
                            files: [DataFile(path: "part-1.parquet", rows: 3, bytes: 1200), DataFile(path: "part-2.parquet", rows: 0, bytes: 9)],
                            properties: ["bronze_file_list": "{\"bronze.a\":[\"bronze/a/x.json\"]}", "note": "tab\t, quote \", é, 🚗, \u{1}"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let foundation = try encoder.encode(commit)
        let back = try Commit(json: try LakeJSON.parse([UInt8](foundation)))
        #expect(back.version == 7 && back.timestamp == commit.timestamp && back.operation == "REFRESH")
        #expect(back.files == commit.files)
        #expect(back.properties == commit.properties)
        // Ours reads back the same, and Foundation reads ours.
        let ours = commit.json.text(pretty: true)
        #expect(try Commit(json: try LakeJSON.parse(ours)).properties == commit.properties)
        let decoded = try JSONDecoder().decode(Commit.self, from: Data(ours.utf8))
        #expect(decoded.files == commit.files && decoded.properties == commit.properties)
    }

    @Test func escapesAndNumbers() throws {
        let v = try LakeJSON.parse(#" { "b": [1, -2.5e3, true, false, null], "a": "\u00e9\ud83d\ude97\/\n" } "#)
        #expect(v["a"]?.string == "é🚗/\n")
        #expect(v["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        // Keys sorted, strings escaped where JSON requires it.
        #expect(v.text() == #"{"a":"é🚗/\n","b":[1,-2.5e3,true,false,null]}"#)
        #expect(LakeJSON(lists: ["z": ["1"], "a": []]).text() == #"{"a":[],"z":["1"]}"#)
        #expect(try LakeJSON.parse(LakeJSON(counts: ["t": ["f": 12]]).text()).counts == ["t": ["f": 12]])
    }

    @Test func chosenMembersOnly() throws {
        let text = #"{"properties": {"a": "x\"]}[{", "b": [1, {"c": null}]}, "files": [{"path": "p1"}], "z": "\\"}"#
        let picked = try LakeJSON.members(["files"], of: Array(text.utf8))
        #expect(picked.count == 1)
        #expect(picked["files"]?.array?.first?["path"]?.string == "p1")
        #expect(throws: SQLError.self) { try LakeJSON.members(["files"], of: Array(#"{"a": "unterminated}"#.utf8)) }
        #expect(throws: SQLError.self) { try LakeJSON.members(["files"], of: Array(#"{"a": [1, 2}"#.utf8)) }
        // A commit's file names without decoding the rest.
        let root = NSTemporaryDirectory() + "lakesql-commit-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = CommitLog(root: root)
        _ = try log.commit(files: [DataFile(path: "a", rows: 1, bytes: 2), DataFile(path: "b", rows: 1, bytes: 2)], operation: "CREATE",
                           properties: ["big": String(repeating: "[{\"", count: 1000)])
        #expect(try CommitLog(root: root).files(1) == ["a", "b"])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "{\"a\":1} x", "\"\\q\"", "\"\\ud800\"", "-", "[01x]", "\"a\u{1}\""])
    func malformedTextIsAnError(_ text: String) {
        #expect(throws: SQLError.self) { try LakeJSON.parse(text) }
    }

    @Test func aDamagedCommitFileSaysWhere() throws {
        let root = NSTemporaryDirectory() + "lakesql-commit-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = CommitLog(root: root)
        _ = try log.commit(files: [DataFile(path: "p", rows: 1, bytes: 2)], operation: "CREATE", properties: ["k": "v"])
        #expect(try log.read(1).properties == ["k": "v"])
        try FileSystem.writeDurably(Array("{\"version\": 2, \"files\": [}".utf8), to: root + "/_log/" + CommitLog.fileName(2))
        do {
            _ = try log.read(2)
            Issue.record("a damaged commit was read")
        } catch {
            #expect(error.message.contains("damaged commit file"))
        }
    }
}
