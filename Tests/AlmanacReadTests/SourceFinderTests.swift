import AlmanacCore
import AlmanacRead
import AlmanacTestSupport
import Foundation
import Testing

struct SourceFinderTests {
    /// Folders are walked in sorted path order; hidden entries, other extensions and dangling links are
    /// left out; a linked folder is walked once however many links lead to it, and a link loop ends.
    @Test func walksFoldersSortedSkippingHiddenAndLoops() throws {
        let root = try TestPaths.temporaryDirectory("source-finder")
        let manager = FileManager.default
        func file(_ relative: String) throws {
            let url = root.appendingPathComponent(relative)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        for name in ["b/2015-01-02.md", "a/2015-01-01.MD", "a/z/deep.html", "a/notes.txt", "a/image.png", ".hidden/x.md",
            "a/.draft.md", "c.ics", "top.markdown"]
        {
            try file(name)
        }
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("a/loop").path, withDestinationPath: root.path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("gone.md").path, withDestinationPath: "/nonexistent/x.md")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("linked.md").path,
            withDestinationPath: root.appendingPathComponent("b/2015-01-02.md").path)

        let path = root.path
        let (files, diagnostics) = SourceFinder().files(in: [path, path + "/missing", path + "/a/image.png"])
        #expect(files == [
            "a/2015-01-01.MD", "a/notes.txt", "a/z/deep.html", "b/2015-01-02.md", "linked.md", "top.markdown", "a/image.png",
        ].map { path + "/" + $0 })
        #expect(diagnostics.map(\.description) == ["\(path)/missing: error: no such file or folder"])
        let withCalendars = SourceFinder(extensions: NoteReader.extensions.union(["ics"])).files(in: [path + "/"]).files
        #expect(withCalendars.contains(path + "/c.ics") && withCalendars.count == 7)
    }
}
