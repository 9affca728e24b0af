#!/usr/bin/env bash
# Parquet writer benchmark: COPY of the pipeline's gold.listing_turnover (868K rows, 12
# columns) to a Parquet file, LakeSQL against the DuckDB CLI copying the same Parquet files,
# runs alternating. The read alone is timed too, so the write's share shows. Needs the lake
# of Benchmarks/pipeline.sh; writes only to a temporary folder.
#   RUNS=5 Benchmarks/parquet_write.sh [DATA_DIR]      (default /tmp/lakesql-pipeline)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
DATA="${1:-/tmp/lakesql-pipeline}"
source Benchmarks/common.sh

exec "$PYTHON" - "$LAKESQL" "$DUCKDB" "$RUNS" "$DATA" <<'PY'
import glob, json, os, shutil, statistics, subprocess, sys, tempfile, time
lakesql, duckdb, runs, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lake = os.path.join(data, "lake")
table = os.path.join(lake, "gold", "listing_turnover")
logs = sorted(glob.glob(os.path.join(table, "_log", "*.json")))
if not logs:
    sys.exit(f"no gold.listing_turnover in {lake}: run Benchmarks/pipeline.sh first")
with open(logs[-1]) as f:
    files = [os.path.join(table, d["path"]) for d in json.load(f)["files"]]
out = tempfile.mkdtemp(prefix="lakesql-parquet-write-")
cols = ["listing_id", "make", "model", "region", "fuel", "price", "sale_price", "reason",
        "listed_at", "removed_at", "turnover_days", "turnover_calendar_days"]
counts = ", ".join(f"count({c})" for c in cols)
source = "read_parquet([" + ", ".join(f"'{p}'" for p in files) + "])"
cases = [
    ("read only", [lakesql, "--lake", lake, "-c", f"SELECT count(*), {counts} FROM gold.listing_turnover"],
                  [duckdb, "-c", f"SET threads=2; SELECT count(*), {counts} FROM {source}"]),
    ("copy to parquet", [lakesql, "--lake", lake, "-c",
                         f"COPY (SELECT * FROM gold.listing_turnover) TO '{out}/lakesql.parquet' (FORMAT parquet)"],
                        [duckdb, "-c", f"SET threads=2; COPY (SELECT * FROM {source}) TO '{out}/duckdb.parquet' (FORMAT parquet)"]),
]

def once(argv):
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(argv[:3])}...: {p.stderr[:300]}")
    return time.perf_counter() - t

try:
    print(f"{'case':<18}{'lakesql best':>14}{'median':>9}{'duckdb best':>14}{'median':>9}{'ratio':>8}")
    for name, ours, theirs in cases:
        a, b = [], []
        for _ in range(runs):  # alternating, so both see the same machine
            a.append(once(ours))
            b.append(once(theirs))
        print(f"{name:<18}{min(a):>13.3f}s{statistics.median(a):>8.3f}s{min(b):>13.3f}s{statistics.median(b):>8.3f}s"
              f"{min(a) / min(b):>8.2f}")
    sizes = {n: os.path.getsize(os.path.join(out, n + ".parquet")) for n in ("lakesql", "duckdb")}
    print(f"file sizes: lakesql {sizes['lakesql']:,} bytes, duckdb {sizes['duckdb']:,} bytes")
finally:
    shutil.rmtree(out, ignore_errors=True)
PY
