/// The key tokens of earlier records, by member position. Records of one feed usually
/// spell the same keys in the same order, so before the key of member `m` is scanned and
/// looked up, it is compared with the token remembered for position `m`: the key with its
/// quotes and the colon right after it (`"listing_id":`). Equal bytes mean the same key
/// (a remembered token has no backslash, so its closing quote really ends the string),
/// hence the same needed field, found without a lookup; the value starts after the token.
///
/// Tokens are positions in the scanned buffer (which outlives the state that reads it),
/// so remembering one copies nothing.
struct JSONRecordShape {
    /// Member positions remembered (later members are always scanned).
    static let maxMembers = 64

    /// Per member position: where the token starts, its length (0: nothing remembered),
    /// and its needed field (-1: not needed).
    private let start: UnsafeMutablePointer<Int>
    private let length: UnsafeMutablePointer<Int>
    private let field: UnsafeMutablePointer<Int>

    /// An empty shape; `release()` must be called once when done.
    init() {
        start = .allocate(capacity: JSONRecordShape.maxMembers)
        length = .allocate(capacity: JSONRecordShape.maxMembers)
        field = .allocate(capacity: JSONRecordShape.maxMembers)
        start.initialize(repeating: 0, count: JSONRecordShape.maxMembers)
        length.initialize(repeating: 0, count: JSONRecordShape.maxMembers)
        field.initialize(repeating: -1, count: JSONRecordShape.maxMembers)
    }

    /// Frees the buffers.
    func release() {
        start.deallocate(); length.deallocate(); field.deallocate()
    }

    /// When the bytes at `i` (a quote) within `[i, e)` repeat the token remembered for member
    /// `m`: the index after the token's colon, with the token's field in `u`; else -1.
    @inline(__always)
    func match(_ p: UnsafePointer<UInt8>, _ m: Int, _ i: Int, _ e: Int, _ u: inout Int) -> Int {
        guard m < JSONRecordShape.maxMembers else { return -1 }
        let n = length[m]
        guard n > 0, n <= e - i, JSONBytes.equal(p + start[m], p + i, n) else { return -1 }
        u = field[m]
        return i + n
    }

    /// Remembers for member `m` the token `[s, s + n)` (an unescaped key, its closing quote
    /// and a colon right after it) and its needed field `u`.
    @inline(__always)
    func remember(_ m: Int, _ s: Int, _ n: Int, _ u: Int) {
        guard m < JSONRecordShape.maxMembers else { return }
        start[m] = s
        length[m] = n
        field[m] = u
    }

    /// Forgets the token of member `m` (its key had escapes or spacing).
    @inline(__always)
    func forget(_ m: Int) {
        guard m < JSONRecordShape.maxMembers else { return }
        length[m] = 0
    }
}
