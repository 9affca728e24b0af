/// The shapes of JSON the lake keeps in commit properties, to and from `LakeJSON`.
extension LakeJSON {
    /// `[name: [text]]` as an object of string arrays.
    package init(lists: [String: [String]]) {
        self = .object(lists.map { ($0.key, .array($0.value.map(LakeJSON.string))) })
    }

    /// `[name: [text: integer]]` as an object of objects.
    package init(counts: [String: [String: Int]]) {
        self = .object(counts.map { ($0.key, .object($0.value.map { ($0.key, .number(String($0.value))) })) })
    }

    /// An object of string arrays read back (nil if the value has another shape).
    package var lists: [String: [String]]? {
        guard let members else { return nil }
        var out: [String: [String]] = [:]
        for (k, v) in members {
            guard let items = v.array else { return nil }
            var texts: [String] = []
            texts.reserveCapacity(items.count)
            for item in items {
                guard let s = item.string else { return nil }
                texts.append(s)
            }
            out[k] = texts
        }
        return out
    }

    /// An array of strings read back.
    package var strings: [String]? {
        guard let items = array else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let s = item.string else { return nil }
            out.append(s)
        }
        return out
    }

    /// An object of objects of integers read back.
    package var counts: [String: [String: Int]]? {
        guard let members else { return nil }
        var out: [String: [String: Int]] = [:]
        for (k, v) in members {
            guard let inner = v.members else { return nil }
            var m: [String: Int] = [:]
            for (f, n) in inner {
                guard let i = n.int else { return nil }
                m[f] = i
            }
            out[k] = m
        }
        return out
    }
}
