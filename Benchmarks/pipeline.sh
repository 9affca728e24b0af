#!/usr/bin/env bash
# The pipeline benchmark: queries/ (bronze JSON → silver views → gold Parquet) on 1,000,000
# generated listings, LakeSQL against the DuckDB CLI running the same work (read_json with
# declared columns, the joins, the turnover, COPY to Parquet, the summaries from that file); then a REFRESH after 1% new
# bronze files against a full one.
#   RUNS=3 Benchmarks/pipeline.sh [DATA_DIR]      (default /tmp/lakesql-pipeline)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
DATA="${1:-/tmp/lakesql-pipeline}"
source Benchmarks/common.sh

if [ ! -d "$DATA/lake/bronze/listings" ]; then
    echo "==> lakesql generate --listings 1000000 --files 100"
    "$LAKESQL" generate --lake "$DATA/lake" --listings 1000000 --files 100 --dealers 2000 >/dev/null
fi

exec "$PYTHON" - "$LAKESQL" "$DUCKDB" "$RUNS" "$DATA" <<'PY'
import glob, os, shutil, subprocess, sys, time
lakesql, duckdb, runs, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lake = os.path.join(data, "lake")
queries = sorted(glob.glob("queries/0*.sql"))

def reset_lake():
    for sub in ("_catalog", "_index", "gold", "silver", "main"):
        shutil.rmtree(os.path.join(lake, sub), ignore_errors=True)
    for f in glob.glob(os.path.join(lake, "bronze", "*", "tick-*.json")):
        os.remove(f)

def timed(argv):
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(argv[:3])}...: {p.stderr[:300]}")
    return time.perf_counter() - t

def lakesql_pipeline():
    reset_lake()
    args = [lakesql, "--lake", lake]
    for q in queries:
        args += ["-f", q]
    return timed(args)

B = os.path.join(lake, "bronze")
duck_sql = f"""
SET threads=2;
CREATE VIEW listings AS SELECT * FROM read_json('{B}/listings/*.json', format='newline_delimited', ignore_errors=true,
  columns={{listing_id: 'BIGINT', vin: 'VARCHAR', car: 'STRUCT(make VARCHAR, model VARCHAR, year INTEGER, body VARCHAR)',
           mileage: 'INTEGER', fuel: 'VARCHAR', transmission: 'VARCHAR', colour: 'VARCHAR', price: 'DECIMAL(10,2)',
           currency: 'VARCHAR', dealer_id: 'INTEGER', listed_at: 'TIMESTAMP', seller_notes: 'VARCHAR'}});
CREATE VIEW removals AS SELECT * FROM read_json('{B}/removals/*.json', format='newline_delimited', ignore_errors=true,
  columns={{listing_id: 'BIGINT', removed_at: 'TIMESTAMP', reason: 'VARCHAR', sale_price: 'DECIMAL(10,2)'}});
CREATE VIEW dealers AS SELECT * FROM read_json('{B}/dealers/*.json', format='newline_delimited', ignore_errors=true,
  columns={{dealer_id: 'INTEGER', name: 'VARCHAR', city: 'VARCHAR', region: 'VARCHAR', opened: 'DATE'}});
CREATE VIEW turnover AS
SELECT l.listing_id, l.car.make AS make, l.car.model AS model, d.region, l.fuel, l.price, r.sale_price, r.reason,
       l.listed_at, r.removed_at, epoch(r.removed_at - l.listed_at) / 86400.0 AS turnover_days,
       CAST(r.removed_at AS DATE) - CAST(l.listed_at AS DATE) AS turnover_calendar_days
FROM listings l JOIN removals r ON r.listing_id = l.listing_id LEFT JOIN dealers d ON d.dealer_id = l.dealer_id
WHERE l.listing_id IS NOT NULL AND l.listed_at IS NOT NULL AND r.removed_at >= l.listed_at;
COPY (SELECT * FROM turnover) TO '{data}/duck_listing_turnover.parquet' (FORMAT parquet);
COPY (SELECT make, model, region, date_trunc('month', listed_at) AS month, count(*) AS listings,
             round(avg(turnover_days), 2), round(median(turnover_days), 2), round(min(turnover_days), 2), round(max(turnover_days), 2)
      FROM read_parquet('{data}/duck_listing_turnover.parquet') GROUP BY ALL) TO '{data}/duck_segment.parquet' (FORMAT parquet);
COPY (SELECT make, count(*), count(*) FILTER (WHERE reason = 'sold'), round(avg(turnover_days), 1), round(median(turnover_days), 1),
             round(min(turnover_days), 1), round(max(turnover_days), 1)
      FROM read_parquet('{data}/duck_listing_turnover.parquet') WHERE make IS NOT NULL GROUP BY make) TO '{data}/duck_by_make.parquet' (FORMAT parquet);
"""

def duck_pipeline():
    return timed([duckdb, "-c", duck_sql])

l = min(lakesql_pipeline() for _ in range(runs))
d = min(duck_pipeline() for _ in range(runs))
print(f"{runs} runs each, best wall time of the whole process")
print(f"full pipeline, 1M listings    lakesql {l:6.3f} s   duckdb {d:6.3f} s   ratio {l / d:6.3f}x")

# REFRESH after 1% new bronze files: a stream tick adds one file per feed (10,000 listings
# next to 1,000,000), then the three gold views are refreshed; as many ticks as runs, best
# time kept, as for the full refresh.
def tick():
    subprocess.run([lakesql, "generate", "--lake", lake, "--listings", "0", "--every", "1ms", "--ticks", "1", "--per-tick", "10000"],
                   capture_output=True, check=True)
refresh = [lakesql, "--lake", lake] + sum((["-c", f"REFRESH MATERIALIZED VIEW gold.{v}"] for v in
           ("listing_turnover", "turnover_by_segment", "turnover_by_make")), [])
full = [lakesql, "--lake", lake] + sum((["-c", f"REFRESH MATERIALIZED VIEW gold.{v} FULL"] for v in
        ("listing_turnover", "turnover_by_segment", "turnover_by_make")), [])
incremental = []
for _ in range(runs):
    tick()
    incremental.append(timed(refresh))
t_inc = min(incremental)
t_full = min(timed(full) for _ in range(runs))
print(f"REFRESH after 1% new files    {t_inc:6.3f} s   full refresh {t_full:6.3f} s   ratio {t_inc / t_full:6.3f}x"
      f"   (each incremental run: {', '.join(f'{t:.3f}' for t in incremental)} s)")
PY
