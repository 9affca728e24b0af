-- Grouping and aggregate calls.
SELECT make, count(*), count(DISTINCT model), avg(price), min(price), max(price), sum(price) FROM cars GROUP BY make;
SELECT make, count(*) AS n FROM cars GROUP BY 1 HAVING count(*) > 10 ORDER BY n DESC;
SELECT make, model, count(*) FROM cars GROUP BY make, model;
SELECT string_agg(name, ', ' ORDER BY name) FROM people;
SELECT list(x ORDER BY y DESC), collect_list(x) FROM t;
SELECT count(*) FILTER (WHERE price > 100) AS expensive, sum(price) FILTER (WHERE sold) FROM cars;
SELECT approx_count_distinct(make), median(price), stddev(price) FROM cars;
