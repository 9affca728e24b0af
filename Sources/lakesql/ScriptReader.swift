import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(message: "cannot read '\(path)': no such file")
        }
        if isDirectory.boolValue { throw Failure(message: "cannot read '\(path)': is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "cannot read '\(path)': permission denied or unreadable")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// All of stdin.
    static func readStandardInput() -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
}
