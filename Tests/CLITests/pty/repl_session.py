#!/usr/bin/env python3
"""Drives the lakesql REPL through a pseudo-terminal (pexpect).

Usage: repl_session.py LAKESQL_BINARY

Types a multi-line statement, completes keywords, table and column names with Tab,
clears a line with Ctrl-C, cancels a long query with Ctrl-C and checks the prompt
returns, leaves with Ctrl-D, and checks the history file holds whole statements.
Exits 0 when every step passed; prints the failing step and the screen otherwise.
"""
import os
import shutil
import sys
import tempfile
import time

import pexpect

PROMPT = "lakesql> "
CONTINUATION = "...> "


def main() -> int:
    binary = sys.argv[1]
    scratch = tempfile.mkdtemp(prefix="lakesql-pty-")
    history = os.path.join(scratch, "history")
    env = dict(os.environ, LAKESQL_HISTORY=history, HOME=scratch, TERM="xterm")
    child = pexpect.spawn(binary, ["--no-init", "--lake", os.path.join(scratch, "lake")],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 160))
    log = []
    child.logfile_read = _Collector(log)
    step = "start"
    try:
        step = "first prompt"
        child.expect_exact(PROMPT)

        step = "create and fill a table"
        child.sendline("CREATE TABLE pets (name VARCHAR, whiskers INTEGER);")
        child.expect_exact(PROMPT)
        child.sendline("INSERT INTO pets VALUES ('cat', 24), ('bird', 0), ('dog', 12);")
        child.expect_exact(PROMPT)

        step = "multi-line statement with continuation prompt"
        child.sendline("SELECT name,")
        child.expect_exact(CONTINUATION)
        child.sendline("  whiskers * 10 AS tenfold FROM pets")
        child.expect_exact(CONTINUATION)
        child.sendline("ORDER BY tenfold DESC;")
        child.expect_exact("240")
        child.expect_exact("3 rows")
        child.expect_exact(PROMPT)

        step = "Tab completes a keyword (SEL -> SELECT) and a table name (pe -> pets)"
        child.send("SEL\t")
        time.sleep(0.3)
        child.send(" count(*) AS completed_count FROM pe\t")
        time.sleep(0.3)
        child.send(";\r")
        child.expect_exact("completed_count")
        child.expect_exact("1 row")
        child.expect_exact(PROMPT)

        step = "Tab completes a column name of a table in the statement (whi -> whiskers)"
        child.sendline("SELECT name AS most FROM pets")
        child.expect_exact(CONTINUATION)
        child.send("WHERE whi\t")
        time.sleep(0.3)
        child.send(" > 20;\r")
        child.expect_exact("most")
        child.expect_exact("cat")
        child.expect_exact(PROMPT)

        step = "Ctrl-C at the prompt clears the line"
        child.send("SELECT this line is dropped")
        time.sleep(0.2)
        child.sendintr()
        child.expect_exact(PROMPT)
        child.sendline("SELECT 40 + 2 AS answer;")
        child.expect_exact("42")
        child.expect_exact(PROMPT)

        step = "Ctrl-C cancels a long query and the prompt returns"
        child.sendline("SELECT count(*) FROM range(10000000000);")
        time.sleep(1.5)
        child.sendintr()
        child.expect_exact("cancelled", timeout=30)
        child.expect_exact(PROMPT)
        child.sendline("SELECT 'still here' AS after_cancel;")
        child.expect_exact("still here")
        child.expect_exact(PROMPT)

        step = "Ctrl-D leaves with exit code 0"
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
        if child.exitstatus != 0:
            raise AssertionError(f"exit status {child.exitstatus}, signal {child.signalstatus}")

        step = "history holds whole statements"
        with open(history, encoding="utf-8") as f:
            saved = f.read()
        for entry in ["SELECT name,\n  whiskers * 10 AS tenfold FROM pets\nORDER BY tenfold DESC;",
                      "SELECT 40 + 2 AS answer;",
                      "SELECT count(*) FROM range(10000000000);"]:
            if entry not in saved:
                raise AssertionError(f"history lacks {entry!r}; it holds:\n{saved}")
        if "this line is dropped" in saved:
            raise AssertionError("a line cleared with Ctrl-C went into the history")
        print("ok: every REPL step passed")
        return 0
    except Exception as error:  # noqa: BLE001 - report any failure with the screen
        print(f"FAILED at step: {step}\n{type(error).__name__}: {error}")
        print("---- terminal output ----")
        print("".join(log)[-4000:])
        return 1
    finally:
        if child.isalive():
            child.terminate(force=True)
        shutil.rmtree(scratch, ignore_errors=True)


class _Collector:
    """A file-like sink keeping everything the child printed."""

    def __init__(self, parts):
        self.parts = parts

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass


if __name__ == "__main__":
    sys.exit(main())
