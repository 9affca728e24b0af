import Diagnostics

/// Decoding of the footer and page headers from Thrift trees. Required fields that are
/// missing or out of range are errors; unknown fields were already skipped by the decoder.
extension ParquetFileMetaData {
    /// Decodes the footer bytes.
    static func decode(_ bytes: [UInt8]) throws(SQLError) -> ParquetFileMetaData {
        var c = ByteCursor(bytes)
        let s = try ThriftCompact.decodeStruct(&c)
        guard let version = s.int32(1), let schemaList = s.structList(2), let numRows = s.int(3), let groupList = s.structList(4) else {
            throw ParquetCorruption.error("footer lacks a required field")
        }
        var schema: [ParquetSchemaElement] = []
        for e in schemaList { schema.append(try ParquetSchemaElement.decode(e)) }
        var groups: [ParquetRowGroup] = []
        for g in groupList { groups.append(try ParquetRowGroup.decode(g)) }
        var meta = ParquetFileMetaData(version: version, schema: schema, numRows: numRows, rowGroups: groups)
        for kv in s.structList(5) ?? [] {
            if let key = kv.string(1) { meta.keyValueMetadata.append((key, kv.string(2))) }
        }
        meta.createdBy = s.string(6)
        if let orders = s.structList(7), !orders.isEmpty, orders.allSatisfy({ $0[1] != nil }) { meta.hasTypeDefinedOrder = true }
        return meta
    }
}

extension ParquetSchemaElement {
    static func decode(_ s: ThriftStruct) throws(SQLError) -> ParquetSchemaElement {
        guard let name = s.string(4) else { throw ParquetCorruption.error("schema element without a name") }
        var e = ParquetSchemaElement(name: name)
        if let t = s.int32(1) {
            guard let pt = ParquetPhysicalType(rawValue: t) else { throw ParquetCorruption.error("column \(name) has unknown physical type \(t)") }
            e.type = pt
        }
        e.typeLength = s.int32(2)
        if let r = s.int32(3) {
            guard let rep = ParquetRepetition(rawValue: r) else { throw ParquetCorruption.error("column \(name) has unknown repetition \(r)") }
            e.repetition = rep
        }
        e.numChildren = s.int32(5)
        e.convertedType = s.int32(6).flatMap { ParquetConvertedType(rawValue: $0) }
        e.scale = s.int32(7)
        e.precision = s.int32(8)
        e.fieldID = s.int32(9)
        e.logicalType = s.struct(10).map { ParquetLogicalType.decode($0) }
        return e
    }
}

extension ParquetLogicalType {
    static func decode(_ s: ThriftStruct) -> ParquetLogicalType {
        guard let (id, value) = s.fields.first else { return .other(0) }
        let inner: ThriftStruct
        if case let .struct(v) = value { inner = v } else { inner = ThriftStruct() }
        func unit() -> ParquetTimeUnit? {
            guard let u = inner.struct(2), let first = u.fields.first else { return nil }
            switch first.id {
            case 1: return .millis
            case 2: return .micros
            case 3: return .nanos
            default: return nil
            }
        }
        switch id {
        case 1: return .string
        case 2: return .map
        case 3: return .list
        case 4: return .enumeration
        case 5:
            guard let sc = inner.int32(1), let p = inner.int32(2) else { return .other(5) }
            return .decimal(scale: sc, precision: p)
        case 6: return .date
        case 7:
            guard let u = unit() else { return .other(7) }
            return .time(utc: inner.bool(1) ?? false, unit: u)
        case 8:
            guard let u = unit() else { return .other(8) }
            return .timestamp(utc: inner.bool(1) ?? false, unit: u)
        case 10:
            guard let w = inner.int32(1) else { return .other(10) }
            return .integer(bitWidth: w, signed: inner.bool(2) ?? true)
        case 11: return .unknown
        case 12: return .json
        case 13: return .bson
        case 14: return .uuid
        case 15: return .float16
        default: return .other(Int(id))
        }
    }
}

extension ParquetRowGroup {
    static func decode(_ s: ThriftStruct) throws(SQLError) -> ParquetRowGroup {
        guard let cols = s.structList(1), let size = s.int(2), let rows = s.int(3), rows >= 0 else {
            throw ParquetCorruption.error("row group lacks a required field")
        }
        var chunks: [ParquetColumnChunk] = []
        for c in cols {
            var chunk = ParquetColumnChunk(filePath: c.string(1), fileOffset: c.int(2) ?? 0, metaData: nil)
            if let m = c.struct(3) { chunk.metaData = try ParquetColumnMetaData.decode(m) }
            chunks.append(chunk)
        }
        return ParquetRowGroup(columns: chunks, totalByteSize: size, numRows: rows, fileOffset: s.int(5),
                               totalCompressedSize: s.int(6), ordinal: s.int32(7))
    }
}

extension ParquetColumnMetaData {
    static func decode(_ s: ThriftStruct) throws(SQLError) -> ParquetColumnMetaData {
        guard let t = s.int32(1), let type = ParquetPhysicalType(rawValue: t), let codec = s.int32(4),
              let numValues = s.int(5), let unc = s.int(6), let comp = s.int(7), let dataOffset = s.int(9) else {
            throw ParquetCorruption.error("column metadata lacks a required field")
        }
        let encodings: [Int] = (s.list(2) ?? []).compactMap { if case let .int(v, _) = $0 { return Int(truncatingIfNeeded: v) } else { return nil } }
        let path: [String] = (s.list(3) ?? []).compactMap { if case let .binary(b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
        var m = ParquetColumnMetaData(type: type, encodings: encodings, pathInSchema: path, codec: codec, numValues: numValues,
                                      totalUncompressedSize: unc, totalCompressedSize: comp, dataPageOffset: dataOffset)
        m.dictionaryPageOffset = s.int(11)
        if let st = s.struct(12) {
            var stats = ParquetStatistics()
            stats.nullCount = st.int(3)
            stats.distinctCount = st.int(4)
            stats.maxValue = st.binary(5)
            stats.minValue = st.binary(6)
            if stats.minValue == nil, stats.maxValue == nil {
                // Legacy min/max (fields 2 and 1): kept; the reader trusts them only for signed orders.
                stats.minValue = st.binary(2)
                stats.maxValue = st.binary(1)
            }
            m.statistics = stats
        }
        return m
    }
}

extension ParquetPageHeader {
    /// Decodes a page header at the cursor.
    static func decode(_ c: inout ByteCursor) throws(SQLError) -> ParquetPageHeader {
        let s = try ThriftCompact.decodeStruct(&c)
        guard let type = s.int32(1), let unc = s.int32(2), let comp = s.int32(3), unc >= 0, comp >= 0 else {
            throw ParquetCorruption.error("page header lacks a required field")
        }
        var h = ParquetPageHeader(type: type, uncompressedPageSize: unc, compressedPageSize: comp)
        if let d = s.struct(5) {
            guard let n = d.int32(1), let e = d.int32(2), n >= 0 else { throw ParquetCorruption.error("data page header lacks a required field") }
            h.dataPage = ParquetDataPageHeader(numValues: n, encoding: e, definitionLevelEncoding: d.int32(3) ?? 3, repetitionLevelEncoding: d.int32(4) ?? 3)
        }
        if let d = s.struct(7) {
            guard let n = d.int32(1), n >= 0 else { throw ParquetCorruption.error("dictionary page header lacks a required field") }
            h.dictionaryPage = ParquetDictionaryPageHeader(numValues: n, encoding: d.int32(2) ?? 0)
        }
        if let d = s.struct(8) {
            guard let n = d.int32(1), let nulls = d.int32(2), let rows = d.int32(3), let e = d.int32(4),
                  let dl = d.int32(5), let rl = d.int32(6), n >= 0, nulls >= 0, rows >= 0, dl >= 0, rl >= 0 else {
                throw ParquetCorruption.error("data page v2 header lacks a required field")
            }
            h.dataPageV2 = ParquetDataPageHeaderV2(numValues: n, numNulls: nulls, numRows: rows, encoding: e,
                                                   definitionLevelsByteLength: dl, repetitionLevelsByteLength: rl,
                                                   isCompressed: d.bool(7) ?? true)
        }
        return h
    }
}
