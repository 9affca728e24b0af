/* Names, quoting and comments. A ; inside a comment does not split. */
SELECT "Order", "weird ""name""", `backticked`, "select" FROM "My Table" AS "T";
SELECT a b, c AS d FROM t x; -- aliases without AS
SELECT 'semi;colon', "semi;name" FROM t /* ; */ WHERE a = 'it''s;';
SELECT s.t.c, t.c FROM s.t;
SELECT café, "naïve" FROM données;
