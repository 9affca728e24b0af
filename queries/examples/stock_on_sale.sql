-- Cars still on sale per dealer, and how long the oldest has waited (days since listing,
-- as of the newest listing in the lake).
WITH horizon AS (SELECT max(listed_at) AS now FROM bronze.listings)
SELECT dealer, city, count(*) AS on_sale,
       max(CAST(h.now AS DATE) - CAST(listed_at AS DATE)) AS oldest_days
FROM silver.sales, horizon h
WHERE removed_at IS NULL
GROUP BY dealer, city
ORDER BY on_sale DESC
LIMIT 10;
