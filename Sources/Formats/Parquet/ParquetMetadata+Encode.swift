/// Thrift encoding of the footer and page headers (field ids from parquet.thrift).
extension ParquetLogicalType {
    /// The `LogicalType` union value.
    var thrift: ThriftStruct {
        func unit(_ u: ParquetTimeUnit) -> ThriftValue {
            switch u {
            case .millis: return .struct(ThriftStruct([(1, .struct(ThriftStruct()))]))
            case .micros: return .struct(ThriftStruct([(2, .struct(ThriftStruct()))]))
            case .nanos: return .struct(ThriftStruct([(3, .struct(ThriftStruct()))]))
            }
        }
        let empty = ThriftValue.struct(ThriftStruct())
        switch self {
        case .string: return ThriftStruct([(1, empty)])
        case .map: return ThriftStruct([(2, empty)])
        case .list: return ThriftStruct([(3, empty)])
        case .enumeration: return ThriftStruct([(4, empty)])
        case let .decimal(s, p): return ThriftStruct([(5, .struct(ThriftStruct([(1, .i32(s)), (2, .i32(p))])))])
        case .date: return ThriftStruct([(6, empty)])
        case let .time(utc, u): return ThriftStruct([(7, .struct(ThriftStruct([(1, .bool(utc)), (2, unit(u))])))])
        case let .timestamp(utc, u): return ThriftStruct([(8, .struct(ThriftStruct([(1, .bool(utc)), (2, unit(u))])))])
        case let .integer(w, s): return ThriftStruct([(10, .struct(ThriftStruct([(1, .i8(w)), (2, .bool(s))])))])
        case .unknown: return ThriftStruct([(11, empty)])
        case .json: return ThriftStruct([(12, empty)])
        case .bson: return ThriftStruct([(13, empty)])
        case .uuid: return ThriftStruct([(14, empty)])
        case .float16: return ThriftStruct([(15, empty)])
        case let .other(id): return ThriftStruct([(Int16(truncatingIfNeeded: id), empty)])
        }
    }
}

extension ParquetSchemaElement {
    /// The `SchemaElement` struct.
    var thrift: ThriftStruct {
        ThriftStruct([
            (1, type.map { .i32($0.rawValue) }),
            (2, typeLength.map { .i32($0) }),
            (3, repetition.map { .i32($0.rawValue) }),
            (4, .string(name)),
            (5, numChildren.map { .i32($0) }),
            (6, convertedType.map { .i32($0.rawValue) }),
            (7, scale.map { .i32($0) }),
            (8, precision.map { .i32($0) }),
            (9, fieldID.map { .i32($0) }),
            (10, logicalType.map { .struct($0.thrift) }),
        ])
    }
}

extension ParquetStatistics {
    /// The `Statistics` struct (only the current min_value/max_value fields are written).
    var thrift: ThriftStruct {
        ThriftStruct([
            (3, nullCount.map { .i64($0) }),
            (4, distinctCount.map { .i64($0) }),
            (5, maxValue.map { .binary($0) }),
            (6, minValue.map { .binary($0) }),
        ])
    }
}

extension ParquetColumnMetaData {
    /// The `ColumnMetaData` struct.
    var thrift: ThriftStruct {
        ThriftStruct([
            (1, .i32(type.rawValue)),
            (2, .list(.i32, encodings.map { .i32($0) })),
            (3, .list(.binary, pathInSchema.map { .string($0) })),
            (4, .i32(codec)),
            (5, .i64(numValues)),
            (6, .i64(totalUncompressedSize)),
            (7, .i64(totalCompressedSize)),
            (9, .i64(dataPageOffset)),
            (11, dictionaryPageOffset.map { .i64($0) }),
            (12, statistics.map { .struct($0.thrift) }),
        ])
    }
}

extension ParquetFileMetaData {
    /// The `FileMetaData` struct.
    var thrift: ThriftStruct {
        let groups: [ThriftStruct] = rowGroups.map { g in
            let chunks: [ThriftStruct] = g.columns.map { c in
                ThriftStruct([(1, c.filePath.map { .string($0) }), (2, .i64(c.fileOffset)), (3, c.metaData.map { .struct($0.thrift) })])
            }
            return ThriftStruct([
                (1, .structs(chunks)), (2, .i64(g.totalByteSize)), (3, .i64(g.numRows)),
                (5, g.fileOffset.map { .i64($0) }), (6, g.totalCompressedSize.map { .i64($0) }),
                (7, g.ordinal.map { .i16($0) }),
            ])
        }
        let kv: [ThriftStruct] = keyValueMetadata.map { ThriftStruct([(1, .string($0.key)), (2, $0.value.map { .string($0) })]) }
        let leafCount = schema.filter { $0.numChildren == nil }.count
        let orders = [ThriftStruct](repeating: ThriftStruct([(1, .struct(ThriftStruct()))]), count: leafCount)
        return ThriftStruct([
            (1, .i32(version)),
            (2, .structs(schema.map(\.thrift))),
            (3, .i64(numRows)),
            (4, .structs(groups)),
            (5, kv.isEmpty ? nil : .structs(kv)),
            (6, createdBy.map { .string($0) }),
            (7, hasTypeDefinedOrder ? .structs(orders) : nil),
        ])
    }
}

extension ParquetPageHeader {
    /// The `PageHeader` struct.
    var thrift: ThriftStruct {
        ThriftStruct([
            (1, .i32(type)),
            (2, .i32(uncompressedPageSize)),
            (3, .i32(compressedPageSize)),
            (5, dataPage.map { d in
                .struct(ThriftStruct([(1, .i32(d.numValues)), (2, .i32(d.encoding)), (3, .i32(d.definitionLevelEncoding)), (4, .i32(d.repetitionLevelEncoding))]))
            }),
            (7, dictionaryPage.map { d in .struct(ThriftStruct([(1, .i32(d.numValues)), (2, .i32(d.encoding))])) }),
            (8, dataPageV2.map { d in
                .struct(ThriftStruct([
                    (1, .i32(d.numValues)), (2, .i32(d.numNulls)), (3, .i32(d.numRows)), (4, .i32(d.encoding)),
                    (5, .i32(d.definitionLevelsByteLength)), (6, .i32(d.repetitionLevelsByteLength)), (7, .bool(d.isCompressed)),
                ]))
            }),
        ])
    }
}
