-- Joins of every kind.
SELECT * FROM a, b WHERE a.id = b.id;
SELECT * FROM a JOIN b ON a.id = b.id;
SELECT * FROM a INNER JOIN b ON a.id = b.id LEFT JOIN c ON c.id = b.id;
SELECT * FROM a LEFT OUTER JOIN b USING (id) RIGHT OUTER JOIN c USING (id, day);
SELECT * FROM a FULL OUTER JOIN b ON a.k = b.k FULL JOIN c ON c.k = a.k;
SELECT * FROM a CROSS JOIN b;
SELECT * FROM a SEMI JOIN b ON a.id = b.id;
SELECT * FROM a ANTI JOIN b ON a.id = b.id;
SELECT * FROM a LEFT SEMI JOIN b ON a.id = b.id;
SELECT * FROM a NATURAL JOIN b NATURAL LEFT JOIN c;
SELECT * FROM (a JOIN b ON a.id = b.id) JOIN c ON c.id = a.id;
SELECT * FROM a JOIN (b JOIN c ON b.id = c.id) ON a.id = b.id;
SELECT l.listing_id, s.sold_at FROM bronze.listings l LEFT JOIN bronze.sales AS s ON s.listing_id = l.listing_id;
