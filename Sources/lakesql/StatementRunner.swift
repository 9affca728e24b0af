import Diagnostics
import Engine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs single statements on a session: results through the printer of the current
/// format to the current output, errors to stderr (as text or JSON). Stdout is always
/// written out before stderr, so merged output stays in order. The settings are the
/// ones dot-commands change.
final class StatementRunner {
    /// How one statement ended.
    enum Outcome: Equatable {
        /// It ran.
        case ok
        /// It failed with an error of this kind.
        case failed(SQLError.Kind)
    }

    /// The session statements run on (`.lake` replaces it).
    var session: Session
    /// Result format.
    var format: OutputFormat { didSet { cachedPrinter = nil } }
    /// Printer settings.
    var options: PrintOptions { didSet { cachedPrinter = nil } }
    /// Where results go (stdout, `-o FILE`, `.output FILE`).
    var out: OutputSink
    /// Where the next result only goes (`.once FILE`).
    var once: OutputSink?
    /// Standard error.
    let err: OutputSink
    /// Print each statement before its result.
    var echo: Bool
    /// Print wall and CPU time after each statement (to stderr).
    var timer = false
    /// How errors are written.
    var errorFormat: ErrorFormat

    private var cachedPrinter: (any ResultPrinter)?

    /// Creates a runner.
    init(session: Session, format: OutputFormat, options: PrintOptions, out: OutputSink, err: OutputSink,
         echo: Bool, errorFormat: ErrorFormat = .text) {
        self.session = session
        self.format = format
        self.options = options
        self.out = out
        self.err = err
        self.echo = echo
        self.errorFormat = errorFormat
    }

    /// The printer of the current format and settings (kept, since Parquet output counts results).
    var printer: any ResultPrinter {
        if let cachedPrinter { return cachedPrinter }
        let p = format.printer(options: options)
        cachedPrinter = p
        return p
    }

    /// Runs `piece`; `origin` names its script (`-c`, `<stdin>`, a path) or is nil
    /// (interactive). Ctrl-C during the statement cancels it.
    func run(_ piece: ScriptStatement, origin: String?) -> Outcome {
        let target = once ?? out
        if echo { target.write(piece.text.trimmingBlanks() + ";\n") }
        let started = ContinuousClock.now
        let cpuStarted = StatementRunner.cpuSeconds()
        let progress = ProgressLine.start()
        let result = Interrupt.whileRunning { () -> Result<StatementResult, SQLError> in
            do throws(SQLError) { return .success(try session.execute(piece.text)) } catch { return .failure(error) }
        }
        progress?.stop()
        var outcome = Outcome.ok
        do throws(SQLError) {
            switch result {
            case let .success(.rows(rows)): try printer.print(rows, to: target)
            case .success(.status): break
            case let .failure(error): throw error
            }
            for m in session.lastStatementMessages { err.write("Warning: \(m)\n") }
        } catch {
            report(ErrorReport(error: error, sql: piece.text, file: origin, firstLine: piece.line,
                               statementLine: StatementRunner.firstLine(of: piece)))
            outcome = .failed(error.kind)
        }
        if let once, once !== out {
            once.close()
            self.once = nil
        }
        if timer {
            let wall = ContinuousClock.now - started
            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            let cpu = StatementRunner.cpuSeconds() - cpuStarted
            err.write("Run Time: real \(StatementRunner.format(seconds)) cpu \(StatementRunner.format(cpu))\n")
        }
        return outcome
    }

    /// Writes an error to stderr in the current error format.
    func report(_ report: ErrorReport) {
        switch errorFormat {
        case .text: err.write(report.text + "\n")
        case .json: err.write(report.json + "\n")
        }
    }

    /// Writes an error that belongs to no statement (a dot-command, a startup failure).
    func report(_ error: SQLError) {
        report(ErrorReport(error: error, sql: nil, file: nil, firstLine: 1, statementLine: 1))
    }

    /// CPU seconds used by the process so far.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seconds with three decimals.
    static func format(_ seconds: Double) -> String {
        let millis = Int((max(0, seconds) * 1000).rounded())
        let frac = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
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
