import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The visible files under a folder, by relative path, with their sizes: what `lakesql
/// watch` compares between polls. Names starting with '.' (the generator's temporary
/// files, editors' swap files) and everything inside hidden folders are left out.
struct WatchSnapshot: Equatable, Sendable {
    /// Size in bytes of every visible regular file, by path relative to the folder.
    var sizes: [String: Int]

    /// Lists `folder` (recursively). A missing folder is an empty snapshot.
    static func take(_ folder: String) -> WatchSnapshot {
        var sizes: [String: Int] = [:]
        func walk(_ path: String, _ relative: String) {
            guard let dir = opendir(path) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let full = path + "/" + name, rel = relative.isEmpty ? name : relative + "/" + name
                var st = stat()
                guard stat(full, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: walk(full, rel)
                case S_IFREG: sizes[rel] = Int(st.st_size)
                default: continue
                }
            }
        }
        var root = folder
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        walk(root, "")
        return WatchSnapshot(sizes: sizes)
    }
}
