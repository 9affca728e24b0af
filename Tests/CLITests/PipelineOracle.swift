import Foundation

/// An independent model of the `queries/` pipeline: it reads the bronze JSON files with
/// Foundation (`JSONSerialization`, one line at a time) and applies, by hand, the rules
/// of `grammar/README.md` and the SQL of `queries/01_bronze.sql` … `03_gold.sql`. It shares
/// no code with LakeSQL, so the gold tables can be checked against it.
///
/// Bad records (PERMISSIVE mode): a line that is not a JSON object, or a value that
/// cannot be converted to its declared type (`"price": "call us"`, `"year": "2017/18"`,
/// `"dealer_id": "D-12"`), makes the whole record a row of NULLs. Such a row has a NULL
/// key, so no filter or join of the pipeline keeps it: the oracle simply drops it. A
/// record is judged only on the columns the view's scans read (`ReadColumns`), as
/// LakeSQL and Spark judge pruned scans; a STRUCT column is converted whole, so every
/// field of `car` counts once `car` is read.
struct PipelineOracle {
    /// The declared columns one gold view's scans read, per feed (see `EXPLAIN`).
    struct ReadColumns {
        var listings: Set<String>
        var removals: Set<String>
        var dealers: Set<String>
    }

    /// One row of `silver.turnover` (and of `gold.listing_turnover`).
    struct TurnoverRow {
        var listingId: Int64
        var make: String?
        var model: String?
        var region: String?
        var fuel: String?
        var price: Double?
        var salePrice: Double?
        var reason: String?
        /// Microseconds since the epoch, UTC.
        var listedAt: Int64
        var removedAt: Int64
        /// Seconds between the two instants divided by 86400.
        var turnoverDays: Double
        /// Whole days between the two UTC dates.
        var calendarDays: Int64
    }

    /// count, avg, median (mean of the two middle values for an even count), min, max.
    struct Stats {
        var count: Int
        var avg: Double
        var median: Double
        var min: Double
        var max: Double

        /// The statistics of a non-empty list (NaN for an empty one).
        init(_ values: [Double]) {
            let sorted = values.sorted(), mid = sorted.count / 2
            count = sorted.count
            avg = values.reduce(0, +) / Double(count)
            median = count == 0 ? .nan : count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
            min = sorted.first ?? .nan
            max = sorted.last ?? .nan
        }
    }

    /// A row of `gold.turnover_by_make` before rounding.
    struct MakeRow {
        var removed: Int
        var sold: Int
        var stats: Stats
    }

    /// The group key of `gold.turnover_by_segment` (month: first instant of the UTC month).
    struct SegmentKey: Hashable, CustomStringConvertible {
        var make: String?
        var model: String?
        var region: String?
        var month: Int64

        var description: String { "\(make ?? "NULL")/\(model ?? "NULL")/\(region ?? "NULL")/\(OracleTime.text(month))" }
    }

    /// The records of each feed: nil for a line that is not a JSON object.
    let listings: [[String: Any]?]
    let removals: [[String: Any]?]
    let dealers: [[String: Any]?]

    /// Reads every `*.json` file under `<lake>/bronze/<feed>/` (names starting with `_` or
    /// `.` are skipped, as LakeSQL skips them); blank lines are not records.
    init(lake: URL) throws {
        func feed(_ name: String) throws -> [[String: Any]?] {
            let dir = lake.appendingPathComponent("bronze/\(name)")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
            var out: [[String: Any]?] = []
            for file in names {
                let bytes = try Data(contentsOf: dir.appendingPathComponent(file))
                for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
                    if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                    out.append((try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any])
                }
            }
            return out
        }
        listings = try feed("listings")
        removals = try feed("removals")
        dealers = try feed("dealers")
    }

    /// Columns the pipeline reads from bronze (as `EXPLAIN REFRESH MATERIALIZED VIEW
    /// gold.listing_turnover` shows); the summaries are computed from gold.listing_turnover,
    /// so they judge records the same way. The dealer join stays (a LEFT JOIN may duplicate
    /// rows), so `dealer_id` is read.
    static let listingTurnoverReads = ReadColumns(
        listings: ["listing_id", "car", "fuel", "price", "dealer_id", "listed_at"],
        removals: ["listing_id", "removed_at", "reason", "sale_price"],
        dealers: ["dealer_id", "region"])
    static let segmentReads = listingTurnoverReads
    static let makeReads = listingTurnoverReads

    /// `silver.turnover` judged on `read`: listings LEFT JOIN removals LEFT JOIN dealers,
    /// listing_id and listed_at not NULL, removed_at not NULL and not before listed_at.
    func turnover(_ read: ReadColumns) -> [TurnoverRow] {
        var removalsById: [Int64: [OracleRemoval]] = [:]
        for record in removals {
            guard let r = OracleRemoval(record, read.removals), let id = r.listingId else { continue }
            removalsById[id, default: []].append(r)
        }
        var dealersById: [Int64: [OracleDealer]] = [:]
        for record in dealers {
            guard let d = OracleDealer(record, read.dealers), let id = d.dealerId else { continue }
            dealersById[id, default: []].append(d)
        }
        var rows: [TurnoverRow] = []
        for record in listings {
            guard let l = OracleListing(record, read.listings), let id = l.listingId, let listed = l.listedAt else { continue }
            // LEFT JOIN: no dealer match keeps the row with a NULL region.
            let matches: [OracleDealer?] = l.dealerId.flatMap { dealersById[$0] } ?? [nil]
            for r in removalsById[id] ?? [] {
                guard let removed = r.removedAt, removed >= listed else { continue }
                for d in matches {
                    let days = OracleTime.floorDiv(removed, OracleTime.microsPerDay) - OracleTime.floorDiv(listed, OracleTime.microsPerDay)
                    rows.append(TurnoverRow(listingId: id, make: l.make, model: l.model, region: d?.region,
                                            fuel: l.fuel, price: l.price, salePrice: r.salePrice, reason: r.reason,
                                            listedAt: listed, removedAt: removed,
                                            turnoverDays: Double(removed - listed) / 1_000_000 / 86_400,
                                            calendarDays: days))
                }
            }
        }
        return rows
    }

    /// `gold.turnover_by_make` before rounding: rows with a make, by make.
    func byMake() -> [String: MakeRow] {
        var days: [String: [Double]] = [:]
        var sold: [String: Int] = [:]
        for row in turnover(Self.makeReads) {
            guard let make = row.make else { continue }
            days[make, default: []].append(row.turnoverDays)
            if row.reason == "sold" { sold[make, default: 0] += 1 }
        }
        var out: [String: MakeRow] = [:]
        for (make, list) in days { out[make] = MakeRow(removed: list.count, sold: sold[make] ?? 0, stats: Stats(list)) }
        return out
    }

    /// `gold.turnover_by_segment` before rounding: by make, model, region and month listed
    /// (NULL keys form their own groups).
    func bySegment() -> [SegmentKey: Stats] {
        var days: [SegmentKey: [Double]] = [:]
        for row in turnover(Self.segmentReads) {
            let key = SegmentKey(make: row.make, model: row.model, region: row.region, month: OracleTime.monthStart(row.listedAt))
            days[key, default: []].append(row.turnoverDays)
        }
        return days.mapValues(Stats.init)
    }
}

/// Thrown by a conversion that makes its record bad.
struct OracleBadRecord: Error {}

/// `bronze.listings` as the oracle reads it; nil when the record is bad.
struct OracleListing {
    var listingId: Int64?, make: String?, model: String?, fuel: String?
    var price: Double?, dealerId: Int64?, listedAt: Int64?

    init?(_ record: [String: Any]?, _ read: Set<String>) {
        guard let o = record else { return nil }
        do {
            if read.contains("listing_id") { listingId = try OracleJSON.integer(o["listing_id"], bits: 64) }
            if read.contains("car"), let car = try OracleJSON.object(o["car"]) {
                make = try OracleJSON.string(car["make"])
                model = try OracleJSON.string(car["model"])
                _ = try OracleJSON.integer(car["year"], bits: 32)
                _ = try OracleJSON.string(car["body"])
            }
            if read.contains("fuel") { fuel = try OracleJSON.string(o["fuel"]) }
            if read.contains("price") { price = try OracleJSON.decimal(o["price"], integerDigits: 8) }
            if read.contains("dealer_id") { dealerId = try OracleJSON.integer(o["dealer_id"], bits: 32) }
            if read.contains("listed_at") { listedAt = try OracleJSON.timestamp(o["listed_at"]) }
        } catch {
            return nil
        }
    }
}

/// `bronze.removals` as the oracle reads it; nil when the record is bad.
struct OracleRemoval {
    var listingId: Int64?, removedAt: Int64?, reason: String?, salePrice: Double?

    init?(_ record: [String: Any]?, _ read: Set<String>) {
        guard let o = record else { return nil }
        do {
            if read.contains("listing_id") { listingId = try OracleJSON.integer(o["listing_id"], bits: 64) }
            if read.contains("removed_at") { removedAt = try OracleJSON.timestamp(o["removed_at"]) }
            if read.contains("reason") { reason = try OracleJSON.string(o["reason"]) }
            if read.contains("sale_price") { salePrice = try OracleJSON.decimal(o["sale_price"], integerDigits: 8) }
        } catch {
            return nil
        }
    }
}

/// `bronze.dealers` as the oracle reads it; nil when the record is bad.
struct OracleDealer {
    var dealerId: Int64?, region: String?

    init?(_ record: [String: Any]?, _ read: Set<String>) {
        guard let o = record else { return nil }
        do {
            if read.contains("dealer_id") { dealerId = try OracleJSON.integer(o["dealer_id"], bits: 32) }
            if read.contains("region") { region = try OracleJSON.string(o["region"]) }
        } catch {
            return nil
        }
    }
}

/// Conversions of one parsed JSON value to a declared column type, by the rules of
/// `grammar/README.md` (the lake): a missing key and `null` are NULL; a quoted number
/// converts; a value that does not fit throws `OracleBadRecord`.
enum OracleJSON {
    /// BIGINT (`bits` 64) or INT (32): an integral number, or a string holding one.
    static func integer(_ v: Any?, bits: Int) throws -> Int64? {
        guard let v, !(v is NSNull) else { return nil }
        let value: Int64
        if let s = v as? String {
            guard let n = Int64(s.trimmingCharacters(in: [" "])) else { throw OracleBadRecord() }
            value = n
        } else if let n = v as? NSNumber {
            guard Double(n.int64Value) == n.doubleValue else { throw OracleBadRecord() }
            value = n.int64Value
        } else {
            throw OracleBadRecord()
        }
        if bits == 32, value < Int64(Int32.min) || value > Int64(Int32.max) { throw OracleBadRecord() }
        return value
    }

    /// DECIMAL(p, s) with `integerDigits` = p - s, as a Double (the generator writes two
    /// decimals, so the value compares within half a cent).
    static func decimal(_ v: Any?, integerDigits: Int) throws -> Double? {
        guard let v, !(v is NSNull) else { return nil }
        let value: Double
        if let s = v as? String {
            let t = s.trimmingCharacters(in: [" "])
            guard !t.isEmpty, t.allSatisfy({ "0123456789.-+eE".contains($0) }), let d = Double(t) else { throw OracleBadRecord() }
            value = d
        } else if let n = v as? NSNumber {
            value = n.doubleValue
        } else {
            throw OracleBadRecord()
        }
        guard value.isFinite, abs(value) < pow(10, Double(integerDigits)) else { throw OracleBadRecord() }
        return value
    }

    /// STRING: a string's text, or a number's text. (JSONSerialization forgets how a
    /// number was spelled; the generator only puts integers where strings belong.)
    static func string(_ v: Any?) throws -> String? {
        guard let v, !(v is NSNull) else { return nil }
        if let s = v as? String { return s }
        if let n = v as? NSNumber { return "\(n)" }
        throw OracleBadRecord()  // objects and arrays: their raw text, never written here
    }

    /// TIMESTAMP: ISO-8601 text (normalized to UTC), or an epoch number (seconds below
    /// 10^11, else milliseconds), as a number or as text.
    static func timestamp(_ v: Any?) throws -> Int64? {
        guard let v, !(v is NSNull) else { return nil }
        var number: Double?
        if let s = v as? String {
            let t = s.trimmingCharacters(in: [" "])
            if let micros = OracleTime.parse(t) { return micros }
            number = t.allSatisfy({ "0123456789.-".contains($0) }) ? Double(t) : nil
        } else if let n = v as? NSNumber {
            number = n.doubleValue
        }
        guard let x = number else { throw OracleBadRecord() }
        return Int64((abs(x) < 1e11 ? x * 1_000_000 : x * 1_000).rounded())
    }

    /// STRUCT: an object (its members are converted by the caller).
    static func object(_ v: Any?) throws -> [String: Any]? {
        guard let v, !(v is NSNull) else { return nil }
        guard let o = v as? [String: Any] else { throw OracleBadRecord() }
        return o
    }
}

/// UTC calendar arithmetic on microseconds since the epoch (proleptic Gregorian).
enum OracleTime {
    static let microsPerDay: Int64 = 86_400_000_000

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The first instant of the UTC month of `micros` (`date_trunc('month', ...)`).
    static func monthStart(_ micros: Int64) -> Int64 {
        let c = civil(floorDiv(micros, microsPerDay))
        return days(year: c.year, month: c.month, day: 1) * microsPerDay
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]]`, in microseconds UTC; nil otherwise.
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int64(b[k] - 48)
            }
            i += n
            return v
        }
        func skip(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), skip("-"), let mo = digits(2), skip("-"), let d = digits(2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var micros = days(year: y, month: mo, day: d) * microsPerDay
        if skip("T") || skip("t") || skip(" ") {
            guard let h = digits(2), skip(":"), let m = digits(2) else { return nil }
            var s: Int64 = 0
            if skip(":") { guard let sec = digits(2) else { return nil }; s = sec }
            micros += ((h * 60 + m) * 60 + s) * 1_000_000
            if skip(".") {
                var scale: Int64 = 100_000, fraction: Int64 = 0, any = false
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    fraction += Int64(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
                micros += fraction
            }
            if skip("Z") || skip("z") {
            } else if i < b.count, b[i] == 43 || b[i] == 45 {
                let sign: Int64 = b[i] == 45 ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                var om: Int64 = 0
                if skip(":") { guard let m = digits(2) else { return nil }; om = m }
                micros -= sign * (oh * 60 + om) * 60_000_000
            }
        }
        return i == b.count ? micros : nil
    }

    /// `YYYY-MM-DD HH:MM:SS` of `micros` (for messages).
    static func text(_ micros: Int64) -> String {
        let c = civil(floorDiv(micros, microsPerDay))
        let s = (micros - floorDiv(micros, microsPerDay) * microsPerDay) / 1_000_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}
