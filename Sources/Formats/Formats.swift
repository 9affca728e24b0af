/// File formats of the lake: the schema-directed JSON reader (`JSON/`) and the Parquet
/// writer and reader (`Parquet/`). They turn bytes into `Batch`es and back, knowing nothing
/// of plans or catalogs.
public enum Formats {}
