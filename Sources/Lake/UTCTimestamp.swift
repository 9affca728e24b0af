import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// ISO-8601 UTC timestamps for commit files and refresh facts (`2026-11-26T13:05:09Z`, or
/// with milliseconds), written without a date formatter (which is slow to create).
package enum UTCTimestamp {
    /// `date` as `YYYY-MM-DDTHH:MM:SS[.mmm]Z`.
    package static func string(_ date: Date = Date(), milliseconds: Bool = false) -> String {
        let t = date.timeIntervalSince1970
        var seconds = time_t(t.rounded(.down))
        var tm = tm()
        gmtime_r(&seconds, &tm)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2))"
        if milliseconds {
            let ms = Int32(min(999, max(0, ((t - t.rounded(.down)) * 1000).rounded(.down))))
            text += "." + pad(ms, 3)
        }
        return text + "Z"
    }
}
