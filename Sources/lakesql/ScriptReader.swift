import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Reads script files and stdin for `-f` and piped input.
enum ScriptReader {
    /// Why a script could not be read.
    struct Failure: Error {
        /// Message for stderr.
        var message: String
    }

    /// The text of `path` (`-`: all of stdin).
    static func read(_ path: String) throws(Failure) -> String {
        if path == "-" { return readStandardInput() }
        guard FixedText.exists(path) else {
            throw Failure(message: "cannot read '\(path)': no such file")
        }
        if FixedText.isFolder(path) { throw Failure(message: "cannot read '\(path)': is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "cannot read '\(path)': permission denied or unreadable")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// All of stdin.
    static func readStandardInput() -> String {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
