import Formats
import Synchronization

/// The smallest and largest value of an integer column in each bronze file, noted while a
/// scan reads the column as a join key. A later scan looking for a few keys skips files
/// whose range holds none of them (bronze files never change: a range belongs to a file
/// of one size, and a file of another size has no range).
package struct FileKeyRanges: Sendable, Codable, Equatable {
    /// Column name → file (as shown) → [size in bytes, min, max].
    package var ranges: [String: [String: [Int64]]] = [:]

    package init() {}

    /// The ranges as JSON: `{"ranges": {column: {file: [size, min, max]}}}`.
    package var json: LakeJSON {
        .object([("ranges", .object(ranges.map { column, files in
            (column, .object(files.map { file, r in (file, .array(r.map { .number(String($0)) })) }))
        }))])
    }

    /// Ranges read back from their JSON (nil if it has another shape).
    package init?(json: LakeJSON) {
        guard let columns = json["ranges"]?.members else { return nil }
        for (column, files) in columns {
            guard let files = files.members else { return nil }
            var byFile: [String: [Int64]] = [:]
            for (file, r) in files {
                guard let items = r.array else { return nil }
                var values: [Int64] = []
                for item in items {
                    guard let v = item.int64 else { return nil }
                    values.append(v)
                }
                byFile[file] = values
            }
            ranges[column] = byFile
        }
    }

    /// The range of `file` (of `size` bytes) for `column`, if noted.
    package func range(_ column: String, _ file: String, size: Int) -> ClosedRange<Int64>? {
        guard let r = ranges[column]?[file], r.count == 3, r[0] == Int64(size), r[1] <= r[2] else { return nil }
        return r[1]...r[2]
    }

    /// Notes a range.
    package mutating func note(_ column: String, _ file: String, size: Int, _ range: ClosedRange<Int64>) {
        ranges[column, default: [:]][file] = [Int64(size), range.lowerBound, range.upperBound]
    }

    /// The ranges of `other` added to these.
    package mutating func merge(_ other: FileKeyRanges) {
        for (column, files) in other.ranges {
            for (file, r) in files { ranges[column, default: [:]][file] = r }
        }
    }

    /// Only the files still listed.
    package func keeping(files: Set<String>) -> FileKeyRanges {
        var out = FileKeyRanges()
        for (column, byFile) in ranges {
            let kept = byFile.filter { files.contains($0.key) }
            if !kept.isEmpty { out.ranges[column] = kept }
        }
        return out
    }
}
