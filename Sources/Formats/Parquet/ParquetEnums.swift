/// Physical types of Parquet (`Type` in parquet.thrift).
enum ParquetPhysicalType: Int, Sendable, CustomStringConvertible {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5
    case byteArray = 6, fixedLenByteArray = 7

    var description: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Legacy type annotations (`ConvertedType` in parquet.thrift), the ones LakeSQL uses.
enum ParquetConvertedType: Int, Sendable {
    case utf8 = 0, map = 1, mapKeyValue = 2, list = 3, enumeration = 4, decimal = 5, date = 6
    case timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
    case uint8 = 11, uint16 = 12, uint32 = 13, uint64 = 14
    case int8 = 15, int16 = 16, int32 = 17, int64 = 18, json = 19, bson = 20, interval = 21
}

/// `FieldRepetitionType` in parquet.thrift.
enum ParquetRepetition: Int, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// Value and level encodings (`Encoding` in parquet.thrift).
enum ParquetEncoding: Int, Sendable {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4
    case deltaBinaryPacked = 5, deltaLengthByteArray = 6, deltaByteArray = 7
    case rleDictionary = 8, byteStreamSplit = 9
}

/// Page compression codecs (`CompressionCodec` in parquet.thrift).
enum ParquetCodec: Int, Sendable {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7
}

/// `PageType` in parquet.thrift.
enum ParquetPageType: Int, Sendable {
    case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
}

/// Time units of TIMESTAMP and TIME logical types.
enum ParquetTimeUnit: Sendable, Equatable {
    case millis, micros, nanos
}

/// The `LogicalType` union of parquet.thrift, reduced to what LakeSQL maps.
enum ParquetLogicalType: Sendable, Equatable {
    case string, map, list, enumeration, json, bson, uuid, unknown, float16
    case decimal(scale: Int, precision: Int)
    case date
    case time(utc: Bool, unit: ParquetTimeUnit)
    case timestamp(utc: Bool, unit: ParquetTimeUnit)
    case integer(bitWidth: Int, signed: Bool)
    /// A union member this reader does not know (its field id).
    case other(Int)
}
