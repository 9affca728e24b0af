-- Gold: materialized views stored as Parquet under <lake>/gold/, for analysts and BI tools.
-- Created once, then refreshed on every run of the pipeline. The per-listing table is the
-- one that joins bronze; the summaries are computed from it, so they always agree with it
-- (refresh it first, as below).
CREATE SCHEMA IF NOT EXISTS gold;

-- Per listing: the turnover of every listing that was taken down.
CREATE MATERIALIZED VIEW IF NOT EXISTS gold.listing_turnover AS
SELECT listing_id, make, model, region, fuel, price, sale_price, reason,
       listed_at, removed_at, turnover_days, turnover_calendar_days
FROM silver.turnover;

-- Turnover by make, model, region and month listed.
CREATE MATERIALIZED VIEW IF NOT EXISTS gold.turnover_by_segment AS
SELECT make, model, region, date_trunc('month', listed_at) AS month,
       count(*)                         AS listings,
       round(avg(turnover_days), 2)     AS avg_days,
       round(median(turnover_days), 2)  AS median_days,
       round(min(turnover_days), 2)     AS min_days,
       round(max(turnover_days), 2)     AS max_days
FROM gold.listing_turnover
GROUP BY make, model, region, date_trunc('month', listed_at);

-- Turnover by make: the headline table.
CREATE MATERIALIZED VIEW IF NOT EXISTS gold.turnover_by_make AS
SELECT make,
       count(*)                                                   AS removed,
       count(*) FILTER (WHERE reason = 'sold')                    AS sold,
       round(avg(turnover_days), 1)                               AS avg_days,
       round(median(turnover_days), 1)                            AS median_days,
       round(min(turnover_days), 1)                               AS min_days,
       round(max(turnover_days), 1)                               AS max_days
FROM gold.listing_turnover
WHERE make IS NOT NULL
GROUP BY make;

REFRESH MATERIALIZED VIEW gold.listing_turnover;
REFRESH MATERIALIZED VIEW gold.turnover_by_segment;
REFRESH MATERIALIZED VIEW gold.turnover_by_make;
