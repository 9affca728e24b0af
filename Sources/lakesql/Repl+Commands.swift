import Columnar
import Diagnostics
import Engine

/// What the dot-commands do to the REPL and its runner.
extension Repl {
    /// Runs SQL text as if typed.
    func sql(_ text: String) -> Step {
        runStatements(text, firstLine: 1, origin: nil, stopOnError: false)
    }

    /// Reports a dot-command error.
    func fail(_ message: String) -> Step {
        runner.report(SQLError(.semantic, message))
        return .failed
    }

    /// Parses `on`/`off` and hands the value to `set`.
    func toggle(_ argument: String, _ set: (Bool) -> Void) -> Step {
        switch argument.lowercased() {
        case "on", "yes", "true", "1": set(true)
        case "off", "no", "false", "0": set(false)
        default: return fail("expected on or off, found '\(argument)'")
        }
        return .proceed
    }

    /// Prints the CREATE statement of each of `tables`.
    func showSchema(_ tables: [String]) -> Step {
        var text = ""
        for table in tables {
            do {
                guard case let .rows(result) = try runner.session.execute("SHOW CREATE TABLE \(table)") else { continue }
                for row in result.rows { if let sql = row.last.flatMap(Repl.text) { text += sql + ";\n" } }
            } catch {
                runner.report(error)
                return .failed
            }
        }
        (runner.once ?? runner.out).write(text)
        return .proceed
    }

    /// `.output FILE` (nil: back to stdout) and `.once FILE`.
    func redirect(_ path: String?, once: Bool) -> Step {
        guard let path else {
            if runner.out.fd != 1 { runner.out.close() }
            runner.out = OutputSink.standardOutput()
            runner.options.maxWidth = Terminal.width(1)
            return .proceed
        }
        let sink: OutputSink
        do { sink = try OutputSink(path: path) } catch { return fail(error.message) }
        if once {
            runner.once?.close()
            runner.once = sink
        } else {
            if runner.out.fd != 1 { runner.out.close() }
            runner.out = sink
            runner.options.maxWidth = nil
        }
        return .proceed
    }

    /// `.lake`: prints the lake folder, or opens the session on another.
    func switchLake(_ path: String?) -> Step {
        guard let path else {
            runner.out.write((runner.session.lake ?? "(no lake)") + "\n")
            return .proceed
        }
        do {
            let session = try Session(lake: path)
            runner.session = session
            Interrupt.install(cancelling: session.cancellation)
            return .proceed
        } catch {
            runner.report(error)
            return .failed
        }
    }
}
