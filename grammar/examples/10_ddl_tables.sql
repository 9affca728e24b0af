-- Ordinary table DDL.
CREATE TABLE people (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, age INT DEFAULT 0, email TEXT UNIQUE, note STRING NULL COMMENT 'free text');
CREATE TABLE IF NOT EXISTS sales.orders (order_id INT, line INT, amount DECIMAL(12, 2), PRIMARY KEY (order_id, line), UNIQUE (order_id));
CREATE OR REPLACE TABLE t (a INT, b DOUBLE PRECISION, c TIMESTAMP WITH TIME ZONE);
CREATE TEMP TABLE scratch (x INT);
CREATE TEMPORARY TABLE scratch2 (x INT[]);
CREATE TABLE gold.top_makes AS SELECT make, count(*) AS n FROM bronze.listings GROUP BY make;
CREATE TABLE gold.top_models USING PARQUET AS SELECT model, avg(price) AS avg_price FROM bronze.listings GROUP BY model;
CREATE SCHEMA gold;
CREATE SCHEMA IF NOT EXISTS silver;
CREATE INDEX idx_people_name ON people (name);
CREATE UNIQUE INDEX IF NOT EXISTS idx_people_email ON people (email, lower(name));
DROP TABLE people;
DROP TABLE IF EXISTS a, b CASCADE;
DROP VIEW IF EXISTS v;
DROP MATERIALIZED VIEW gold.mv;
DROP SCHEMA IF EXISTS scratch CASCADE;
DROP INDEX idx_people_name;
