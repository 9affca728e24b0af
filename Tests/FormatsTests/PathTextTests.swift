import Foundation
import Testing
@testable import Formats

/// Path text handled without Foundation gives what NSString's path methods give.
@Suite struct PathTextTests {
    static let paths = ["/a/b", "/a/b/", "a/b", "a", "/", "", "/a", "a//b", "/tmp/lake/_log/0001.json", "x.tar.gz", ".hidden",
                        "dir.d/file", "/a/./b/../c", "./lake", "lake/", "../up/x", "/../x"]

    @Test(arguments: paths)
    func matchesNSString(_ path: String) {
        let ns = path as NSString
        #expect(PathText.lastComponent(path) == ns.lastPathComponent, "lastComponent of '\(path)'")
        #expect(PathText.pathExtension(path) == ns.pathExtension, "extension of '\(path)'")
        for component in ["c", "c/d", "c/"] {
            #expect(PathText.join(path, component) == ns.appendingPathComponent(component), "'\(path)' + '\(component)'")
        }
        // A component with a leading slash is joined with one slash (NSString keeps two).
        #expect(PathText.join(path, "/c") == PathText.join(path, "c"))
    }

    @Test func parents() {
        // (NSString's own deletingLastPathComponent traps on some of these on Linux.)
        let expected = ["/a/b": "/a", "/a/b/": "/a", "a/b": "a", "a": "", "/": "/", "": "", "/a": "/", "a//b": "a",
                        "/tmp/lake/_log/0001.json": "/tmp/lake/_log", "./lake": ".", "lake/": ""]
        for (path, parent) in expected { #expect(PathText.parent(path) == parent, "parent of '\(path)'") }
    }

    @Test func standardized() {
        #expect(PathText.standardized("/a/./b/../c/") == "/a/c")
        #expect(PathText.standardized("./lake") == "lake")
        #expect(PathText.standardized("a//b") == "a/b")
        #expect(PathText.standardized("../up/x") == "../up/x")
        #expect(PathText.standardized("/../x") == "/x")
        #expect(PathText.standardized("~/lake") == (ProcessInfo.processInfo.environment["HOME"] ?? "~") + "/lake")
    }
}
