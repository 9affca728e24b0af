#!/usr/bin/env python3
"""DuckDB's side of the JSON scan benchmark: count(*) WHERE price > 20000 over the
listings written by gen_listings.py, with the same declared columns, on two threads.

Usage: json_scan_duckdb.py 'DIR/*.json' [RUNS]
Prints the wall time of each run (the query only, not Python's start-up).
"""
import sys
import time

import duckdb

COLUMNS = (
    "{listing_id: 'BIGINT', vin: 'VARCHAR', car: 'STRUCT(make VARCHAR, model VARCHAR, year INTEGER)', "
    "mileage: 'INTEGER', fuel: 'VARCHAR', price: 'DECIMAL(10,2)', dealer_id: 'INTEGER', listed_at: 'TIMESTAMP'}"
)


def main():
    pattern = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    con = duckdb.connect()
    con.execute("SET threads=2")
    query = (
        f"SELECT count(*) FROM read_json('{pattern}', format='newline_delimited', columns={COLUMNS}) "
        "WHERE price > 20000"
    )
    for run in range(1, runs + 1):
        start = time.perf_counter()
        count = con.execute(query).fetchone()[0]
        print(f"duckdb run {run}: {count} with price > 20000: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
