-- How far below the asking price cars sell, by region.
SELECT region, count(*) AS sales,
       round(avg((price - sale_price) / price) * 100, 2) AS avg_discount_pct
FROM gold.listing_turnover
WHERE reason = 'sold' AND price > 0
GROUP BY region
ORDER BY avg_discount_pct DESC;
