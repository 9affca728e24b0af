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

    /// True when some key of `sortedKeys` lies in `range`.
    static func meets(_ range: ClosedRange<Int64>, _ sortedKeys: [Int64]) -> Bool {
        var lo = 0, hi = sortedKeys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedKeys[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < sortedKeys.count && sortedKeys[lo] <= range.upperBound
    }
}
