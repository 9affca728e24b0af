import Foundation
import Testing

/// Runs the README's pandas recipes (csv, jsonl, parquet) with python3 against the built
/// binary over a lake holding NULLs, unicode, quotes, commas, line breaks and nested values.
/// Needs `pip install pandas pyarrow`; skipped with a message when they are missing.
@Suite(.enabled(if: PythonTools.canImport("pandas, pyarrow"),
                "needs pandas and pyarrow for python3: pip install pandas pyarrow"))
struct PandasRecipeTests {
    /// Rows of the test table, as a bronze JSON file.
    static let bronze = """
        {"id":1,"s":"plain","d":1.5,"arr":[1,2],"st":{"k":"v","n":1}}
        {"id":2,"s":null,"d":null,"arr":null,"st":null}
        {"id":3,"s":"héllo \\"quoted\\", comma\\nnewline ✓","d":-2.25,"arr":[3],"st":{"k":"w","n":2}}

        """

    /// Checks every format shares, then per format.
    static let commonChecks = """
        assert list(df["id"]) == [1, 2, 3], list(df["id"])
        assert df["s"][0] == "plain"
        assert df["s"][2] == 'héllo "quoted", comma\\nnewline ✓', repr(df["s"][2])
        assert pd.isna(df["s"][1]) and pd.isna(df["d"][1])
        assert df["d"][0] == 1.5 and df["d"][2] == -2.25
        """

    static let formatChecks: [String: String] = [
        "csv": """
            assert df["arr"][0] == "[1, 2]", repr(df["arr"][0])
            assert df["st"][0] == "{k: 'v', n: 1}", repr(df["st"][0])
            assert pd.isna(df["arr"][1])
            """,
        "jsonl": """
            assert list(df["arr"][0]) == [1, 2] and list(df["arr"][2]) == [3]
            assert df["st"][0] == {"k": "v", "n": 1}, repr(df["st"][0])
            assert df["arr"][1] is None or pd.isna(df["arr"][1])
            """,
        "parquet": """
            assert list(df["arr"][0]) == [1, 2] and list(df["arr"][2]) == [3]
            assert df["st"][0]["k"] == "v" and df["st"][0]["n"] == 1, repr(df["st"][0])
            assert df["arr"][1] is None
            """,
    ]

    /// The recipe of `format` from the README's "From pandas" section.
    static func recipe(_ format: String) throws -> String {
        let readme = try String(contentsOf: PythonTools.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "### From pandas").dropFirst().first ?? ""
        let blocks = section.components(separatedBy: "```python\n").dropFirst().map { $0.components(separatedBy: "```").first ?? "" }
        guard let block = blocks.first(where: { $0.contains("\"--format\", \"\(format)\"") }) else {
            throw RecipeMissing(format: format)
        }
        return block
    }

    struct RecipeMissing: Error { var format: String }

    @Test(arguments: ["csv", "jsonl", "parquet"])
    func recipeReadsEveryValue(format: String) throws {
        let binary = try #require(LakeSQLBinary.url, "lakesql binary not built")
        let dir = try LakeSQLBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lake = dir.appendingPathComponent("lake")
        let feed = lake.appendingPathComponent("bronze/items")
        try FileManager.default.createDirectory(at: feed, withIntermediateDirectories: true)
        try PandasRecipeTests.bronze.write(to: feed.appendingPathComponent("part.json"), atomically: true, encoding: .utf8)
        let create = try LakeSQLBinary.run([
            "--lake", lake.path, "-c",
            "CREATE TABLE items (id BIGINT, s STRING, d DOUBLE, arr ARRAY<BIGINT>, st STRUCT<k: STRING, n: BIGINT>) USING JSON LOCATION 'bronze/items'",
        ])
        #expect(create.status == 0, "\(create.stderr)")
        let script = "sql = \"SELECT * FROM items ORDER BY id\"\n" + (try PandasRecipeTests.recipe(format))
            + PandasRecipeTests.commonChecks + "\n" + (PandasRecipeTests.formatChecks[format] ?? "") + "\nprint(\"ok\")\n"
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let result = try PythonTools.run(["-c", script], environment: [
            "PATH": binary.deletingLastPathComponent().path + ":" + path,
            "LAKESQL_LAKE": lake.path,
        ])
        #expect(result.status == 0 && result.output.hasSuffix("ok\n"), "\(format) recipe failed:\n\(result.output)")
    }
}
