-- Functions with special syntax and ordinary calls.
SELECT SUBSTRING(name FROM 2 FOR 3), SUBSTRING(name FROM 2), substring(name, 1, 2) FROM t;
SELECT TRIM(name), TRIM(BOTH ' ' FROM name), TRIM(LEADING 'x' FROM name), TRIM(TRAILING FROM name), TRIM('x' FROM name) FROM t;
SELECT POSITION('a' IN name), strpos(name, 'a') FROM t;
SELECT EXTRACT(YEAR FROM listed_at), EXTRACT(month FROM listed_at), EXTRACT(EPOCH FROM listed_at) FROM t;
SELECT left(name, 3), right(name, 2), upper(name), lower(name), length(name), replace(name, 'a', 'b') FROM t;
SELECT date_trunc('month', listed_at), date_diff('day', a, b), datediff(a, b), date_add(d, 3) FROM t;
SELECT coalesce(a, b, 0), nullif(a, 0), nvl(a, 1), ifnull(a, 2), greatest(a, b), least(a, b) FROM t;
SELECT concat(a, '-', b), a || '-' || b, split_part(s, ',', 1), regexp_matches(s, '[0-9]+') FROM t;
