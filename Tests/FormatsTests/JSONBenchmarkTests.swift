import Columnar
import Dispatch
import Foundation
import Formats
import Testing

/// Hand-run throughput measurement of the JSON reader (never a timed assertion).
///
/// ```sh
/// python3 Benchmarks/gen_listings.py --rows 1000000 --files 100 --out /tmp/listings
/// LAKESQL_BENCH=1 LAKESQL_BENCH_DIR=/tmp/listings \
///   swift test -c release -Xswiftc -enable-testing --filter JSONBenchmarkTests
/// ```
/// It runs `count(*) WHERE price > 20000` over every `.json` file of the folder on two
/// threads (files dealt out round-robin; a single file is split into two byte ranges) and
/// prints MB/s.
@Suite struct JSONBenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["LAKESQL_BENCH"] == "1"

    static let schema = Schema([
        Field(name: "listing_id", type: .int64),
        Field(name: "vin", type: .string),
        Field(name: "car", type: .struct([StructField(name: "make", type: .string), StructField(name: "model", type: .string), StructField(name: "year", type: .int32)])),
        Field(name: "mileage", type: .int32),
        Field(name: "fuel", type: .string),
        Field(name: "price", type: .decimal(precision: 10, scale: 2)),
        Field(name: "dealer_id", type: .int32),
        Field(name: "listed_at", type: .timestamp),
    ])

    /// Rows of `result` whose first column (a DECIMAL(10,2)) is above `limit` (unscaled).
    static func countAbove(_ result: JSONReadResult, _ limit: Int128) -> Int {
        var n = 0
        for batch in result.batches {
            guard case let .decimal(values) = batch.columns[0].storage else { continue }
            let column = batch.columns[0]
            for i in 0..<values.count where values[i] > limit && !column.isNull(i) { n += 1 }
        }
        return n
    }

    @Test(.enabled(if: enabled)) func priceFilterThroughput() throws {
        let dir = ProcessInfo.processInfo.environment["LAKESQL_BENCH_DIR"] ?? "/tmp/listings"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted().map { dir + "/" + $0 }
        let projection = [Self.schema.index(of: "price") ?? 0]
        let reader = try JSONReader(schema: Self.schema, projection: projection)
        var bytes = 0
        for f in files { bytes += (try FileManager.default.attributesOfItem(atPath: f)[.size] as? Int) ?? 0 }
        let totalBytes = bytes
        for run in 1...3 {
            let counts = Counts()
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                var local = 0, rows = 0
                if files.count == 1 {
                    let size = totalBytes
                    let ranges = JSONReader.byteRanges(size: size, parts: 2)
                    if worker < ranges.count, let r = try? reader.read(path: files[0], displayPath: files[0], range: ranges[worker]) {
                        local += Self.countAbove(r, 2_000_000); rows += r.rowsRead
                    }
                } else {
                    var k = worker
                    while k < files.count {
                        if let r = try? reader.read(path: files[k], displayPath: files[k]) { local += Self.countAbove(r, 2_000_000); rows += r.rowsRead }
                        k += 2
                    }
                }
                counts.add(local, rows)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let (matched, rows) = counts.value
            print(String(format: "run %d: %d files, %.1f MB, %d rows, %d with price > 20000: %.3f s, %.0f MB/s", run, files.count, Double(bytes) / 1e6, rows, matched, seconds, Double(bytes) / 1e6 / seconds))
        }
    }
}

/// A lock-protected pair of counters shared by the benchmark's threads.
final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var matched = 0, rows = 0
    func add(_ m: Int, _ r: Int) { lock.lock(); matched += m; rows += r; lock.unlock() }
    var value: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (matched, rows) }
}
