import Diagnostics
import Engine

/// Runs single statements on a session: results to stdout through the printer,
/// errors rendered to stderr (stdout is always written out first, so merged output
/// stays in order).
final class StatementRunner {
    /// The session statements run on.
    let session: Session
    /// Prints row results.
    let printer: any ResultPrinter
    /// Standard output.
    let out: OutputSink
    /// Standard error.
    let err: OutputSink
    /// Print each statement before its result.
    let echo: Bool

    /// Creates a runner.
    init(session: Session, printer: any ResultPrinter, out: OutputSink, err: OutputSink, echo: Bool) {
        self.session = session
        self.printer = printer
        self.out = out
        self.err = err
        self.echo = echo
    }

    /// Runs `piece`; `origin` names its script (`-c`, `<stdin>`, a path) or is nil
    /// (interactive). Returns false when the statement failed.
    func run(_ piece: ScriptStatement, origin: String?) -> Bool {
        if echo { out.write(piece.text.trimmingBlanks() + ";\n") }
        do {
            switch try session.execute(piece.text) {
            case let .rows(result): printer.print(result, to: out)
            case .status: break
            }
            for m in session.lastStatementMessages { err.write("Warning: \(m)\n") }
            return true
        } catch {
            let place = origin.map { "\($0):\(StatementRunner.firstLine(of: piece))" }
            report(error, sql: piece.text, lineOffset: piece.line - 1, origin: place)
            return false
        }
    }

    /// Writes `error` to stderr.
    func report(_ error: SQLError, sql: String?, lineOffset: Int = 0, origin: String? = nil) {
        err.write(ErrorRenderer.render(error, sql: sql, lineOffset: lineOffset, origin: origin) + "\n")
    }

    /// Line of the statement's first token: blanks and `--` / `/* */` comments before
    /// it are skipped (the splitter may leave them in the statement text).
    static func firstLine(of piece: ScriptStatement) -> Int {
        let b = Array(piece.text.utf8)
        var line = piece.line
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\n"): line += 1; i += 1
            case 0x20, 0x09, 0x0D: i += 1
            case UInt8(ascii: "-") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "-"):
                while i < b.count && b[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "/") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i < b.count && !(b[i] == UInt8(ascii: "*") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")) {
                    if b[i] == UInt8(ascii: "\n") { line += 1 }
                    i += 1
                }
                i += 2
            default: return line
            }
        }
        return line
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
