-- Views and materialized views.
CREATE VIEW cheap AS SELECT * FROM bronze.listings WHERE price < 5000;
CREATE OR REPLACE VIEW v (make, n) AS SELECT car.make, count(*) FROM bronze.listings GROUP BY 1;
CREATE TEMP VIEW recent AS SELECT * FROM bronze.listings WHERE listed_at > current_date - INTERVAL 7 DAYS;
CREATE VIEW IF NOT EXISTS w AS WITH x AS (SELECT 1 AS a) SELECT a FROM x;
CREATE MATERIALIZED VIEW gold.make_stats AS SELECT car.make AS make, avg(price) AS avg_price FROM bronze.listings GROUP BY car.make;
CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS gold.latest AS SELECT * FROM bronze.sales QUALIFY row_number() OVER (PARTITION BY listing_id ORDER BY sold_at DESC) = 1;
REFRESH MATERIALIZED VIEW gold.make_stats;
REFRESH MATERIALIZED VIEW gold.latest FULL;
