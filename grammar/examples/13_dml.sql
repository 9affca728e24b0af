-- INSERT, UPDATE, DELETE.
INSERT INTO people VALUES (1, 'Ann', 30, 'ann@example.com', NULL);
INSERT INTO people (id, name) VALUES (2, 'Bob'), (3, 'Cy');
INSERT INTO people (id, name) SELECT id, name FROM staging WHERE id > 3;
INSERT INTO people SELECT * FROM staging;
INSERT OR REPLACE INTO people (id, name) VALUES (1, 'Anne');
INSERT OR IGNORE INTO people (id, name) VALUES (1, 'Ann');
REPLACE INTO people (id, name) VALUES (4, 'Dee');
INSERT OVERWRITE TABLE gold.daily SELECT day, n FROM staging_daily;
INSERT OVERWRITE gold.daily SELECT day, n FROM staging_daily;
INSERT INTO counters DEFAULT VALUES;
UPDATE people SET age = age + 1;
UPDATE people AS p SET name = upper(p.name), age = NULL WHERE p.id IN (1, 2);
UPDATE people p SET age = 0 WHERE age IS NULL;
DELETE FROM people WHERE id = 3;
DELETE FROM people;
