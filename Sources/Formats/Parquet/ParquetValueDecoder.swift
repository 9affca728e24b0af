import Columnar
import Diagnostics

/// Decodes the values section of a data page in any supported encoding.
enum ParquetValueDecoder {
    /// Appends `count` values of `bytes[range]` encoded with `encoding` to `values`.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, encoding: Int, count: Int, dictionary: ParquetLeafValues?,
                       leaf: ParquetLeaf, into values: inout ParquetLeafValues) throws(SQLError) {
        guard count > 0 else { return }
        switch ParquetEncoding(rawValue: encoding) {
        case .plain?:
            try ParquetPlainDecoder.decode(bytes, range, count: count, into: &values)
        case .plainDictionary?, .rleDictionary?:
            guard let dictionary else { throw ParquetCorruption.error("column \(leaf.dottedPath): dictionary-encoded page without a dictionary") }
            guard !range.isEmpty else { throw ParquetCorruption.error("empty dictionary index page") }
            let width = Int(bytes[range.lowerBound])
            var indices: [UInt32] = []
            try RLEHybrid.decode(bytes, (range.lowerBound + 1)..<range.upperBound, width: width, count: count, into: &indices)
            try gather(dictionary, indices, into: &values)
        case .rle?:
            guard case var .bool(a) = values else { throw unsupported(encoding, leaf) }
            var c = ByteCursor(bytes, start: range.lowerBound, end: range.upperBound)
            let n = Int(try c.readUInt32LE())
            let r = try c.readRange(n)
            var bits: [UInt32] = []
            try RLEHybrid.decode(bytes, r, width: 1, count: count, into: &bits)
            values = .bool([])
            a.append(contentsOf: bits.map { $0 != 0 })
            values = .bool(a)
        case .deltaBinaryPacked?:
            var c = ByteCursor(bytes, start: range.lowerBound, end: range.upperBound)
            let ints = try ParquetDeltaDecoder.decodeIntegers(&c, count: count)
            switch values {
            case var .int32(a):
                values = .int32([])
                a.append(contentsOf: ints.map { Int32(truncatingIfNeeded: $0) })
                values = .int32(a)
            case var .int64(a):
                values = .int64([])
                a.append(contentsOf: ints)
                values = .int64(a)
            default: throw unsupported(encoding, leaf)
            }
        case .deltaLengthByteArray?, .deltaByteArray?:
            guard case var .bytes(s) = values else { throw unsupported(encoding, leaf) }
            var c = ByteCursor(bytes, start: range.lowerBound, end: range.upperBound)
            values = .bytes(StringStorage())
            if encoding == ParquetEncoding.deltaByteArray.rawValue {
                try ParquetDeltaDecoder.decodeDeltaByteArray(&c, count: count, into: &s)
            } else {
                try ParquetDeltaDecoder.decodeDeltaLength(&c, count: count, into: &s)
            }
            values = .bytes(s)
        case .byteStreamSplit?:
            try decodeByteStreamSplit(bytes, range, count: count, leaf: leaf, into: &values)
        default:
            throw unsupported(encoding, leaf)
        }
    }

    private static func unsupported(_ encoding: Int, _ leaf: ParquetLeaf) -> SQLError {
        SQLError(.unsupported, "column \(leaf.dottedPath): Parquet encoding \(encoding) is not supported for \(leaf.element.type.map { "\($0)" } ?? "this type")")
    }

    /// Appends `dictionary[i]` for each index.
    static func gather(_ dictionary: ParquetLeafValues, _ indices: [UInt32], into values: inout ParquetLeafValues) throws(SQLError) {
        let n = UInt32(dictionary.count)
        for i in indices where i >= n { throw ParquetCorruption.error("dictionary index \(i) out of range (\(n) entries)") }
        // The values' payload is taken out (and `values` emptied) before appending, so the
        // arrays are uniquely referenced and grow in place instead of being copied per page.
        func mismatch() -> SQLError { ParquetCorruption.error("dictionary type differs from the column") }
        switch values {
        case var .bool(a):
            guard case let .bool(d) = dictionary else { throw mismatch() }
            values = .bool([])
            gatherFixed(d, indices, into: &a)
            values = .bool(a)
        case var .int32(a):
            guard case let .int32(d) = dictionary else { throw mismatch() }
            values = .int32([])
            gatherFixed(d, indices, into: &a)
            values = .int32(a)
        case var .int64(a):
            guard case let .int64(d) = dictionary else { throw mismatch() }
            values = .int64([])
            gatherFixed(d, indices, into: &a)
            values = .int64(a)
        case var .float(a):
            guard case let .float(d) = dictionary else { throw mismatch() }
            values = .float([])
            gatherFixed(d, indices, into: &a)
            values = .float(a)
        case var .double(a):
            guard case let .double(d) = dictionary else { throw mismatch() }
            values = .double([])
            gatherFixed(d, indices, into: &a)
            values = .double(a)
        case var .bytes(s):
            guard case let .bytes(d) = dictionary else { throw mismatch() }
            values = .bytes(StringStorage())
            gatherStrings(d, indices, into: &s)
            values = .bytes(s)
        case .fixed(var b, let w):
            guard case let .fixed(d, dw) = dictionary, dw == w else { throw mismatch() }
            values = .fixed([], width: w)
            for i in indices { b.append(contentsOf: d[(Int(i) * w)..<(Int(i) * w + w)]) }
            values = .fixed(b, width: w)
        }
    }

    /// Appends `dictionary[i]` for each index (checked by the caller) into storage grown once.
    private static func gatherFixed<T>(_ dictionary: [T], _ indices: [UInt32], into a: inout [T]) {
        guard let first = dictionary.first else { return }
        let old = a.count
        a.append(contentsOf: repeatElement(first, count: indices.count))
        a.withUnsafeMutableBufferPointer { out in
            dictionary.withUnsafeBufferPointer { d in
                for (j, i) in indices.enumerated() { out[old + j] = d[Int(i)] }
            }
        }
    }

    /// Appends `dictionary[i]` for each index (checked by the caller): lengths first, so the
    /// bytes are copied once into storage of the final size.
    private static func gatherStrings(_ d: StringStorage, _ indices: [UInt32], into s: inout StringStorage) {
        let firstOffset = s.offsets.count
        var total = s.bytes.count
        s.offsets.append(contentsOf: repeatElement(0, count: indices.count))
        d.offsets.withUnsafeBufferPointer { o in
            s.offsets.withUnsafeMutableBufferPointer { so in
                for (j, i) in indices.enumerated() {
                    let k = Int(i)
                    total += o[k + 1] - o[k]
                    so[firstOffset + j] = total
                }
            }
        }
        let before = s.bytes.count
        s.bytes.append(contentsOf: repeatElement(0, count: total - before))
        s.bytes.withUnsafeMutableBytes { out in
            d.bytes.withUnsafeBytes { src in
                d.offsets.withUnsafeBufferPointer { o in
                    s.offsets.withUnsafeBufferPointer { so in
                        guard let dst = out.baseAddress, let from = src.baseAddress else { return }
                        for (j, i) in indices.enumerated() {
                            let k = Int(i)
                            let len = o[k + 1] - o[k]
                            let at = so[firstOffset + j] - len
                            switch len {
                            case 0: break
                            case 1...8 where o[k] + 8 <= src.count && at + 8 <= out.count:
                                // Short strings: one 8-byte move (the tail is overwritten by the next string).
                                dst.storeBytes(of: from.loadUnaligned(fromByteOffset: o[k], as: UInt64.self), toByteOffset: at, as: UInt64.self)
                            default:
                                (dst + at).copyMemory(from: from + o[k], byteCount: len)
                            }
                        }
                    }
                }
            }
        }
    }

    /// BYTE_STREAM_SPLIT: byte k of every value stored together, for fixed-width types.
    private static func decodeByteStreamSplit(_ bytes: [UInt8], _ range: Range<Int>, count: Int, leaf: ParquetLeaf,
                                              into values: inout ParquetLeafValues) throws(SQLError) {
        let width: Int
        switch values {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case let .fixed(_, w): width = w
        default: throw unsupported(ParquetEncoding.byteStreamSplit.rawValue, leaf)
        }
        guard width > 0, count <= range.count / width else { throw ParquetCorruption.error("byte stream split page too short") }
        var plain = [UInt8](repeating: 0, count: count * width)
        for i in 0..<count {
            for k in 0..<width { plain[i * width + k] = bytes[range.lowerBound + k * count + i] }
        }
        try ParquetPlainDecoder.decode(plain, 0..<plain.count, count: count, into: &values)
    }
}
