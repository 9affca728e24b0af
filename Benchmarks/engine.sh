#!/usr/bin/env bash
# Engine benchmarks: the same SQL on lakesql and on DuckDB's CLI, in the same run.
# Prints best and median wall times and the ratio lakesql/duckdb. See Benchmarks/README.md.
#   RUNS=5 Benchmarks/engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source Benchmarks/common.sh

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

exec "$PYTHON" - "$LAKESQL" "$DUCKDB" "$RUNS" "$SCRATCH" <<'PY'
import statistics, subprocess, sys, time

lakesql, duckdb, runs, scratch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

# name -> SQL. Every query prints one short row, so output costs nothing.
BENCHMARKS = [
    ("startup: SELECT 1", "SELECT 1"),
    ("hash join 1M x 1M + group by",
     "SELECT count(*), sum(s) FROM ("
     "SELECT a.g, count(*) AS n, sum(b.v) AS s "
     "FROM (SELECT range AS k, range % 1000 AS g FROM range(1000000)) a "
     "JOIN (SELECT range AS k, range * 2 AS v FROM range(1000000)) b ON a.k = b.k "
     "GROUP BY a.g) t"),
    # The ORDER BY sits in a subquery and the outer query skips 999,999 rows: no engine
    # can answer from a small top-N heap, so both sort all 1M rows (DuckDB's plan shows
    # a full ORDER_BY under a STREAMING_LIMIT).
    ("sort 1M rows",
     "SELECT i, x FROM (SELECT range AS i, (range * 7919) % 1000003 AS x "
     "FROM range(1000000) ORDER BY x) LIMIT 1 OFFSET 999999"),
    ("filter + count 10M rows", "SELECT count(*) FROM range(10000000) WHERE range % 7 = 3"),
]

COMMANDS = {
    "lakesql": lambda sql: [lakesql, "--lake", scratch, "--format", "csv", "--no-header", "-c", sql],
    "duckdb": lambda sql: [duckdb, "-csv", "-noheader", "-c", sql],
}

def measure(argv):
    """Best and median wall time of `runs` runs, and the output; or an error text."""
    times, output = [], None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            lines = (proc.stderr.strip() or f"exit {proc.returncode}").splitlines()
            return None, None, None, f"exit {proc.returncode}: {lines[0][:60]}"
        times.append(elapsed)
        output = proc.stdout.strip()
    return min(times), statistics.median(times), output, None

def fmt(seconds):
    return "-" if seconds is None else f"{seconds * 1000:9.1f} ms"

rows, notes = [], []
for name, sql in BENCHMARKS:
    result = {engine: measure(command(sql)) for engine, command in COMMANDS.items()}
    l, d = result["lakesql"], result["duckdb"]
    ratio = f"{l[0] / d[0]:6.2f}x" if l[0] and d[0] else "-"
    if l[3]: notes.append(f"{name}: lakesql failed ({l[3]})")
    if d[3]: notes.append(f"{name}: duckdb failed ({d[3]})")
    if l[2] is not None and d[2] is not None and l[2] != d[2]:
        notes.append(f"{name}: results differ: lakesql {l[2]!r} vs duckdb {d[2]!r}")
    rows.append((name, fmt(l[0]), fmt(l[1]), fmt(d[0]), fmt(d[1]), ratio))

header = ("benchmark", "lakesql best", "lakesql median", "duckdb best", "duckdb median", "ratio (best)")
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
print()
print(f"{runs} runs each, wall time of the whole process")
for r in [header] + rows:
    print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
for n in notes:
    print("note:", n)
PY
