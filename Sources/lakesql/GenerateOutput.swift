import Diagnostics
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bronze feed folders of a lake the generator writes into, and the one way it
/// writes a file: to a hidden temporary name in the same folder, then `rename(2)`, so a
/// reader never sees half a file.
struct GenerateOutput {
    /// The feeds, in report order.
    static let feeds = ["listings", "removals", "dealers"]
    /// Feed numbers.
    static let listings = 0, removals = 1, dealers = 2

    /// The lake folder.
    let lake: String

    /// `<lake>/bronze/<feed>`.
    func folder(_ feed: Int) -> String { lake + "/bronze/" + GenerateOutput.feeds[feed] }

    /// `bronze/<feed>/<name>`, as reports print it.
    static func relative(_ feed: Int, _ name: String) -> String { "bronze/" + feeds[feed] + "/" + name }

    /// Creates the feed folders; with `replace`, removes files an earlier run generated
    /// there (`part-*.json`, `tick-*.json` and leftover hidden temporaries).
    func prepare(replace: Bool) throws(SQLError) {
        let fm = FileManager.default
        for feed in 0..<GenerateOutput.feeds.count {
            let dir = folder(feed)
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw SQLError(.io, "cannot create '\(dir)': \(error)")
            }
            guard replace else { continue }
            let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
            for name in names where GenerateOutput.isGenerated(name) {
                do {
                    try fm.removeItem(atPath: dir + "/" + name)
                } catch {
                    throw SQLError(.io, "cannot remove '\(dir)/\(name)': \(error)")
                }
            }
        }
    }

    /// True for names the generator writes (or leaves as temporaries when killed).
    static func isGenerated(_ name: String) -> Bool {
        let base = name.hasPrefix(".") ? String(name.dropFirst()) : name
        return (base.hasPrefix("part-") || base.hasPrefix("tick-")) && (name.hasSuffix(".json") || name.hasSuffix(".tmp"))
    }

    /// Writes the buffer's bytes as `<feed folder>/<name>`, atomically.
    func write(_ buffer: GenerateBuffer, feed: Int, name: String) throws(SQLError) {
        let dir = folder(feed)
        let temporary = dir + "/." + name + ".tmp"
        let final = dir + "/" + name
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SQLError(.io, "cannot create '\(temporary)': \(String(cString: strerror(errno)))") }
        var done = 0
        let bytes = buffer.bytes
        while done < bytes.count {
            guard let base = bytes.baseAddress else { break }
            let n = GenerateOutput.systemWrite(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw SQLError(.io, "cannot write '\(temporary)': \(reason)")
            }
            done += n
        }
        close(fd)
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SQLError(.io, "cannot rename '\(temporary)' to '\(final)': \(reason)")
        }
    }

    /// `write(2)` under one name on every platform.
    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, pointer, count)
        #else
        return Darwin.write(fd, pointer, count)
        #endif
    }
}
