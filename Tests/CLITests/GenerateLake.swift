import Foundation

/// A lake written by `lakesql generate` in a temporary folder, read back for checks.
struct GenerateLake {
    /// The lake folder.
    let root: URL

    /// Runs `lakesql generate --lake <new folder> arguments`.
    static func generate(_ arguments: [String]) throws -> (lake: GenerateLake, output: LakeSQLBinary.Output) {
        let dir = try LakeSQLBinary.temporaryDirectory()
        let output = try LakeSQLBinary.run(["generate", "--lake", dir.path] + arguments)
        return (GenerateLake(root: dir), output)
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Every name in a feed folder (hidden ones included), sorted.
    func names(_ feed: String) -> [String] {
        let dir = root.appendingPathComponent("bronze/\(feed)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// The bytes of every file of a feed, by name.
    func contents(_ feed: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in names(feed) {
            out[name] = try Data(contentsOf: root.appendingPathComponent("bronze/\(feed)/\(name)"))
        }
        return out
    }

    /// The lines of a feed's files whose names start with `prefix`, in name order; split
    /// at LF only, so a CR stays visible.
    func lines(_ feed: String, prefix: String = "") throws -> [String] {
        var out: [String] = []
        for name in names(feed) where name.hasPrefix(prefix) {
            // Split the bytes: as Characters, CR LF is one grapheme and would not split at "\n".
            let bytes = try Data(contentsOf: root.appendingPathComponent("bronze/\(feed)/\(name)"))
            out += bytes.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
        }
        return out
    }

    /// A line parsed as a JSON object, nil when it is not one.
    static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}

/// What a clean listing line looks like; anything else is a fault.
enum ListingShape {
    static let required: Set<String> = ["listing_id", "vin", "car", "mileage", "fuel", "transmission", "colour",
                                        "price", "currency", "dealer_id", "listed_at"]
    static let carKeys: Set<String> = ["make", "model", "year", "body"]
    static let vinCharacters = Set("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")

    /// True when the line is a listing exactly as the schema says.
    static func isClean(_ line: String) -> Bool {
        guard !line.hasSuffix("\r"), let o = GenerateLake.object(line) else { return false }
        let keys = Set(o.keys)
        guard keys.subtracting(["seller_notes"]) == required else { return false }
        if let notes = o["seller_notes"], !(notes is String) { return false }
        guard let car = o["car"] as? [String: Any], Set(car.keys) == carKeys,
              isNumber(car["year"]), let year = car["year"] as? Int, (1990...2030).contains(year),
              car["make"] is String, car["model"] is String, car["body"] is String else { return false }
        guard isNumber(o["listing_id"]), isNumber(o["mileage"]), isNumber(o["price"]), isNumber(o["dealer_id"]) else { return false }
        guard let vin = o["vin"] as? String, vin.count == 17, vin.allSatisfy(vinCharacters.contains) else { return false }
        guard let fuel = o["fuel"] as? String, ["petrol", "diesel", "hybrid", "electric"].contains(fuel),
              let gearbox = o["transmission"] as? String, ["manual", "automatic"].contains(gearbox),
              o["colour"] is String, o["currency"] as? String == "GBP" else { return false }
        guard let listed = o["listed_at"] as? String else { return false }
        return isUTCTimestamp(listed)
    }

    /// A JSON number (not a string, null or boolean).
    static func isNumber(_ value: Any?) -> Bool {
        guard let value, !(value is String), !(value is NSNull) else { return false }
        return value is NSNumber || value is Int || value is Double
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly.
    static func isUTCTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 20 else { return false }
        for (i, c) in b.enumerated() {
            switch i {
            case 4, 7: if c != UInt8(ascii: "-") { return false }
            case 10: if c != UInt8(ascii: "T") { return false }
            case 13, 16: if c != UInt8(ascii: ":") { return false }
            case 19: if c != UInt8(ascii: "Z") { return false }
            default: if c < 48 || c > 57 { return false }
            }
        }
        return true
    }
}
