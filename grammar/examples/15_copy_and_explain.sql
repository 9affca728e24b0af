-- Exports and plans.
COPY (SELECT * FROM gold.daily) TO 'out/daily.parquet' (FORMAT parquet);
COPY gold.daily TO 'out/daily.csv' (FORMAT csv, HEADER true, DELIMITER ';');
COPY people TO 'out/people.json' WITH (FORMAT 'json');
COPY (SELECT 1 AS a) TO 'out/one.csv';
EXPLAIN SELECT * FROM people WHERE id = 1;
EXPLAIN ANALYZE SELECT count(*) FROM bronze.listings;
EXPLAIN VERBOSE SELECT make FROM cars GROUP BY make;
EXPLAIN ANALYZE VERBOSE INSERT INTO t SELECT * FROM u;
