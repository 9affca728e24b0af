import Diagnostics

/// Writes one column chunk: an optional PLAIN dictionary page, then data pages of
/// levels (RLE hybrid) and values (PLAIN or RLE_DICTIONARY indices), compressed.
enum ParquetChunkWriter {
    /// Appends the chunk of `data` to `out` and returns its metadata.
    static func write(_ data: ParquetLeafData, options: ParquetWriterOptions, out: inout [UInt8]) throws(SQLError) -> ParquetColumnMetaData {
        let leaf = data.leaf
        let codec = options.parquetCodec
        let chunkStart = out.count
        var uncompressedTotal = 0
        var dictionaryOffset: Int64? = nil
        var dict: (dictionary: ParquetLeafValues, indices: [UInt32])? = nil
        if options.dictionary { dict = ParquetDictionaryBuilder.build(data.values, limit: options.dictionarySizeLimit) }
        if let d = dict {
            dictionaryOffset = Int64(out.count)
            let body = d.dictionary.plain(0..<d.dictionary.count)
            let header = ParquetPageHeader(type: ParquetPageType.dictionaryPage.rawValue, uncompressedPageSize: body.count, compressedPageSize: 0,
                                           dictionaryPage: ParquetDictionaryPageHeader(numValues: d.dictionary.count, encoding: ParquetEncoding.plain.rawValue))
            uncompressedTotal += try appendPage(header, body: body, codec: codec, out: &out)
        }
        let dataOffset = Int64(out.count)
        let maxDef = UInt32(leaf.maxDef)
        var start = 0, valueStart = 0
        let pageRows = max(1, options.pageRowCount)
        repeat {
            var end = min(start + pageRows, data.entries)
            if leaf.maxRep > 0 { while end < data.entries, data.reps[end] != 0 { end += 1 } }
            var present = end - start
            // Levels past `data.defs` are implicit: all present, stored as one run.
            let implicit = leaf.maxDef > 0 && start >= data.defs.count
            if leaf.maxDef > 0, !implicit { present = countPresent(data.defs(start..<end), maxDef: maxDef) }
            let valueRange = valueStart..<(valueStart + present)
            var values: [UInt8] = []
            if let d = dict {
                let width = RLEHybrid.bitWidth(max(d.dictionary.count - 1, 1))
                values.append(UInt8(width))
                RLEHybrid.encode(d.indices[valueRange], width: width, into: &values)
            } else {
                values = data.values.plain(valueRange)
            }
            let encoding = dict == nil ? ParquetEncoding.plain : .rleDictionary
            var reps: [UInt8] = [], defs: [UInt8] = []
            if leaf.maxRep > 0 { RLEHybrid.encode(data.reps[start..<end], width: RLEHybrid.bitWidth(leaf.maxRep), into: &reps) }
            if implicit {
                RLEHybrid.encodeRun(maxDef, count: end - start, width: RLEHybrid.bitWidth(leaf.maxDef), into: &defs)
            } else if leaf.maxDef > 0 {
                RLEHybrid.encode(data.defs(start..<end), width: RLEHybrid.bitWidth(leaf.maxDef), into: &defs)
            }
            let count = end - start
            switch options.pageVersion {
            case .v1:
                var body: [UInt8] = []
                body.reserveCapacity(reps.count + defs.count + values.count + 8)
                if leaf.maxRep > 0 { body.appendUInt32LE(UInt32(reps.count)); body.append(contentsOf: reps) }
                if leaf.maxDef > 0 { body.appendUInt32LE(UInt32(defs.count)); body.append(contentsOf: defs) }
                body.append(contentsOf: values)
                let header = ParquetPageHeader(type: ParquetPageType.dataPage.rawValue, uncompressedPageSize: body.count, compressedPageSize: 0,
                                               dataPage: ParquetDataPageHeader(numValues: count, encoding: encoding.rawValue,
                                                                               definitionLevelEncoding: ParquetEncoding.rle.rawValue,
                                                                               repetitionLevelEncoding: ParquetEncoding.rle.rawValue))
                uncompressedTotal += try appendPage(header, body: body, codec: codec, out: &out)
            case .v2:
                var rows = count
                if leaf.maxRep > 0 { rows = 0; for k in start..<end where data.reps[k] == 0 { rows += 1 } }
                let header = ParquetPageHeader(type: ParquetPageType.dataPageV2.rawValue, uncompressedPageSize: reps.count + defs.count + values.count,
                                               compressedPageSize: 0,
                                               dataPageV2: ParquetDataPageHeaderV2(numValues: count, numNulls: count - present, numRows: rows,
                                                                                   encoding: encoding.rawValue, definitionLevelsByteLength: defs.count,
                                                                                   repetitionLevelsByteLength: reps.count, isCompressed: codec != .uncompressed))
                uncompressedTotal += try appendPage(header, levels: reps + defs, body: values, codec: codec, out: &out)
            }
            start = end
            valueStart += present
        } while start < data.entries

        var encodings = [ParquetEncoding.plain.rawValue, ParquetEncoding.rle.rawValue]
        if dict != nil { encodings.append(ParquetEncoding.rleDictionary.rawValue) }
        var meta = ParquetColumnMetaData(type: leaf.element.type ?? .int32, encodings: encodings, pathInSchema: leaf.path, codec: codec.rawValue,
                                         numValues: Int64(data.entries), totalUncompressedSize: Int64(uncompressedTotal),
                                         totalCompressedSize: Int64(out.count - chunkStart), dataPageOffset: dataOffset)
        meta.dictionaryPageOffset = dictionaryOffset
        var stats = ParquetStatistics()
        stats.nullCount = Int64(data.entries - data.values.count)
        if let (lo, hi) = ParquetStatisticsCodec.minMax(dict?.dictionary ?? data.values, leaf: leaf) {
            stats.minValue = lo
            stats.maxValue = hi
        }
        meta.statistics = stats
        return meta
    }

    /// Entries of `defs` at `maxDef` (values present).
    private static func countPresent(_ defs: ArraySlice<UInt32>, maxDef: UInt32) -> Int {
        defs.withUnsafeBufferPointer { p in
            var n = 0
            for d in p where d == maxDef { n += 1 }
            return n
        }
    }

    /// Compresses `body`, appends header and page; returns the uncompressed size counted in metadata.
    private static func appendPage(_ header: ParquetPageHeader, levels: [UInt8] = [], body: [UInt8], codec: ParquetCodec, out: inout [UInt8]) throws(SQLError) -> Int {
        let compressed: [UInt8]
        switch codec {
        case .snappy: compressed = Snappy.compress(body)
        case .gzip: compressed = try Gzip.compress(body)
        default: compressed = body
        }
        var h = header
        h.compressedPageSize = levels.count + compressed.count
        let headerBytes = ThriftCompact.encode(h.thrift)
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: levels)
        out.append(contentsOf: compressed)
        return headerBytes.count + h.uncompressedPageSize
    }
}
