-- Subqueries, CTEs and VALUES.
SELECT * FROM (SELECT a, b FROM t) AS s WHERE s.a > 1;
SELECT * FROM (SELECT a FROM t) s(x);
SELECT * FROM (VALUES (1, 2), (3, 4)) AS t(a, b);
VALUES (1, 'one'), (2, 'two');
SELECT a FROM t WHERE a IN (SELECT a FROM u) AND b NOT IN (SELECT b FROM v);
SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) OR NOT EXISTS (SELECT 1 FROM v);
SELECT a, (SELECT max(b) FROM u WHERE u.a = t.a) AS top_b FROM t;
WITH recent AS (SELECT * FROM listings WHERE listed_at > DATE '2024-01-01') SELECT count(*) FROM recent;
WITH a (x) AS (SELECT 1), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM a, b;
WITH RECURSIVE nums (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM nums WHERE n < 10) SELECT sum(n) FROM nums;
