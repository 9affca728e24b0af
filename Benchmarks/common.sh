# Shared set-up of the benchmark scripts (sourced, not run): a release build of lakesql in
# $LAKESQL, and DuckDB's CLI in $DUCKDB — the executable inside the pip package duckdb-cli,
# called directly (its console-script wrapper would add Python's start-up to every run).
RUNS="${RUNS:-5}"
PYTHON="${PYTHON:-python3}"

echo "==> swift build -c release --product lakesql"
swift build -c release --product lakesql >/dev/null
LAKESQL="$(swift build -c release --show-bin-path)/lakesql"

if ! "$PYTHON" -c "import duckdb_cli" 2>/dev/null; then
    echo "==> pip install duckdb-cli"
    "$PYTHON" -m pip install --quiet duckdb-cli
fi
DUCKDB="$("$PYTHON" -c 'import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), "duckdb"))')"
echo "==> duckdb: $DUCKDB ($("$DUCKDB" -version | head -n 1))"
