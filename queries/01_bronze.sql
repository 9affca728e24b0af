-- Bronze: declare the raw JSON feeds the generator writes as external tables (Spark DDL).
-- The files stay where they are; every query reads the folders as they are now.
CREATE SCHEMA IF NOT EXISTS bronze;

CREATE TABLE IF NOT EXISTS bronze.listings (
    listing_id   BIGINT,
    vin          STRING,
    car          STRUCT<make: STRING, model: STRING, year: INT, body: STRING>,
    mileage      INT,
    fuel         STRING,
    transmission STRING,
    colour       STRING,
    price        DECIMAL(10,2),
    currency     STRING,
    dealer_id    INT,
    listed_at    TIMESTAMP,
    seller_notes STRING,
    _corrupt_record STRING
) USING JSON OPTIONS (mode 'PERMISSIVE') LOCATION 'bronze/listings';

CREATE TABLE IF NOT EXISTS bronze.removals (
    listing_id BIGINT,
    removed_at TIMESTAMP,
    reason     STRING,
    sale_price DECIMAL(10,2)
) USING JSON LOCATION 'bronze/removals';

CREATE TABLE IF NOT EXISTS bronze.dealers (
    dealer_id INT,
    name      STRING,
    city      STRING,
    region    STRING,
    opened    DATE
) USING JSON LOCATION 'bronze/dealers';
