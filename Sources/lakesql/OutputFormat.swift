import ArgumentParser

/// The result formats of `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Box drawing with a type line and a row-count footer (DuckDB's default look).
    case table
    /// Box drawing with names only: no type line, no footer, every row.
    case box
    /// RFC 4180 comma separated values.
    case csv
    /// Tab separated values.
    case tsv
    /// One JSON array of objects per result.
    case json
    /// One JSON object per line.
    case jsonl
    /// A GitHub markdown table.
    case markdown
    /// One `name = value` line per column, records separated by blank lines.
    case line
    /// The whole result as one Parquet file (to a pipe or `-o FILE`).
    case parquet

    /// What NULL looks like when `--null` is not given.
    var defaultNullText: String {
        switch self {
        case .table, .box, .markdown, .line: return "NULL"
        case .csv, .tsv, .json, .jsonl, .parquet: return ""
        }
    }
}
