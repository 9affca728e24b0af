import ArgumentParser

/// How errors are written to stderr (`--error-format`).
enum ErrorFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// `Error: message`, the `LINE n:` line and a caret under the culprit, then notes.
    case text
    /// One JSON object per error on one line:
    /// `{"error":kind,"message":…,"file":…,"line":…,"column":…,"notes":[…]}`.
    case json
}
