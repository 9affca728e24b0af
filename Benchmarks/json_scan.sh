#!/bin/sh
# JSON scan benchmark: LakeSQL's JSON reader against DuckDB's read_json on the same
# 1,000,000 generated listings, as one file and as 100 files, two threads each.
# Usage: Benchmarks/json_scan.sh [DATA_DIR]   (default /tmp/lakesql-listings)
set -eu
DIR=${1:-/tmp/lakesql-listings}
HERE=$(cd "$(dirname "$0")" && pwd)
[ -d "$DIR/one" ] || python3 "$HERE/gen_listings.py" --rows 1000000 --files 1 --out "$DIR/one"
[ -d "$DIR/hundred" ] || python3 "$HERE/gen_listings.py" --rows 1000000 --files 100 --out "$DIR/hundred"
python3 -c "import duckdb" 2>/dev/null || pip install duckdb
cd "$HERE/.."
swift build -c release --build-tests -Xswiftc -enable-testing
for shape in one hundred; do
    echo "== $shape"
    LAKESQL_BENCH=1 LAKESQL_BENCH_DIR="$DIR/$shape" .build/release/LakeSQLPackageTests.xctest \
        --testing-library swift-testing --filter JSONBenchmarkTests 2>&1 | grep '^run'
    python3 "$HERE/json_scan_duckdb.py" "$DIR/$shape/*.json" 3
done
