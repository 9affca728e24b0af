-- Operators and precedence (PostgreSQL order).
SELECT 1 + 2 * 3, (1 + 2) * 3, 7 / 2, 7 % 2, - - 4, -x, +y;
SELECT a OR b AND c, NOT a = b, a || b = c, 'x' || 'y' || 'z';
SELECT a = b, a == b, a <> b, a != b, a < b, a <= b, a > b, a >= b FROM t;
SELECT a BETWEEN 1 AND 10, a NOT BETWEEN 1 AND 10 FROM t;
SELECT a IN (1, 2, 3), a NOT IN ('x'), a IN () FROM t;
SELECT name LIKE 'A%', name NOT LIKE '%z', name ILIKE 'a%', name LIKE 'a!%%' ESCAPE '!' FROM t;
SELECT a IS NULL, a IS NOT NULL, a ISNULL, a NOTNULL FROM t;
SELECT a IS TRUE, a IS NOT FALSE, a IS UNKNOWN, a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b FROM t;
SELECT CASE WHEN price > 100 THEN 'high' WHEN price > 10 THEN 'mid' ELSE 'low' END FROM t;
SELECT CASE status WHEN 1 THEN 'new' WHEN 2 THEN 'sold' END FROM t;
SELECT CAST(price AS DECIMAL(10, 2)), TRY_CAST('x' AS INT), price::DOUBLE, '1'::INT + 1 FROM t;
SELECT (a, b) = (1, 2), [1, 2, 3], ARRAY[1, 2], [] FROM t;
SELECT car.make, car.model.name, l.car.year, tags[1], car['make'], (car).make, f(x).y FROM listings l;
SELECT - - a, -(-a), NOT NOT a, -a::INT FROM t;
