import Columnar
import Diagnostics

/// Decoded levels and values of one column chunk.
struct ParquetLeafChunk {
    /// Definition levels (empty when the leaf's `maxDef` is 0).
    var defs: [UInt32] = []
    /// Repetition levels (empty when the leaf's `maxRep` is 0).
    var reps: [UInt32] = []
    /// Present values.
    var values: ParquetLeafValues
    /// Number of level entries.
    var entries = 0
}

/// Reads the pages of one column chunk: dictionary page, DataPage v1 and v2, with the
/// codecs and encodings LakeSQL, DuckDB and pyarrow write.
enum ParquetChunkReader {
    /// Most level entries accepted in one column chunk (guards allocations from damaged counts).
    static let maxEntries: Int64 = 1 << 28

    /// The bytes of the file (of `fileSize` bytes) that hold the chunk described by `meta`.
    static func byteRange(_ meta: ParquetColumnMetaData, leaf: ParquetLeaf, fileSize: Int) throws(SQLError) -> Range<Int> {
        var start = meta.dataPageOffset
        if let d = meta.dictionaryPageOffset, d > 0, d < start { start = d }
        let fileEnd = Int64(fileSize - 8)
        guard start >= 4, start < fileEnd, meta.totalCompressedSize >= 0 else { throw ParquetCorruption.error("column \(leaf.dottedPath): chunk offset out of range") }
        let end = start + min(fileEnd - start, meta.totalCompressedSize)
        return Int(start)..<Int(end)
    }

    /// Decodes the chunk described by `meta` from `file`; `rows` is the row group's row count.
    /// `file` holds the file's bytes from offset `base` on (the whole file when 0), and at
    /// least the chunk's `byteRange`; `fileSize` is the whole file's size (`file.count` when nil).
    static func read(_ file: [UInt8], base: Int = 0, fileSize: Int? = nil, meta: ParquetColumnMetaData, leaf: ParquetLeaf,
                     rows: Int) throws(SQLError) -> ParquetLeafChunk {
        let physical = leaf.element.type ?? meta.type
        guard physical == meta.type else { throw ParquetCorruption.error("column \(leaf.dottedPath): chunk type differs from the schema") }
        guard meta.numValues >= 0, meta.numValues <= maxEntries else { throw ParquetCorruption.error("column \(leaf.dottedPath): bad value count") }
        if leaf.maxRep == 0, meta.numValues != Int64(rows) {
            throw ParquetCorruption.error("column \(leaf.dottedPath) has \(meta.numValues) values for \(rows) rows")
        }
        guard let codec = ParquetCodec(rawValue: meta.codec) else { throw ParquetCorruption.error("column \(leaf.dottedPath): unknown codec \(meta.codec)") }
        switch codec {
        case .uncompressed, .snappy, .gzip: break
        default: throw SQLError(.unsupported, "column \(leaf.dottedPath): compression codec \(codec) is not supported (use UNCOMPRESSED, SNAPPY or GZIP)")
        }
        let range = try byteRange(meta, leaf: leaf, fileSize: fileSize ?? file.count)
        guard range.lowerBound >= base, range.upperBound - base <= file.count else {
            throw SQLError(.internal, "column \(leaf.dottedPath): chunk bytes not loaded")
        }
        var cursor = ByteCursor(file, start: range.lowerBound - base, end: range.upperBound - base)
        let width = physical == .int96 ? 12 : (leaf.element.typeLength ?? 0)
        var chunk = ParquetLeafChunk(values: ParquetLeafValues(type: physical, width: width))
        var dictionary: ParquetLeafValues? = nil
        let total = Int(meta.numValues)
        // Flat chunks hold at most one value per entry; nested ones may hold fewer.
        chunk.values.reserve(total)
        if leaf.maxDef > 0 { chunk.defs.reserveCapacity(total) }
        if leaf.maxRep > 0 { chunk.reps.reserveCapacity(total) }
        while chunk.entries < total {
            let header = try ParquetPageHeader.decode(&cursor)
            let body = try cursor.readRange(header.compressedPageSize)
            switch ParquetPageType(rawValue: header.type) {
            case .dictionaryPage?:
                guard let dh = header.dictionaryPage else { throw ParquetCorruption.error("dictionary page without its header") }
                guard dh.numValues <= header.uncompressedPageSize * 8 + 8 else { throw ParquetCorruption.error("dictionary size implausible") }
                let page = try decompress(file, body, codec: codec, expected: header.uncompressedPageSize)
                var d = ParquetLeafValues(type: physical, width: width)
                try ParquetPlainDecoder.decode(page, 0..<page.count, count: dh.numValues, into: &d)
                dictionary = d
            case .dataPage?:
                guard let dh = header.dataPage else { throw ParquetCorruption.error("data page without its header") }
                guard dh.numValues <= total - chunk.entries else { throw ParquetCorruption.error("pages hold more values than the chunk") }
                let page = try decompress(file, body, codec: codec, expected: header.uncompressedPageSize)
                var c = ByteCursor(page)
                if leaf.maxRep > 0 {
                    let n = Int(try c.readUInt32LE())
                    let r = try c.readRange(n)
                    try RLEHybrid.decode(page, r, width: RLEHybrid.bitWidth(leaf.maxRep), count: dh.numValues, into: &chunk.reps)
                }
                var present = dh.numValues
                if leaf.maxDef > 0 {
                    let before = chunk.defs.count
                    let n = Int(try c.readUInt32LE())
                    let r = try c.readRange(n)
                    try RLEHybrid.decode(page, r, width: RLEHybrid.bitWidth(leaf.maxDef), count: dh.numValues, into: &chunk.defs)
                    present = countPresent(chunk.defs, from: before, maxDef: leaf.maxDef)
                }
                try ParquetValueDecoder.decode(page, c.position..<page.count, encoding: dh.encoding, count: present,
                                               dictionary: dictionary, leaf: leaf, into: &chunk.values)
                chunk.entries += dh.numValues
            case .dataPageV2?:
                guard let dh = header.dataPageV2 else { throw ParquetCorruption.error("data page v2 without its header") }
                guard dh.numValues <= total - chunk.entries else { throw ParquetCorruption.error("pages hold more values than the chunk") }
                let levelBytes = dh.repetitionLevelsByteLength + dh.definitionLevelsByteLength
                guard levelBytes <= body.count else { throw ParquetCorruption.error("level lengths exceed the page") }
                let repRange = body.lowerBound..<(body.lowerBound + dh.repetitionLevelsByteLength)
                let defRange = repRange.upperBound..<(repRange.upperBound + dh.definitionLevelsByteLength)
                if leaf.maxRep > 0 {
                    try RLEHybrid.decode(file, repRange, width: RLEHybrid.bitWidth(leaf.maxRep), count: dh.numValues, into: &chunk.reps)
                }
                var present = dh.numValues
                if leaf.maxDef > 0 {
                    let before = chunk.defs.count
                    try RLEHybrid.decode(file, defRange, width: RLEHybrid.bitWidth(leaf.maxDef), count: dh.numValues, into: &chunk.defs)
                    present = countPresent(chunk.defs, from: before, maxDef: leaf.maxDef)
                }
                let valueRange = defRange.upperBound..<body.upperBound
                let expected = header.uncompressedPageSize - levelBytes
                guard expected >= 0 else { throw ParquetCorruption.error("page sizes disagree") }
                let page = dh.isCompressed && codec != .uncompressed
                    ? try decompress(file, valueRange, codec: codec, expected: expected)
                    : Array(file[valueRange])
                try ParquetValueDecoder.decode(page, 0..<page.count, encoding: dh.encoding, count: present,
                                               dictionary: dictionary, leaf: leaf, into: &chunk.values)
                chunk.entries += dh.numValues
            default:
                continue
            }
        }
        return chunk
    }

    private static func countPresent(_ defs: [UInt32], from: Int, maxDef: Int) -> Int {
        var n = 0
        let m = UInt32(maxDef)
        for k in from..<defs.count where defs[k] == m { n += 1 }
        return n
    }

    /// The uncompressed page bytes.
    static func decompress(_ file: [UInt8], _ range: Range<Int>, codec: ParquetCodec, expected: Int) throws(SQLError) -> [UInt8] {
        switch codec {
        case .snappy: return try Snappy.decompress(file, range, expected: expected)
        case .gzip: return try Gzip.decompress(file, range, expected: expected)
        default:
            guard range.count == expected else { throw ParquetCorruption.error("uncompressed page size differs from its header") }
            return Array(file[range])
        }
    }
}
