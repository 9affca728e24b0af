#!/usr/bin/env python3
"""Writes the committed Parquet fixtures read by ParquetFixtureTests:
Fixtures/parquet/duckdb.parquet (DuckDB's writer, default settings) and
Fixtures/parquet/pyarrow.parquet (pyarrow's writer, default settings), and two
generated 2,000-row DuckDB files (duckdb_dict.parquet default, duckdb_v2.parquet with
PARQUET_VERSION V2) whose values follow the formulas in GENERATED_SQL.
Both hold the same five rows (pyarrow without the INTERVAL column, which it cannot
write); the Swift test hard-codes these values. Run from any folder:
    python3 Tests/FormatsTests/interop/make_fixtures.py"""
import datetime
import decimal
import os

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Fixtures", "parquet")

DUCKDB_SQL = """
SELECT * FROM (VALUES
 (1::BIGINT, true, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, 1.5::REAL, 3.141592653589793::DOUBLE,
  1234567.89::DECIMAL(9,2), 12345678901234.5678::DECIMAL(18,4), 12345678901234567890123456789012.123456::DECIMAL(38,6),
  'hello', DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.123456', INTERVAL '1 month 2 days 3.004 seconds',
  {'make': 'VW', 'year': 2019}, ['a', 'b'], [{'x': 1, 'label': 'p'}], [[1, 2], [3]]::BIGINT[][]),
 (2, false, 0, 1, 0, NULL, NULL, -0.01, NULL, -1.000001, '', DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00', NULL,
  NULL, [], NULL, [[]]),
 (3, NULL, NULL, 2, NULL, -0.25, -1e300, NULL, -1.0000, NULL, NULL, NULL, NULL, INTERVAL '5 days',
  {'make': NULL, 'year': 2001}, NULL, [], NULL),
 (4, true, 127, NULL, 2147483647, 3.0, 0.1, 0.00, 0, 0, 'naïve ☃ 😀', DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59.999999',
  INTERVAL '0 seconds', {'make': 'Fiat', 'year': NULL}, ['x', NULL, 'z'], [{'x': 2, 'label': NULL}, NULL], [[NULL, 4]]),
 (5, false, 5, 32767, 42, 0.0, 2.5, 42.50, 99.9999, 7, 'repeat', DATE '2000-02-29', TIMESTAMP '2000-02-29 12:00:00',
  INTERVAL '14 months', {'make': 'Kia', 'year': 2024}, ['solo'], [{'x': 3, 'label': 'q'}], [])
) t(id, flag, tiny, small, num, "real", dbl, dec9, dec18, dec38, name, "day", ts, span, car, tags, points, matrix)
ORDER BY id
"""


def duckdb_fixture():
    con = duckdb.connect()
    path = os.path.join(OUT, "duckdb.parquet")
    con.execute(f"COPY ({DUCKDB_SQL}) TO '{path}' (FORMAT PARQUET)")


GENERATED_SQL = """
SELECT i::BIGINT AS i, CASE WHEN i % 13 = 0 THEN NULL ELSE 'k' || (i % 7) END AS s, (i * 3)::BIGINT AS n,
       (i % 10)::INTEGER AS d, (i % 5)::DOUBLE / 4 AS f, DATE '2024-01-01' + (i % 30)::INTEGER AS day
FROM range(2000) t(i)
"""


def duckdb_generated_fixtures():
    """2,000 generated rows (dictionary pages; with V2 also DELTA encodings):
    i = 0..1999, s = NULL when i % 13 == 0 else 'k' || i % 7, n = 3i, d = i % 10,
    f = (i % 5) / 4, day = 2024-01-01 + i % 30."""
    con = duckdb.connect()
    for name, options in (("duckdb_dict.parquet", "FORMAT PARQUET"),
                          ("duckdb_v2.parquet", "FORMAT PARQUET, PARQUET_VERSION V2")):
        con.execute(f"COPY ({GENERATED_SQL}) TO '{os.path.join(OUT, name)}' ({options})")


def pyarrow_fixture():
    D = decimal.Decimal
    utc = datetime.timezone.utc
    car = pa.struct([("make", pa.string()), ("year", pa.int32())])
    point = pa.struct([("x", pa.int32()), ("label", pa.string())])
    schema = pa.schema([
        ("id", pa.int64()), ("flag", pa.bool_()), ("tiny", pa.int8()), ("small", pa.int16()), ("num", pa.int32()),
        ("real", pa.float32()), ("dbl", pa.float64()), ("dec9", pa.decimal128(9, 2)), ("dec18", pa.decimal128(18, 4)),
        ("dec38", pa.decimal128(38, 6)), ("name", pa.string()), ("day", pa.date32()), ("ts", pa.timestamp("us", tz="UTC")),
        ("car", car), ("tags", pa.list_(pa.string())), ("points", pa.list_(point)), ("matrix", pa.list_(pa.list_(pa.int64()))),
    ])
    rows = {
        "id": [1, 2, 3, 4, 5],
        "flag": [True, False, None, True, False],
        "tiny": [-128, 0, None, 127, 5],
        "small": [-32768, 1, 2, None, 32767],
        "num": [-2147483648, 0, None, 2147483647, 42],
        "real": [1.5, None, -0.25, 3.0, 0.0],
        "dbl": [3.141592653589793, None, -1e300, 0.1, 2.5],
        "dec9": [D("1234567.89"), D("-0.01"), None, D("0.00"), D("42.50")],
        "dec18": [D("12345678901234.5678"), None, D("-1.0000"), D("0.0000"), D("99.9999")],
        "dec38": [D("12345678901234567890123456789012.123456"), D("-1.000001"), None, D("0.000000"), D("7.000000")],
        "name": ["hello", "", None, "naïve ☃ 😀", "repeat"],
        "day": [datetime.date(2024, 1, 2), datetime.date(1970, 1, 1), None, datetime.date(1969, 12, 31), datetime.date(2000, 2, 29)],
        "ts": [datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=utc), datetime.datetime(1970, 1, 1, tzinfo=utc), None,
               datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=utc), datetime.datetime(2000, 2, 29, 12, tzinfo=utc)],
        "car": [{"make": "VW", "year": 2019}, None, {"make": None, "year": 2001}, {"make": "Fiat", "year": None}, {"make": "Kia", "year": 2024}],
        "tags": [["a", "b"], [], None, ["x", None, "z"], ["solo"]],
        "points": [[{"x": 1, "label": "p"}], None, [], [{"x": 2, "label": None}, None], [{"x": 3, "label": "q"}]],
        "matrix": [[[1, 2], [3]], [[]], None, [[None, 4]], []],
    }
    table = pa.table(rows, schema=schema)
    pq.write_table(table, os.path.join(OUT, "pyarrow.parquet"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    duckdb_fixture()
    duckdb_generated_fixtures()
    pyarrow_fixture()
    for name in ("duckdb.parquet", "duckdb_dict.parquet", "duckdb_v2.parquet", "pyarrow.parquet"):
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes")
