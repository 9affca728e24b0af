/// What one `lakesql watch` run does, checked from the flags.
struct WatchSettings: Sendable {
    /// The lake folder.
    var lake: String
    /// Milliseconds between looks at the bronze folders.
    var everyMillis: Int
    /// The views asked for with `--views`; nil for every materialized view.
    var views: [String]?
    /// Rounds of refreshes before stopping; nil runs until Ctrl-C.
    var rounds: Int?
    /// How refresh errors are written.
    var errorFormat: ErrorFormat
}
