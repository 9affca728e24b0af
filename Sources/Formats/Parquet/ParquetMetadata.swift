/// One node of a Parquet schema, flattened depth-first as the footer stores it.
struct ParquetSchemaElement: Sendable, Equatable {
    var name: String
    var type: ParquetPhysicalType? = nil
    var typeLength: Int? = nil
    var repetition: ParquetRepetition? = nil
    var numChildren: Int? = nil
    var convertedType: ParquetConvertedType? = nil
    var scale: Int? = nil
    var precision: Int? = nil
    var fieldID: Int? = nil
    var logicalType: ParquetLogicalType? = nil
}

/// Column chunk statistics; byte values are PLAIN-encoded values of the column's type.
struct ParquetStatistics: Sendable, Equatable {
    var nullCount: Int64? = nil
    var distinctCount: Int64? = nil
    /// `min_value` (or the legacy `min` when only it is given and the order is signed).
    var minValue: [UInt8]? = nil
    var maxValue: [UInt8]? = nil
}

/// `ColumnMetaData` of parquet.thrift.
struct ParquetColumnMetaData: Sendable, Equatable {
    var type: ParquetPhysicalType
    var encodings: [Int]
    var pathInSchema: [String]
    var codec: Int
    var numValues: Int64
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64? = nil
    var statistics: ParquetStatistics? = nil
}

/// `ColumnChunk` of parquet.thrift (only chunks stored in the same file are supported).
struct ParquetColumnChunk: Sendable, Equatable {
    var filePath: String? = nil
    var fileOffset: Int64
    var metaData: ParquetColumnMetaData?
}

/// `RowGroup` of parquet.thrift.
struct ParquetRowGroup: Sendable, Equatable {
    var columns: [ParquetColumnChunk]
    var totalByteSize: Int64
    var numRows: Int64
    var fileOffset: Int64? = nil
    var totalCompressedSize: Int64? = nil
    var ordinal: Int? = nil
}

/// `FileMetaData` of parquet.thrift: the footer.
struct ParquetFileMetaData: Sendable, Equatable {
    var version: Int
    var schema: [ParquetSchemaElement]
    var numRows: Int64
    var rowGroups: [ParquetRowGroup]
    var keyValueMetadata: [(key: String, value: String?)] = []
    var createdBy: String? = nil
    /// True when `column_orders` says min/max follow each type's defined order.
    var hasTypeDefinedOrder = false

    static func == (a: ParquetFileMetaData, b: ParquetFileMetaData) -> Bool {
        a.version == b.version && a.schema == b.schema && a.numRows == b.numRows && a.rowGroups == b.rowGroups
            && a.createdBy == b.createdBy && a.keyValueMetadata.count == b.keyValueMetadata.count
            && zip(a.keyValueMetadata, b.keyValueMetadata).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// `DataPageHeader` (v1) of parquet.thrift.
struct ParquetDataPageHeader: Sendable, Equatable {
    var numValues: Int
    var encoding: Int
    var definitionLevelEncoding: Int
    var repetitionLevelEncoding: Int
}

/// `DataPageHeaderV2` of parquet.thrift.
struct ParquetDataPageHeaderV2: Sendable, Equatable {
    var numValues: Int
    var numNulls: Int
    var numRows: Int
    var encoding: Int
    var definitionLevelsByteLength: Int
    var repetitionLevelsByteLength: Int
    var isCompressed: Bool = true
}

/// `DictionaryPageHeader` of parquet.thrift.
struct ParquetDictionaryPageHeader: Sendable, Equatable {
    var numValues: Int
    var encoding: Int
}

/// `PageHeader` of parquet.thrift.
struct ParquetPageHeader: Sendable, Equatable {
    var type: Int
    var uncompressedPageSize: Int
    var compressedPageSize: Int
    var dataPage: ParquetDataPageHeader? = nil
    var dictionaryPage: ParquetDictionaryPageHeader? = nil
    var dataPageV2: ParquetDataPageHeaderV2? = nil
}
