#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File path text, taken apart and put together the way NSString's path methods do, for
/// the modules that do without Foundation.
package enum PathText {
    /// `base` and `component` joined by one slash (`"a" + "b"` is `a/b`, `"" + "b"` is `b`).
    package static func join(_ base: String, _ component: String) -> String {
        var b = Substring(base)
        while b.count > 1, b.hasSuffix("/") { b = b.dropLast() }
        var c = Substring(component)
        while c.hasPrefix("/") { c = c.dropFirst() }
        if b.isEmpty { return String(c) }
        if c.isEmpty { return String(b) }
        return b == "/" ? "/" + c : b + "/" + c
    }

    /// The path without its last component (`/a/b` → `/a`, `/a` → `/`, `a` → ``).
    package static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// The last component (`/a/b/` → `b`, `/` → `/`).
    package static func lastComponent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// The extension of the last component, without the dot (`a.json` → `json`; none: ``).
    package static func pathExtension(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The path with a leading `~` expanded, `.` components dropped, `..` components
    /// resolved against the ones before them, and repeated or trailing slashes removed.
    package static func standardized(_ path: String) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }) {
            p = home + p.dropFirst()
        }
        let absolute = p.hasPrefix("/")
        var parts: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? (p.isEmpty ? "" : ".") : joined
    }
}
