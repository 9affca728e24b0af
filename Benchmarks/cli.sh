#!/usr/bin/env bash
# CLI benchmarks: lakesql and DuckDB's CLI side by side in the same run.
#   1. startup: `-c "SELECT 1"` (start, run, exit);
#   2. CSV output: a 1,000,000-row result printed as CSV to /dev/null.
# Prints best and median wall times and the ratio lakesql/duckdb (targets: startup <= 1.0x,
# CSV time <= 1.0x, i.e. a rate at least DuckDB's).
#   RUNS=5 Benchmarks/cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source Benchmarks/common.sh

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

exec "$PYTHON" - "$LAKESQL" "$DUCKDB" "$RUNS" "$SCRATCH" <<'PY'
import os, statistics, subprocess, sys, time

lakesql, duckdb, runs, scratch = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
CSV_SQL = "SELECT range, range * 2, 'text ' || range FROM range(1000000)"

# name -> (lakesql argv, duckdb argv)
BENCHMARKS = [
    ("startup: -c 'SELECT 1'",
     [lakesql, "--lake", os.path.join(scratch, "lake"), "-c", "SELECT 1"],
     [duckdb, "-c", "SELECT 1"]),
    ("1,000,000 rows as CSV to /dev/null",
     [lakesql, "--lake", os.path.join(scratch, "lake"), "--format", "csv", "-c", CSV_SQL],
     [duckdb, "-csv", "-c", CSV_SQL]),
]

def timed(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start

def measure(argv):
    timed(argv)  # warm the page cache
    samples = [timed(argv) for _ in range(runs)]
    return min(samples), statistics.median(samples)

# Both engines must print the same CSV body.
ours = subprocess.run(BENCHMARKS[1][1], capture_output=True, check=True).stdout.splitlines()
theirs = subprocess.run(BENCHMARKS[1][2], capture_output=True, check=True).stdout.splitlines()
if ours[1:] != theirs[1:]:
    print("warning: CSV bodies differ between lakesql and duckdb", file=sys.stderr)

print(f"{'benchmark':40} {'lakesql best/median':>22} {'duckdb best/median':>22} {'ratio (median)':>15}")
for name, ours_argv, theirs_argv in BENCHMARKS:
    lb, lm = measure(ours_argv)
    db, dm = measure(theirs_argv)
    print(f"{name:40} {lb:9.3f}s /{lm:7.3f}s {db:9.3f}s /{dm:7.3f}s {lm / dm:14.2f}x")
print("ratio = lakesql / duckdb wall time; <= 1.0x meets the target (CSV: rate >= DuckDB's)")
PY
