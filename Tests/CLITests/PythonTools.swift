import Foundation

/// Runs python3 for the tests that check LakeSQL's output from Python (pandas, pexpect).
enum PythonTools {
    /// True when `python3 -c "import <modules>"` succeeds.
    static func canImport(_ modules: String) -> Bool {
        (try? run(["-c", "import \(modules)"]).status) == 0
    }

    /// Runs `python3 arguments` with extra environment variables; returns status and
    /// stdout plus stderr.
    /// A `-c` script ends with an immediate exit once it has run to its end (every check
    /// passed): pyarrow 26 sometimes aborts while the interpreter shuts down ("terminate
    /// called without an active exception", about 1 run in 30, with no LakeSQL involved).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        var arguments = arguments
        if arguments.count >= 2, arguments[0] == "-c" {
            arguments[1] += "\nimport os as _os, sys as _sys\n_sys.stdout.flush()\n_sys.stderr.flush()\n_os._exit(0)\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The repository root (three levels above this file).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
