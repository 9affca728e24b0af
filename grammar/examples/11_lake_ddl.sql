-- Bronze tables over JSON files (Spark and DataFusion spellings).
CREATE TABLE bronze.listings (listing_id BIGINT, car STRUCT<make: STRING, model: STRING, year: INT>, price DECIMAL(10,2), listed_at TIMESTAMP) USING JSON OPTIONS (mode 'PERMISSIVE') LOCATION 'bronze/listings';
CREATE EXTERNAL TABLE bronze.sales (sale_id BIGINT, listing_id BIGINT, sold_at TIMESTAMP, amount DOUBLE) STORED AS JSON LOCATION 'bronze/sales';
CREATE TABLE IF NOT EXISTS bronze.events (id BIGINT, tags ARRAY<STRING>, payload STRUCT<kind STRING, value DOUBLE>) USING JSON OPTIONS ('mode' = 'DROPMALFORMED', timestampFormat = 'yyyy-MM-dd HH:mm:ss') LOCATION 'bronze/events' COMMENT 'raw events';
CREATE TABLE bronze.partitioned (id BIGINT, day DATE) USING JSON LOCATION 'bronze/partitioned' PARTITIONED BY (day);
CREATE OR REPLACE TABLE gold.daily USING PARQUET OPTIONS (compression 'snappy') AS SELECT CAST(listed_at AS DATE) AS day, count(*) AS n FROM bronze.listings GROUP BY 1;
