#if canImport(Glibc)
import Glibc
#endif

/// Small formatting and file helpers for the command line (which does without Foundation's
/// formatters).
enum FixedText {
    /// `x` with `digits` decimals (rounded half away from zero), e.g. `1.25` → `"1.3"`.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return String(x) }
        var scale: Double = 1
        for _ in 0..<max(digits, 0) { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(x) }
        let units = Int64(scaled)
        let p = Int64(scale)
        let whole = String(units / p)
        let sign = x < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + whole }
        let fraction = String(units % p)
        return sign + whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// True when `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The home folder of the user running the process.
    static var home: String {
        if let h = getenv("HOME") { return String(cString: h) }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }
}
