import Diagnostics
import Engine

/// Runs scripts statement by statement (`-c`, `-f`, piped stdin): one statement at a
/// time, stopping at the first failure unless `bail` is off, and always at Ctrl-C.
struct BatchRunner {
    /// A script and the name errors give it: `-c`, `<stdin>` or the file path as given.
    struct Input: Sendable {
        /// SQL text.
        var text: String
        /// Name used in error origins.
        var name: String
    }

    /// Runs statements.
    let runner: StatementRunner
    /// Stop at the first failing statement.
    let bail: Bool

    /// Runs every statement of `inputs` in order and returns the exit code: 0 success,
    /// 1 a statement failed, 2 a statement failed on bad data (FAILFAST), 130 interrupted.
    func run(_ inputs: [Input]) -> Int32 {
        var code: Int32 = 0
        for input in inputs {
            for piece in Script.split(input.text) {
                let outcome = runner.run(piece, origin: input.name)
                if Interrupt.pressed || outcome == .failed(.cancelled) { return 130 }
                guard case let .failed(kind) = outcome else { continue }
                code = max(code, BatchRunner.exitCode(for: kind))
                if bail { return code }
            }
        }
        return code
    }

    /// Exit code of a statement that failed with `kind`.
    static func exitCode(for kind: SQLError.Kind) -> Int32 {
        switch kind {
        case .data: return 2
        case .cancelled: return 130
        default: return 1
        }
    }
}
