-- Silver: views that clean and join the bronze feeds. They are expanded into each query
-- that reads them, so filters reach the bronze scans.
CREATE SCHEMA IF NOT EXISTS silver;

-- One row per valid listing, with its removal (if any) and its dealer.
CREATE OR REPLACE VIEW silver.sales AS
SELECT l.listing_id,
       l.vin,
       l.car.make  AS make,
       l.car.model AS model,
       l.car.year  AS model_year,
       l.fuel,
       l.mileage,
       l.price,
       l.listed_at,
       r.removed_at,
       r.reason,
       r.sale_price,
       d.name   AS dealer,
       d.city,
       d.region
FROM bronze.listings l
LEFT JOIN bronze.removals r ON r.listing_id = l.listing_id
LEFT JOIN bronze.dealers d ON d.dealer_id = l.dealer_id
WHERE l.listing_id IS NOT NULL AND l.listed_at IS NOT NULL;

-- Listings that were taken down, with the turnover: date removed minus date listed.
CREATE OR REPLACE VIEW silver.turnover AS
SELECT listing_id, make, model, region, fuel, price, sale_price, reason, listed_at, removed_at,
       removed_at - listed_at                                 AS time_on_market,
       EXTRACT(EPOCH FROM removed_at - listed_at) / 86400.0    AS turnover_days,
       CAST(removed_at AS DATE) - CAST(listed_at AS DATE)      AS turnover_calendar_days
FROM silver.sales
WHERE removed_at IS NOT NULL AND removed_at >= listed_at;
