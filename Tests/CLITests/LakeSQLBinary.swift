import Foundation

/// Runs the built `lakesql` executable (built by `swift test`, since CLITests depends
/// on the target) and captures what it prints.
enum LakeSQLBinary {
    /// What one run produced.
    struct Output {
        /// Exit status.
        var status: Int32
        /// Standard output.
        var stdout: String
        /// Standard error.
        var stderr: String
    }

    /// The executable: next to the running test bundle, else in `.build/debug`.
    static var url: URL? {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            let dir = URL(fileURLWithPath: first).deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("lakesql"))
            candidates.append(dir.deletingLastPathComponent().appendingPathComponent("lakesql"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("lakesql"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lakesql"))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/lakesql"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `lakesql arguments`, feeding `stdin` (empty when nil), in `directory`.
    static func run(_ arguments: [String], stdin: String? = nil, directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> Output {
        guard let url else { throw MissingBinary() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LAKESQL_HISTORY"] = "/dev/null"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let errData = ReadInBackground(error.fileHandleForReading)
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Thrown when the executable is not where the tests look.
    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "lakesql executable not found next to the test bundle or in .build/debug" }
    }

    /// A temporary folder for scripts, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lakesql-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Reads a file handle to its end on another thread.
final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle`.
    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Everything read, once the writer closed its end.
    func wait() -> Data {
        done.wait()
        return data
    }
}
