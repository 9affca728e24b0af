/// How listings spread over the batch's year: more in March and September (new UK
/// number plates), fewer in December and on Sundays. Listing `i` of `n` goes to the day
/// where the running share of weights reaches `i / n`, so times still rise with ids.
struct GenerateSeason: Sendable {
    /// Running weights of the days of the window, in per-mille.
    private let cumulative: [Int]

    /// The season of the 365 days from `start` (seconds since the epoch, midnight).
    init(start: Int) {
        let first = GenerateClock.split(start).days
        var total = 0
        cumulative = (0..<365).map { offset in
            let day = first + offset
            let month = GenerateClock.civil(days: day).month
            var weight = month == 3 || month == 9 ? 1_350 : month == 12 ? 750 : 1_000
            if ((day % 7) + 11) % 7 == 0 { weight = weight * 85 / 100 }  // Sunday: 1970-01-04 was one.
            total += weight
            return total
        }
    }

    /// Day offset and fraction of that day's share for position `fraction` (0..<1) of the window.
    func place(_ fraction: Double) -> (day: Int, within: Double) {
        guard let total = cumulative.last else { return (0, 0) }
        let target = fraction * Double(total)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Double(cumulative[mid]) > target { hi = mid } else { lo = mid + 1 }
        }
        let before = lo == 0 ? 0 : cumulative[lo - 1]
        let width = cumulative[lo] - before
        return (lo, width > 0 ? min(0.999_999, max(0, (target - Double(before)) / Double(width))) : 0)
    }
}
