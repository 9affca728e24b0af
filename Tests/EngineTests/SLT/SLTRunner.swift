// Runs parsed sqllogictest records against an `SLTDatabase` and checks each result.

import Columnar
import Diagnostics
import Foundation

/// Runs the records of one sqllogictest file.
struct SLTRunner {
    /// The engine name `skipif`/`onlyif` compare against.
    static let engineName = "lakesql"

    /// File name used in failure reports.
    var file: String
    /// Results with more values than this compare by hash (0: never).
    var hashThreshold = 0

    /// Creates a runner reporting failures under `file`.
    init(file: String) { self.file = file }

    /// Reads, parses and runs the file at `path`, naming it `display` in reports.
    static func runFile(path: String, display: String, on db: some SLTDatabase) -> SLTFileReport {
        var report = SLTFileReport(file: display)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            report.failed = 1
            report.failures = [SLTFailure(file: display, line: 0, sql: "", message: "cannot read file: \(error)")]
            return report
        }
        let records: [SLTRecord]
        do {
            records = try SLTParser.parse(text)
        } catch {
            report.failed = 1
            report.failures = [SLTFailure(file: display, line: error.line, sql: "", message: "parse error: \(error.message)")]
            return report
        }
        var runner = SLTRunner(file: display)
        return runner.run(records, on: db)
    }

    /// Runs `records` in order on `db`.
    mutating func run(_ records: [SLTRecord], on db: some SLTDatabase) -> SLTFileReport {
        var report = SLTFileReport(file: file)
        var halted = false
        for record in records {
            let countable = record.sql != nil
            if halted || !record.applies(to: SLTRunner.engineName) {
                if countable { report.skipped += 1 }
                continue
            }
            switch record.command {
            case .halt:
                halted = true
            case let .hashThreshold(n):
                hashThreshold = n
            case .unknown:
                report.skipped += 1
            case .statementOK, .statementError, .query:
                if let failure = check(record, on: db) {
                    report.failed += 1
                    report.failures.append(failure)
                } else {
                    report.passed += 1
                }
            }
        }
        return report
    }

    /// Runs one record; nil when it behaved as expected.
    func check(_ record: SLTRecord, on db: some SLTDatabase) -> SLTFailure? {
        func fail(_ message: String) -> SLTFailure {
            SLTFailure(file: file, line: record.line, sql: record.sql ?? "", message: message)
        }
        switch record.command {
        case let .statementOK(sql):
            do {
                _ = try db.run(sql)
                return nil
            } catch {
                return fail("statement failed: \(error)")
            }
        case let .statementError(sql, pattern):
            do {
                _ = try db.run(sql)
                return fail("statement succeeded but an error was expected")
            } catch {
                if error.kind == .internal { return fail("expected an error, got an internal error: \(error)") }
                if let pattern, !SLTRunner.matches(error.description, pattern: pattern) {
                    return fail("error did not match \(pattern)\n  actual: \(error)")
                }
                return nil
            }
        case let .query(sql, types, sort, _, expected):
            let result: SLTRows?
            do {
                result = try db.run(sql)
            } catch {
                return fail("query failed: \(error)")
            }
            guard let result else { return fail("query returned no rows (a status), expected \(types.count) columns") }
            if result.columnCount != types.count {
                return fail("query returned \(result.columnCount) columns, the type string \(types) has \(types.count)")
            }
            return compare(result, types: Array(types), sort: sort, expected: expected).map(fail)
        case .hashThreshold, .halt, .unknown:
            return nil
        }
    }

    /// Compares formatted rows with the expected block; the mismatch text or nil.
    func compare(_ result: SLTRows, types: [Character], sort: SLTSortMode, expected: SLTExpected) -> String? {
        var rows = result.rows.map { row in
            row.enumerated().map { j, value in SLTFormatter.format(value, type: j < types.count ? types[j] : "T") }
        }
        if sort == .rowsort { rows.sort(by: SLTRunner.rowPrecedes) }
        var values = rows.flatMap { $0 }
        if sort == .valuesort { values.sort(by: SLTRunner.textPrecedes) }

        switch expected {
        case let .hash(count, md5):
            let actual = SLTRunner.hash(values)
            if count == values.count, md5 == actual { return nil }
            return "expected \(count) values hashing to \(md5)\n  actual: \(values.count) values hashing to \(actual)"
                + SLTRunner.excerpt(values, label: "actual values")
        case let .lines(lines):
            var wanted = SLTRunner.expectedValues(lines, columnCount: types.count)
            switch sort {
            case .nosort: break
            case .rowsort: wanted = SLTRunner.sortedRows(wanted, columnCount: types.count)
            case .valuesort: wanted.sort(by: SLTRunner.textPrecedes)
            }
            if wanted == values { return nil }
            let wantedText = SLTRunner.hashThresholdText(wanted, threshold: hashThreshold)
            let actualText = SLTRunner.hashThresholdText(values, threshold: hashThreshold)
            return "wrong result\n  expected:\(wantedText)\n  actual:\(actualText)"
        }
    }

    /// The expected values of a block: one value per line, or (when every line has exactly
    /// `columnCount` tab-separated fields and there are several columns) one row per line.
    static func expectedValues(_ lines: [String], columnCount: Int) -> [String] {
        guard columnCount > 1, !lines.isEmpty else { return lines }
        let split = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        if split.allSatisfy({ $0.count == columnCount }) { return split.flatMap { $0 } }
        return lines
    }

    /// Values regrouped into rows of `columnCount` and sorted as `rowsort` sorts.
    static func sortedRows(_ values: [String], columnCount: Int) -> [String] {
        guard columnCount > 0, values.count % columnCount == 0 else { return values }
        var rows: [[String]] = []
        var i = 0
        while i < values.count {
            rows.append(Array(values[i..<(i + columnCount)]))
            i += columnCount
        }
        return rows.sorted(by: rowPrecedes).flatMap { $0 }
    }

    /// Byte-wise string order (C's `strcmp`).
    static func textPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Rows ordered value by value with `textPrecedes`.
    static func rowPrecedes(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return textPrecedes(x, y) }
        return a.count < b.count
    }

    /// MD5 of the values, each followed by a newline (SQLite's harness).
    static func hash(_ values: [String]) -> String {
        var md5 = MD5()
        for v in values {
            md5.update(v)
            md5.update(CollectionOfOne(UInt8(ascii: "\n")))
        }
        return md5.hexDigest()
    }

    /// True when `text` contains `pattern`, literally or as a regular expression.
    static func matches(_ text: String, pattern: String) -> Bool {
        if text.contains(pattern) { return true }
        guard let regex = try? Regex(pattern) else { return false }
        return text.contains(regex)
    }

    /// Values for a report: listed, or as a count and hash when there are many.
    static func hashThresholdText(_ values: [String], threshold: Int) -> String {
        if values.count > max(threshold, 40) { return " \(values.count) values hashing to \(hash(values))" + excerpt(values, label: "first") }
        return values.isEmpty ? " (no rows)" : "\n    " + values.joined(separator: "\n    ")
    }

    /// The first few values, for reports of long results.
    static func excerpt(_ values: [String], label: String) -> String {
        values.isEmpty ? "" : "\n  \(label): " + values.prefix(20).joined(separator: " | ")
    }
}
