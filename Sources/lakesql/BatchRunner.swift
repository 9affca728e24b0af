import Engine

/// Runs scripts statement by statement (`-c`, `-f`, piped stdin): one statement at a
/// time, stopping at the first failure unless `bail` is off.
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

    /// Runs every statement of `inputs` in order; false when any failed.
    func run(_ inputs: [Input]) -> Bool {
        var ok = true
        for input in inputs {
            for piece in Script.split(input.text) {
                if !runner.run(piece, origin: input.name) {
                    ok = false
                    if bail { return false }
                }
            }
        }
        return ok
    }
}
