import Foundation
import Testing

/// Drives the REPL through a pseudo-terminal with `pty/repl_session.py` (pexpect): a
/// multi-line statement, Tab completion of a keyword, a table and a column, Ctrl-C at the
/// prompt and during a long query, Ctrl-D, and the history file.
/// Needs `pip install pexpect`; skipped with a message when it is missing.
@Suite(.enabled(if: PythonTools.canImport("pexpect"), "needs pexpect for python3: pip install pexpect"))
struct PtyReplTests {
    @Test func replSessionThroughPseudoTerminal() throws {
        let binary = try #require(LakeSQLBinary.url, "lakesql binary not built")
        let script = PythonTools.repositoryRoot.appendingPathComponent("Tests/CLITests/pty/repl_session.py")
        let result = try PythonTools.run([script.path, binary.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok: every REPL step passed"))
    }
}
