import Foundation

/// The visible files under a folder, by relative path, with their sizes: what `lakesql
/// watch` compares between polls. Names starting with '.' (the generator's temporary
/// files, editors' swap files) and everything inside hidden folders are left out.
struct WatchSnapshot: Equatable, Sendable {
    /// Size in bytes of every visible regular file, by path relative to the folder.
    var sizes: [String: Int]

    /// Lists `folder` (recursively). A missing folder is an empty snapshot.
    static func take(_ folder: String) -> WatchSnapshot {
        var sizes: [String: Int] = [:]
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys,
                                                          options: [.skipsHiddenFiles], errorHandler: { _, _ in true }) else {
            return WatchSnapshot(sizes: [:])
        }
        let prefix = root.standardizedFileURL.path + "/"
        while let url = walker.nextObject() as? URL {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            // skipsHiddenFiles covers hidden names on every platform only by convention: check too.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            sizes[relative] = values.fileSize ?? 0
        }
        return WatchSnapshot(sizes: sizes)
    }
}
