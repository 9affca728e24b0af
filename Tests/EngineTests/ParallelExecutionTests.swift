import Columnar
import Engine
import Testing

/// Queries large enough to run their pipelines on several threads, checked against
/// values computed here.
@Suite struct ParallelExecutionTests {
    func rows(_ session: Session, _ sql: String) throws -> [[Value]] {
        guard case let .rows(r) = try session.execute(sql) else { return [] }
        return r.rows
    }

    @Test func filteredCountOverRange() throws {
        let s = try Session()
        let n: Int64 = 1_000_000
        let expectedCount = (0..<n).filter { $0 % 7 == 3 }.count
        let expectedSum = (0..<n).filter { $0 % 7 == 3 }.reduce(0, +)
        let r = try rows(s, "SELECT count(*), sum(range) FROM range(1000000) WHERE range % 7 = 3")
        #expect(r == [[.int(Int64(expectedCount)), .int(expectedSum)]])
    }

    @Test func joinThenGroupOverRange() throws {
        let s = try Session()
        let r = try rows(s, """
            SELECT a.g, count(*), sum(b.v) FROM
              (SELECT range AS k, range % 10 AS g FROM range(400000)) a
              JOIN (SELECT range AS k, range * 2 AS v FROM range(300000)) b ON a.k = b.k
            GROUP BY a.g ORDER BY a.g
            """)
        var expected: [[Value]] = []
        for g in 0..<10 {
            let ks = Array(stride(from: Int64(g), to: 300_000, by: 10))
            expected.append([.int(Int64(g)), .int(Int64(ks.count)), .int(ks.reduce(0) { $0 + $1 * 2 })])
        }
        #expect(r == expected)
    }

    @Test func computedGroupKeysWithStringKeyOverRange() throws {
        let s = try Session()
        let r = try rows(s, """
            SELECT 'k' || CAST(range % 3 AS VARCHAR) AS name, range % 4 + 1 AS bucket, count(*), sum(range)
            FROM range(600000) GROUP BY 'k' || CAST(range % 3 AS VARCHAR), range % 4 + 1 ORDER BY name, bucket
            """)
        var expected: [[Value]] = []
        for a in 0..<3 {
            for b in 0..<4 {
                let ks = (0..<Int64(600_000)).filter { $0 % 3 == Int64(a) && $0 % 4 == Int64(b) }
                expected.append([.string("k\(a)"), .int(Int64(b + 1)), .int(Int64(ks.count)), .int(ks.reduce(0, +))])
            }
        }
        #expect(r == expected)
    }

    /// Groups dealt out between threads: NULL keys (whatever their slots hold), 0.0 and
    /// -0.0, many groups; MEDIAN and COUNT(DISTINCT) see every row of a group.
    @Test func groupsDealtOutBetweenThreadsStayWhole() throws {
        let s = try Session()
        let r = try rows(s, """
            SELECT g, count(*), count(DISTINCT range % 5), median(range), sum(z) FROM (
              SELECT range, CASE WHEN range % 11 = 0 THEN NULL ELSE range % 997 END AS g,
                     CASE WHEN range % 2 = 0 THEN 0.0 ELSE -0.0 END AS z
              FROM range(300000)) t
            GROUP BY g ORDER BY g NULLS FIRST
            """)
        var groups: [Int64?: [Int64]] = [:]
        for v in Int64(0)..<300_000 { groups[v % 11 == 0 ? nil : v % 997, default: []].append(v) }
        #expect(r.count == groups.count)
        let zeros = try rows(s, "SELECT count(*) FROM (SELECT CASE WHEN range % 2 = 0 THEN 0.0 ELSE -0.0 END AS z FROM range(300000)) t GROUP BY z")
        #expect(zeros == [[.int(300_000)]])
        for row in r {
            let key: Int64? = { if case let .int(k) = row[0] { return k } else { return nil } }()
            guard let vs = groups[key] else { Issue.record("unexpected group \(row[0])"); continue }
            let sorted = vs.sorted()
            let median = sorted.count % 2 == 1 ? Double(sorted[sorted.count / 2]) : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            #expect(row[1] == .int(Int64(vs.count)))
            #expect(row[2] == .int(Int64(Set(vs.map { $0 % 5 }).count)))
            #expect(row[3] == .double(median))
        }
    }

    @Test func leftJoinAndAntiJoinOverMemoryTables() throws {
        let s = try Session()
        _ = try s.execute("CREATE TABLE big AS SELECT range AS id, range % 5 AS m FROM range(300000)")
        _ = try s.execute("CREATE TABLE small AS SELECT range * 3 AS id FROM range(1000)")
        let left = try rows(s, "SELECT count(*), count(small.id) FROM big LEFT JOIN small ON big.id = small.id")
        #expect(left == [[.int(300_000), .int(1000)]])
        let anti = try rows(s, "SELECT count(*) FROM big WHERE id NOT IN (SELECT id FROM small)")
        #expect(anti == [[.int(299_000)]])
        let sorted = try rows(s, "SELECT id FROM big ORDER BY m DESC, id DESC LIMIT 2")
        #expect(sorted == [[.int(299_999)], [.int(299_994)]])
    }
}
