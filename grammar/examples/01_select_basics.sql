-- Plain SELECTs: items, aliases, filters, sorting, paging.
SELECT 1;
SELECT 1 AS one, 'two' two, 3.5 AS "Three";
SELECT * FROM bronze.listings;
SELECT l.* FROM bronze.listings AS l;
SELECT * EXCLUDE (raw, ingested_at) FROM bronze.listings;
SELECT l.* EXCLUDE (raw) FROM bronze.listings l;
SELECT DISTINCT make FROM cars ORDER BY make;
SELECT ALL make FROM cars;
SELECT listing_id, price FROM bronze.listings WHERE price > 1000 AND price <= 50000 ORDER BY price DESC NULLS LAST, listing_id LIMIT 10 OFFSET 20;
SELECT a FROM t ORDER BY a ASC NULLS FIRST LIMIT ALL;
SELECT a FROM t OFFSET 5;
SELECT a FROM t FETCH FIRST 3 ROWS ONLY;
SELECT a FROM t ORDER BY 1 OFFSET 2 ROWS FETCH NEXT 1 ROW ONLY;
SELECT year, month, day, date, time, timestamp, name, value, key, type, format, location, options, comment, first, last FROM events;
SELECT count(*) FROM range(10);
SELECT * FROM generate_series(1, 5) AS g(n);
SELECT * FROM read_json('bronze/listings/part-00001.json') r;
