-- Catalog inspection, settings and transactions.
SHOW TABLES;
SHOW TABLES FROM bronze;
SHOW TABLES IN gold LIKE 'make%';
SHOW COLUMNS FROM bronze.listings;
DESCRIBE bronze.listings;
DESC people;
DESCRIBE SELECT * FROM people;
SHOW CREATE TABLE bronze.listings;
SHOW CREATE VIEW cheap;
SET threads = 2;
SET timezone TO 'UTC';
BEGIN;
BEGIN TRANSACTION;
COMMIT;
ROLLBACK TRANSACTION;
START TRANSACTION;
