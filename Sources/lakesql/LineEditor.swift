@preconcurrency import CReadline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from the terminal with GNU readline's callback interface, so that a
/// Ctrl-C at the prompt clears the line instead of ending the process: the main loop
/// polls stdin, feeds readline one character at a time, and checks the Ctrl-C count
/// between characters. Readline's own signal handlers are off; ours (`Interrupt`) only
/// counts presses while no statement runs. The terminal is prepared only while a line
/// is read, and restored before a statement runs.
enum LineEditor {
    /// What one read gave.
    enum Event: Equatable {
        /// A line, without its line break.
        case line(String)
        /// Ctrl-D on an empty line, or stdin closed.
        case endOfInput
        /// Ctrl-C: the line was dropped.
        case interrupt
    }

    /// Computes completion candidates for the word being completed (the text before the
    /// word, the word, the whole line): nil means "complete file names".
    nonisolated(unsafe) static var completer: ((String, String, String) -> [String]?)?
    /// The line handed over by readline's callback.
    nonisolated(unsafe) private static var received: Event?
    /// Completion candidates of the current Tab press.
    nonisolated(unsafe) private static var candidates: [String] = []

    /// Sets readline up once: names, completion, no signal handlers of its own, and
    /// history entries that keep their line breaks.
    static func setUp() {
        rl_readline_name = UnsafePointer(strdup("lakesql"))
        rl_catch_signals = 0
        rl_completer_word_break_characters = UnsafePointer(strdup(" \t\n\"'`@$><=;|&{(,)+-*/%"))
        history_write_timestamps = 1
        history_multiline_entries = 1
        rl_attempted_completion_function = { text, start, _ in
            LineEditor.complete(text: text, start: Int(start))
        }
    }

    /// Reads one line showing `prompt`.
    static func read(prompt: String) -> Event {
        received = nil
        rl_callback_handler_install(prompt) { raw in
            if let raw {
                LineEditor.received = .line(String(cString: raw))
                free(raw)
            } else {
                LineEditor.received = .endOfInput
            }
            rl_callback_handler_remove()
        }
        while received == nil {
            if Interrupt.pressed {
                Interrupt.reset()
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                writeToTerminal("^C\n")
                return .interrupt
            }
            var pfd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 250)
            if ready > 0 { rl_callback_read_char() }
            if ready < 0 && errno != EINTR {
                rl_callback_handler_remove()
                return .endOfInput
            }
        }
        return received ?? .endOfInput
    }

    /// Readline's completion entry: our candidates, or its file-name completion when
    /// the completer returns nil.
    private static func complete(text: UnsafePointer<CChar>?, start: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let word = text.map { String(cString: $0) } ?? ""
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        let before = String(decoding: Array(line.utf8).prefix(start), as: UTF8.self)
        guard let found = completer?(before, word, line) else { return nil }
        rl_attempted_completion_over = 1
        candidates = found
        if found.isEmpty { return nil }
        return rl_completion_matches(text) { _, state in
            if state == 0 { LineEditor.nextCandidate = 0 }
            guard LineEditor.nextCandidate < LineEditor.candidates.count else { return nil }
            defer { LineEditor.nextCandidate += 1 }
            return strdup(LineEditor.candidates[LineEditor.nextCandidate])
        }
    }

    /// Index of the next candidate the generator returns.
    nonisolated(unsafe) private static var nextCandidate = 0

    /// Writes text straight to the terminal (stdout).
    static func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(1, &bytes, bytes.count)
    }
}
