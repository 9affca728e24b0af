import Columnar

/// The fast path of `GroupTable` for one integer-like key (integers, DATE, TIMESTAMP):
/// open addressing over parallel arrays of keys and ids, so a probe touches one slot.
final class IntKeyTable {
    let type: DataType
    let nullsMatch: Bool
    private var slotKeys: [Int64]
    /// Group id + 1; 0 marks an empty slot.
    private var slotIds: [Int32]
    private var mask: Int
    /// Key of each group, in id order.
    private(set) var keys: [Int64] = []
    /// Id of the NULL group, when NULLs match and one was seen.
    private(set) var nullGroup: Int? = nil

    var count: Int { keys.count }

    init(type: DataType, nullsMatch: Bool, capacity: Int) {
        self.type = type
        self.nullsMatch = nullsMatch
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        slotKeys = [Int64](repeating: 0, count: cap)
        slotIds = [Int32](repeating: 0, count: cap)
        mask = cap - 1
        keys.reserveCapacity(capacity)
    }

    @inline(__always)
    static func hash(_ k: Int64) -> Int {
        Int(truncatingIfNeeded: KeyHasher.mix(UInt64(bitPattern: k)))
    }

    /// Makes room for `extra` more keys at load factor 1/2, so inserts never resize mid-batch.
    private func reserve(_ extra: Int) {
        guard (count + extra) * 2 > slotIds.count else { return }
        var cap = slotIds.count
        while (count + extra) * 2 > cap { cap <<= 1 }
        slotKeys = [Int64](repeating: 0, count: cap)
        slotIds = [Int32](repeating: 0, count: cap)
        mask = cap - 1
        slotKeys.withUnsafeMutableBufferPointer { sk in
            slotIds.withUnsafeMutableBufferPointer { si in
                for (id, k) in keys.enumerated() {
                    if id == nullGroup { continue }
                    var s = IntKeyTable.hash(k) & mask
                    while si[s] != 0 { s = (s + 1) & mask }
                    sk[s] = k
                    si[s] = Int32(id + 1)
                }
            }
        }
    }

    func findOrInsert(_ column: Column) -> [Int] {
        guard case let .int(values) = column.storage else { return [] }
        let n = values.count
        reserve(n)
        var ids = [Int](repeating: -1, count: n)
        let validity = column.validity
        let mask = self.mask
        var keys = self.keys
        self.keys = []
        var nullGroup = self.nullGroup
        slotKeys.withUnsafeMutableBufferPointer { sk in
            slotIds.withUnsafeMutableBufferPointer { si in
                values.withUnsafeBufferPointer { v in
                    ids.withUnsafeMutableBufferPointer { out in
                        for i in 0..<n {
                            if let validity, !validity[i] {
                                guard nullsMatch else { continue }
                                if nullGroup == nil { nullGroup = keys.count; keys.append(0) }
                                out[i] = nullGroup ?? -1
                                continue
                            }
                            let k = v[i]
                            var s = IntKeyTable.hash(k) & mask
                            while true {
                                let id = si[s]
                                if id == 0 {
                                    let newId = keys.count
                                    keys.append(k)
                                    sk[s] = k
                                    si[s] = Int32(newId + 1)
                                    out[i] = newId
                                    break
                                }
                                if sk[s] == k { out[i] = Int(id) - 1; break }
                                s = (s + 1) & mask
                            }
                        }
                    }
                }
            }
        }
        self.keys = keys
        self.nullGroup = nullGroup
        return ids
    }

    func find(_ column: Column) -> [Int] {
        guard case let .int(values) = column.storage else { return [] }
        let n = values.count
        var ids = [Int](repeating: -1, count: n)
        let validity = column.validity
        let mask = self.mask
        slotKeys.withUnsafeBufferPointer { sk in
            slotIds.withUnsafeBufferPointer { si in
                values.withUnsafeBufferPointer { v in
                    ids.withUnsafeMutableBufferPointer { out in
                        for i in 0..<n {
                            if let validity, !validity[i] {
                                out[i] = nullsMatch ? (nullGroup ?? -1) : -1
                                continue
                            }
                            let k = v[i]
                            var s = IntKeyTable.hash(k) & mask
                            while true {
                                let id = si[s]
                                if id == 0 { break }
                                if sk[s] == k { out[i] = Int(id) - 1; break }
                                s = (s + 1) & mask
                            }
                        }
                    }
                }
            }
        }
        return ids
    }

    /// The distinct keys as a column, in id order.
    func keyColumn() -> Column {
        var validity: Bitmap? = nil
        if let g = nullGroup {
            var b = Bitmap(count: keys.count, value: true)
            b[g] = false
            validity = b
        }
        return Column(type: type, storage: .int(keys), validity: validity)
    }
}
