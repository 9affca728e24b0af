#!/usr/bin/env bash
# Bronze scan benchmark, end to end: `lakesql` with an external JSON table against the
# DuckDB CLI's read_json with the same declared columns, on the same files:
#   (a) 1,000,000 listings in 100 files, (b) 100,000 one-record files;
# query: SELECT count(*) ... WHERE price > 20000. Prints times, MB/s and lakesql/duckdb.
#   RUNS=5 Benchmarks/lake_scan.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
DATA="${1:-/tmp/lakesql-bench-lake}"
source Benchmarks/common.sh

if [ ! -d "$DATA/bronze/listings100" ]; then
    echo "==> generating 1,000,000 listings in 100 files"
    "$PYTHON" Benchmarks/gen_listings.py --rows 1000000 --files 100 --out "$DATA/bronze/listings100"
fi
if [ ! -d "$DATA/bronze/small" ]; then
    echo "==> generating 100,000 one-record files"
    "$PYTHON" Benchmarks/gen_listings.py --rows 100000 --files 100000 --out "$DATA/bronze/small"
fi

exec "$PYTHON" - "$LAKESQL" "$DUCKDB" "$RUNS" "$DATA" <<'PY'
import os, statistics, subprocess, sys, time
lakesql, duckdb, runs, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cols_sql = ("listing_id BIGINT, vin STRING, car STRUCT<make: STRING, model: STRING, year: INT>, "
            "mileage INT, fuel STRING, price DECIMAL(10,2), dealer_id INT, listed_at TIMESTAMP")
cols_duck = ("{listing_id: 'BIGINT', vin: 'VARCHAR', car: 'STRUCT(make VARCHAR, model VARCHAR, year INTEGER)', "
             "mileage: 'INTEGER', fuel: 'VARCHAR', price: 'DECIMAL(10,2)', dealer_id: 'INTEGER', listed_at: 'TIMESTAMP'}")
lake = os.path.join(data, "lake-catalog")
os.makedirs(lake, exist_ok=True)
for name, folder in (("listings100", "listings100"), ("small", "small")):
    subprocess.run([lakesql, "--lake", lake, "-c", f"DROP TABLE IF EXISTS {name}", "-c",
                    f"CREATE TABLE {name} ({cols_sql}) USING JSON LOCATION '{os.path.join(data, 'bronze', folder)}'"], check=True)

def size(folder):
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total

def best(argv):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(argv, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if p.returncode != 0:
            return None, None, p.stderr.strip()[:100]
        out = p.stdout.strip()
    return min(times), statistics.median(times), out

print(f"{runs} runs each, wall time of the whole process (both engines use 2 threads)")
print(f"{'benchmark':36} {'lakesql':>10} {'MB/s':>8} {'duckdb':>10} {'MB/s':>8} {'ratio':>7}")
for name in ("listings100", "small"):
    folder = os.path.join(data, "bronze", name)
    mb = size(folder) / 1e6
    l = best([lakesql, "--lake", lake, "--format", "csv", "--no-header", "-c",
              f"SELECT count(*) FROM {name} WHERE price > 20000"])
    glob = os.path.join(folder, "*.json")
    d = best([duckdb, "-csv", "-noheader", "-c",
              f"SET threads=2; SELECT count(*) FROM read_json('{glob}', format='newline_delimited', columns={cols_duck}) WHERE price > 20000"])
    label = {"listings100": "1M listings, 100 files", "small": "100,000 one-record files"}[name]
    if l[0] is None or d[0] is None:
        print(f"{label:36} failed: lakesql={l[2]!r} duckdb={d[2]!r}")
        continue
    note = "" if l[2] == d[2] else f"   results differ: {l[2]} vs {d[2]}"
    print(f"{label:36} {l[0]*1000:8.0f}ms {mb/l[0]:8.0f} {d[0]*1000:8.0f}ms {mb/d[0]:8.0f} {l[0]/d[0]:6.2f}x{note}")
PY
