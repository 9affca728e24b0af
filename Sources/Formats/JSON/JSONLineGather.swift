#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Copies chosen lines of a file into one buffer with positioned reads: each line with its
/// line feed, one after another, in file order. References close to each other are fetched
/// with one read.
enum JSONLineGather {
    /// Lines whose fetched ranges are at most this far apart are read together.
    static let joinGap = 4096
    /// How much is fetched for a line whose end is not known; more is read when short.
    static let guess = 2048

    /// The gathered bytes and, per line kept, where it starts in them (with its number).
    /// A reference that is not at a line's start (after a line feed, or at 0) is passed over.
    static func gather(path: String, lines: [JSONLineRef]) throws(SQLError) -> (bytes: [UInt8], refs: [JSONLineRef]) {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw JSONFileBytes.failure(path) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw JSONFileBytes.failure(path) }
        let size = Int(st.st_size)
        var refs = lines.filter { $0.start >= 0 && $0.start < size }
        if !refs.indices.dropFirst().allSatisfy({ refs[$0 - 1].start < refs[$0].start }) {
            refs.sort()
            var unique: [JSONLineRef] = []
            unique.reserveCapacity(refs.count)
            for r in refs where unique.last?.start != r.start { unique.append(r) }
            refs = unique
        }
        var out: [UInt8] = []
        out.reserveCapacity(refs.count * 700)
        var kept: [JSONLineRef] = []
        kept.reserveCapacity(refs.count)
        var scratch: [UInt8] = []
        func end(_ r: JSONLineRef) -> Int { min(max(r.end ?? (r.start + guess), r.start + 1), size) }
        var i = 0
        while i < refs.count {
            // A run of references read with one call: from the byte before the first line
            // (to check it is a line feed) to the last one's known or guessed end.
            let from = max(refs[i].start - 1, 0)
            var to = end(refs[i])
            var j = i + 1
            while j < refs.count, refs[j].start - 1 - to <= joinGap {
                to = max(to, end(refs[j]))
                j += 1
            }
            try fill(&scratch, fd: fd, path: path, at: from, count: to - from)
            for r in refs[i..<j] {
                let at = r.start - from
                if r.start > 0, scratch[at - 1] != 0x0A { continue }
                // The line feed ending it, reading on when the fetched bytes stop short.
                var nl = lineFeed(in: scratch, from: at)
                while nl == nil, from + scratch.count < size {
                    let before = scratch.count
                    try fill(&scratch, fd: fd, path: path, at: from + before, count: min(max(before, guess), size - from - before), appending: true)
                    nl = lineFeed(in: scratch, from: before)
                }
                kept.append(JSONLineRef(start: out.count, line: r.line))
                out.append(contentsOf: scratch[at..<(nl.map { $0 + 1 } ?? scratch.count)])
            }
            i = j
        }
        return (out, kept)
    }

    /// The position of the first line feed in `bytes` at or after `from`.
    static func lineFeed(in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let p = raw.baseAddress, from < raw.count, let hit = memchr(p + from, 0x0A, raw.count - from) else { return nil }
            return UnsafeRawPointer(hit) - p
        }
    }

    /// Reads `count` bytes at `offset` into `buffer` (replacing its contents, or after them
    /// when `appending`); stops early only at the end of the file.
    static func fill(_ buffer: inout [UInt8], fd: Int32, path: String, at offset: Int, count: Int, appending: Bool = false) throws(SQLError) {
        let base = appending ? buffer.count : 0
        if !appending { buffer.removeAll(keepingCapacity: true) }
        buffer.append(contentsOf: repeatElement(0, count: count))
        var done = 0
        var failed = false
        buffer.withUnsafeMutableBytes { raw in
            guard let p = raw.baseAddress else { return }
            while done < count {
                let n = pread(fd, p + base + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if n == 0 { break }
                done += n
            }
        }
        if failed { throw JSONFileBytes.failure(path) }
        if done < count { buffer.removeLast(count - done) }
    }
}
