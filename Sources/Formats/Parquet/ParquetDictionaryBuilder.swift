/// Dictionary encoding of a leaf's values: distinct values in first-seen order plus one
/// index per value. Gives up (returns nil) when the dictionary's PLAIN size passes
/// `limit`, so the writer falls back to PLAIN for that column chunk.
enum ParquetDictionaryBuilder {
    /// The dictionary and indices of `values`, or nil when not worth it or too large.
    static func build(_ values: ParquetLeafValues, limit: Int) -> (dictionary: ParquetLeafValues, indices: [UInt32])? {
        switch values {
        case .bool: return nil
        case let .int32(a):
            guard let (d, idx) = generic(a, limit: limit / 4) else { return nil }
            return (.int32(d), idx)
        case let .int64(a):
            guard let (d, idx) = generic(a, limit: limit / 8) else { return nil }
            return (.int64(d), idx)
        case let .float(a):
            guard let (d, idx) = generic(a.map(\.bitPattern), limit: limit / 4) else { return nil }
            return (.float(d.map { Float(bitPattern: $0) }), idx)
        case let .double(a):
            guard let (d, idx) = generic(a.map(\.bitPattern), limit: limit / 8) else { return nil }
            return (.double(d.map { Double(bitPattern: $0) }), idx)
        case let .bytes(s):
            var map: [ArraySlice<UInt8>: UInt32] = [:]
            var dict = s
            dict.bytes = []
            dict.offsets = [0]
            var indices: [UInt32] = []
            indices.reserveCapacity(s.count)
            for i in 0..<s.count {
                let key = s.bytes[s.offsets[i]..<s.offsets[i + 1]]
                if let k = map[key] {
                    indices.append(k)
                } else {
                    let k = UInt32(map.count)
                    map[key] = k
                    dict.bytes.append(contentsOf: key)
                    dict.offsets.append(dict.bytes.count)
                    if dict.bytes.count + 4 * dict.count > limit { return nil }
                    indices.append(k)
                }
            }
            return (.bytes(dict), indices)
        case let .fixed(b, w):
            guard w > 0 else { return nil }
            var map: [ArraySlice<UInt8>: UInt32] = [:]
            var dict: [UInt8] = []
            var indices: [UInt32] = []
            let n = b.count / w
            indices.reserveCapacity(n)
            for i in 0..<n {
                let key = b[(i * w)..<(i * w + w)]
                if let k = map[key] {
                    indices.append(k)
                } else {
                    let k = UInt32(map.count)
                    map[key] = k
                    dict.append(contentsOf: key)
                    if dict.count > limit { return nil }
                    indices.append(k)
                }
            }
            return (.fixed(dict, width: w), indices)
        }
    }

    private static func generic<T: Hashable>(_ a: [T], limit: Int) -> ([T], [UInt32])? {
        var map: [T: UInt32] = [:]
        var dict: [T] = []
        var indices: [UInt32] = []
        indices.reserveCapacity(a.count)
        for v in a {
            if let k = map[v] {
                indices.append(k)
            } else {
                let k = UInt32(dict.count)
                map[v] = k
                dict.append(v)
                if dict.count > limit { return nil }
                indices.append(k)
            }
        }
        return (dict, indices)
    }
}
