-- The ten models that sell fastest (at least 20 sales), with their typical price.
SELECT make, model, count(*) AS sold, round(median(turnover_days), 1) AS median_days,
       round(avg(sale_price), 0) AS avg_sale_price
FROM gold.listing_turnover
WHERE reason = 'sold'
GROUP BY make, model
HAVING count(*) >= 20
ORDER BY median_days, sold DESC
LIMIT 10;
