import Columnar
import Diagnostics
import Formats
import Lake

/// The kept MEDIAN values of a view refreshed from partials, as sorted runs in
/// `<view>/_state/values/` (listed by the state's `median_values`). A refresh writes its new
/// values as one more run; runs of similar size are merged (the newest ones, LSM-style), so
/// there are never more than `maxRuns` and a value is rewritten only a few times.
extension Session {
    /// Most runs kept at once.
    static let maxRuns = 8
    /// A full refresh keeps its values as two runs from this many on (two files written
    /// at once take about half as long as one).
    static let splitRunsFrom = 1 << 18

    /// The runs the state commit `previous` lists, mapped (not read).
    func medianRuns(of table: ManagedTable, _ m: MergeableAggregate, previous: Commit?) throws(SQLError) -> (files: [DataFile], runs: [MedianRun]) {
        let values = try valuesTable(of: table, m)
        let listed = listedMedianValues(previous)
        let kept = (try values.snapshot()?.files ?? []).filter { listed.contains($0.path) }
        guard kept.count == listed.count else { throw SQLError(.internal, "the stored median values of \(table.root) are incomplete") }
        var runs: [MedianRun] = []
        for f in kept {
            runs.append(try MedianRun(try MappedRawColumns(PathText.join(values.root, f.path), columns: 2)))
        }
        return (kept, runs)
    }

    /// The values files a state commit lists.
    func listedMedianValues(_ commit: Commit?) -> Set<String> {
        Set(commit?.properties["median_values"].flatMap { (try? LakeJSON.parse($0))?.strings } ?? [])
    }

    /// Why the kept values listed by `previous` cannot be used (nil: they can): a file
    /// missing from the values table or from disk, or one whose header is damaged.
    func medianValuesProblem(of table: ManagedTable, _ m: MergeableAggregate, previous: Commit) throws(SQLError) -> String? {
        guard previous.properties["median_values"] != nil else { return "the view has no incremental state yet" }
        // The values files the state lists must all be there (an interrupted refresh can
        // leave the values ahead of the state, never behind unless cleaned up).
        let listed = listedMedianValues(previous)
        let values = try valuesTable(of: table, m)
        let present = Set((try values.snapshot()?.files ?? []).map(\.path))
        if !listed.isSubset(of: present) { return "the view's kept MEDIAN values are incomplete (an earlier refresh was interrupted)" }
        for f in listed.sorted() {
            do throws(SQLError) {
                let file = try MappedRawColumns(PathText.join(values.root, f), columns: 2)
                _ = try MedianRun(file)
            } catch {
                return "the view's kept MEDIAN values are damaged (\(error.message))"
            }
        }
        return nil
    }

    /// Takes the medians of the groups that gained values again and keeps the new values:
    /// returns the state with its medians and the `median_values` list to record.
    func refreshMedians(_ state: Batch, _ m: MergeableAggregate, table: ManagedTable, previous: Commit?,
                        new: MedianRun, starts: [Int]) throws(SQLError) -> (state: Batch, list: String) {
        let (files, runs) = try medianRuns(of: table, m, previous: previous)
        let out = try m.refreshMedians(state, runs: runs, new: new, starts: starts)
        guard new.count > 0 else { return (out, sortedJSON(files.map(\.path))) }
        let take = MedianRun.runsToMerge(sizes: runs.map(\.count), adding: new.count, limit: Session.maxRuns)
        let run = take == 0 ? new : MedianRun.merge(Array(runs.suffix(take)) + [new])
        if take > 0, !run.isSorted() {
            throw SQLError(.data, "the kept MEDIAN values of \(table.root) are damaged (a run is not sorted); refresh the view with FULL")
        }
        let values = try valuesTable(of: table, m)
        let written = try values.commit(keeping: Array(files.dropLast(take)), adding: [run.batch()],
                                        operation: take == 0 ? "REFRESH" : "COMPACT", properties: [:])
        return (out, sortedJSON(written.map(\.path)))
    }
}

extension MedianRun {
    /// How many of the newest runs (of `sizes` rows, oldest first) to merge with a new run of
    /// `new` rows: every run no larger than about what is merged so far (so sizes grow
    /// geometrically from newest to oldest, as a binary counter's digits), and as many more
    /// as keep the count at most `limit`.
    static func runsToMerge(sizes: [Int], adding new: Int, limit: Int) -> Int {
        var take = 0, merged = new
        while take < sizes.count {
            let previous = sizes[sizes.count - 1 - take]
            let after = sizes.count - take + 1
            guard after > limit || previous <= merged + merged / 2 else { break }
            merged += previous
            take += 1
        }
        return take
    }
}
