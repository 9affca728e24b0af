-- Month by month: listings taken down and the median turnover, with the change on the
-- previous month (a window function over the gold segment table).
SELECT month, sum(listings) AS removed, round(avg(median_days), 1) AS median_days,
       sum(listings) - lag(sum(listings)) OVER (ORDER BY month) AS change
FROM gold.turnover_by_segment
GROUP BY month
ORDER BY month;
