import Diagnostics
import Formats
import FoundationEssentials
import SQLSyntax

/// The persisted catalog: `<lake>/_catalog/<schema>.<name>.sql`, one normalized DDL
/// statement per table or view, each file replaced atomically. Any process opening the
/// lake sees what the others created.
package struct CatalogStore: Sendable {
    /// One catalog file as loaded.
    package struct Entry: Sendable {
        package var schema: String
        package var name: String
        package var file: String
        /// The statement, or why the file could not be read.
        package var statement: Result<Statement, SQLError>
        /// The text the statement was parsed from.
        package var sql: String
    }

    /// The lake folder.
    package let lake: String

    package init(lake: String) { self.lake = lake }

    package var directory: String { PathText.join(lake, "_catalog") }

    static func fileName(schema: String, name: String) -> String { "\(schema).\(name).sql" }

    /// A fingerprint of the folder (names, sizes, times): it changes when any process writes.
    package func signature() -> [String] {
        FileSystem.list(directory).filter { $0.hasSuffix(".sql") }.sorted().map { name in
            let info = FileSystem.info(PathText.join(directory, name))
            return "\(name):\(info?.size ?? -1):\(info?.mtime ?? -1)"
        }
    }

    /// Every catalog file; damaged ones carry their error (naming the file).
    package func load() -> [Entry] {
        var out: [Entry] = []
        for name in FileSystem.list(directory).sorted() where name.hasSuffix(".sql") && !name.hasPrefix(".") {
            let parts = name.dropLast(4).split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let path = PathText.join(directory, name)
            let shown = "_catalog/\(name)"
            guard let bytes = try? FileSystem.read(path), let text = String(validating: bytes, as: UTF8.self) else {
                out.append(Entry(schema: parts[0], name: parts[1], file: shown, statement: .failure(SQLError(.io, "\(shown): cannot read catalog file")), sql: ""))
                continue
            }
            let result: Result<Statement, SQLError>
            do {
                let statements = try SQLParser.parse(text)
                if statements.count == 1 {
                    result = .success(statements[0].statement)
                } else {
                    result = .failure(SQLError(.data, "\(shown): damaged catalog file: expected one statement, found \(statements.count)"))
                }
            } catch {
                result = .failure(SQLError(.data, "\(shown): damaged catalog file: \(error.message)"))
            }
            out.append(Entry(schema: parts[0], name: parts[1], file: shown, statement: result, sql: text))
        }
        return out
    }

    /// Writes (or replaces) the definition of `schema.name`.
    package func save(schema: String, name: String, statement: Statement) throws(SQLError) {
        try FileSystem.makeDirectory(directory)
        let text = "-- LakeSQL catalog: the definition of \(schema).\(name). Written by lakesql; edit with care.\n"
            + SQLPrinter.statement(statement) + ";\n"
        let path = PathText.join(directory, CatalogStore.fileName(schema: schema, name: name))
        try FileSystem.replaceAtomically(path, with: Array(text.utf8))
    }

    /// Removes the definition of `schema.name`.
    package func remove(schema: String, name: String) {
        FileSystem.remove(PathText.join(directory, CatalogStore.fileName(schema: schema, name: name)))
        FileSystem.syncDirectory(directory)
    }

    /// Schemas recorded as folders `_catalog/<schema>.schema` markers.
    package func schemas() -> [String] {
        FileSystem.list(directory).filter { $0.hasSuffix(".schema") }.map { String($0.dropLast(7)) }
    }

    /// Records a schema.
    package func saveSchema(_ schema: String) throws(SQLError) {
        try FileSystem.makeDirectory(directory)
        try FileSystem.replaceAtomically(PathText.join(directory, "\(schema).schema"), with: Array("-- schema \(schema)\n".utf8))
    }

    /// Forgets a schema.
    package func removeSchema(_ schema: String) {
        FileSystem.remove(PathText.join(directory, "\(schema).schema"))
    }
}
