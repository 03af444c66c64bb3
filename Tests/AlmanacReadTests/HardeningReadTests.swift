import AlmanacCore
@testable import AlmanacRead
import AlmanacTestSupport
import Foundation
import Testing

/// Issue 18: what the readers do with hostile or unlucky input (items 2, 4 and 14).
struct HardeningReadTests {
    /// Fuzz findings (the readers and the extractor targets): a broken HTML table ending a Markdown or text
    /// note made libxml2 give a row a line past the note's last, and that line was cited. Every block's
    /// lines are the note's now.
    @Test func brokenHTMLInMarkdownCitesOnlyTheNotesLines() throws {
        for encoded in ["LS0tCnRpdGxlOiAnV2Vla2x5IE1lZXRpbmc6IDIwMTYtMDItMTAnCmRhdGU6IDIwMTYtMDItMTAKYXV0aG9ydHJzOiBbTmFkaWEgS293YWxjenlrLCBGZWxpeCBCcmFuZHRdCnBlcm1hbGluazogL2EgS293YWxjenlrLCBGZWxpeCBCcmFuZHRdCnBlcm1hbGluazogL21lZXRpbmdzLzIwMTItMDJtZWV0aW5nczxodG1sPjxpZGUxNi0wMi0xMCcKZGF0ZTogMjAxNi0wMi0xMAphdXRob3J0cnM6IFtOYWRpYSBLb3dhbGN6eWssIEZlbGl4IEJyYW5kdF0KcGVybWFsaW5rOiAvYSBLb3dhbGN6eWssIEZlbGl4IEJyYW5kdF0KcGVybWFsaW5rOiAvbWVldGluZ3MvMjAxMi0wMm1lZXRpbmdzPGh0bWw+PGlkZWFzYm9keT48YXJ0aWNsZT4KPGgyHlVwY29taW5nPC9oMj4KPHRhYmxlPgo8dGhlYWQ+PHRyPjx0aD5XaGVuPC90aD48dGg+V2hhdDwvdGg+PHRoPldoZXJlPC90aD48L3dyaXRlczplYWQ+Cjx0Ym9keT4KPHRyPjx0MjAxNi0wMi0xMAphdXRob3J0cnM6IFtOYWRpYSBLb3dhbGN6eWssIEZlbGl4IEJyYW5kdF0KcGVybWFsaW5rOiAvYSBLb3dhbGN6eWssIEZlbGl4IEJyYW5kdF0KcGVybWFsaW5rOiAvbWVldGluZ3MvMjAxMi0wMm1lZXRpbmdzPGh0bWw+PGlkZWFzYm9keT48YXJ0aWNsZT4KPGgyHlVwY29taW5nPC9oMj4KPHRhYmxlPgo8dGhlYWQ+PHRyPjx0aD5XaGVuPC90aD48dGg+V2hhdDwvdGg+PHRoPldoZXJlPC90aD48L3dyaXRlczplYWQ+Cjx0Ym9keT4KPHRyPjx0ZD5UdWUgMyBBcHIsIDE4OjAwIEJTVDwvdGQ+PHRkLzIwMTYtMDItOjEyXWxzZSwgTWFyY28sIERhZWUKdA==", "PGh0bWw+PGJvZHk+PGFydGljbGU+CjxoMj5VcGNvbWluZzwvaDI+Cjx0YWJsZT4KPHRoZWFkPjx0cj48dGg+Pgo8aDI+VXBjb21pbmc8L2gyPgo8dGFibGU+Cjx0aGVhZD48dHI+PHRoPldoZW48L3RoPjx0aD5XaGF0PC90aD48dGg+V2hlcmU8L3RoPjwvdHI+PC90aGVhZD4KPHRiPT09PT09PT09PT09PT09PT09PT09PT09PT09PT0KVGlkZXBvb2wgMS4wIHJlbGVhc2Ugc2NoZWR1bGUKPT09PT09PT09PT09PT09PT09PT09PT09PT09PT0KCjpBdXRob3I6IFByaXlhb2QKClRoZSAxLjAgY3ljbGUgZm9sbG93cyB0aGUgdXN1YWwgcGhhc2VzLgoKdFdoZW48L3RoPjx0aD5XaGF0PC90aD48dGg+V2hlcmU8L3RoPjwvdHI+PC90aGVhZD4KPHRiPT09PT09PT09PT09PT09PT09PT09PT09PT09PT0KVGlkZXBvb2wgMS4wIHJlbGVhc2Ugc2NoZWR1bGUKPT09PT09PT09PT09PT09PT09PT09PT09PT09PT0KCjpBdXRob3I6IFByaXlhb2QKClRoZSAxLjAgY3ljbGUgZm9sbG93cyB0aGUgdXN1YWwgcGhhc2VzLgoKdHIrLT48dGQ="] {
            let bytes = try #require(Data(base64Encoded: encoded))
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            for path in ["notes/2015-12-16.md", "notes/2015-12-16.txt", "notes/2015-12-16.html"] {
                let note = try #require(NoteReader().read(bytes: Array(bytes), path: path).note)
                let cited = note.document.blocks.flatMap(\.anchors).map(\.line)
                #expect(!cited.isEmpty && cited.allSatisfy { (1...lines).contains($0) }, "\(path): \(cited)")
            }
        }
    }

    /// Nine levels of `&a [*b, …]` (9^9 values) before a key Almanac reads: refused at once with the line of the
    /// alias that went over, and the rest of the note still read. Before, 8 levels took 12.5 s and 1.3 GB.
    static func aliasBomb(levels: Int) -> String {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...levels {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]\n"
        }
        return yaml
    }

    @Test(.timeLimit(.minutes(1))) func yamlAliasBombIsRefusedQuickly() {
        let text = "---\n" + Self.aliasBomb(levels: 9) + "title: *a9\ndate: 2026-09-02\n---\n\n# Notes\n\nThe call is on Friday.\n"
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = NoteReader().read(text: text, path: "notes/2026-09-02-bomb.md")
        #expect(start.duration(to: clock.now) < .seconds(5))
        let warning = outcome.diagnostics.map(\.description)
        // The alias that takes the expansion past 10,000 values is the first on line 6 (level 5).
        #expect(warning == [
            "notes/2026-09-02-bomb.md:6:10: warning: front matter is not read: its aliases expand to more than 10000 values (an alias bomb?)"
        ])
        #expect(outcome.note?.info.title == "Notes")
        // No date from the front matter; the note is then dated by its text or not at all, never by the bomb.
        #expect(outcome.note?.info.dateSource != .frontMatter)
    }

    @Test func yamlLimitsLetOrdinaryAliasesAndNestingThrough() {
        #expect(YAMLLimits.check("a: &a [1, 2]\nb: *a\ntitle: x\n") == nil)
        #expect(YAMLLimits.check("title: x\ndate: 2026-09-02\n") == nil)
        // Nesting deep enough to overflow a recursive reader's stack: libyaml stops at 1000 levels, before Yams recurses.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var front = FrontMatter(bodyLine: 1, body: "")
        front.read(yaml: "title: " + deep + "\n", path: "x.md", flat: false)
        #expect(front.diagnostics.count == 1 && front.title == nil)
        let nested = (0..<300).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        #expect(YAMLLimits.check(nested)?.message == "nests lists and mappings more than 200 levels deep")
        // A bomb in a key of YAML that does not parse as a whole (a tab where YAML forbids one) is refused too.
        var broken = FrontMatter(bodyLine: 1, body: "")
        broken.read(yaml: Self.aliasBomb(levels: 9) + "title: *a9\nbad: [\n", path: "x.md", flat: false)
        #expect(broken.title == nil)
    }

    /// A link out of the source folders (to /etc, to a note elsewhere) is skipped with a warning; a link inside
    /// them is followed; `followLinks` follows both.
    @Test func linksOutOfTheSourceFoldersAreNotFollowed() throws {
        let root = try TestPaths.temporaryDirectory("links")
        let manager = FileManager.default
        let notes = root.appendingPathComponent("notes")
        let outside = root.appendingPathComponent("private")
        try manager.createDirectory(at: notes.appendingPathComponent("2026"), withIntermediateDirectories: true)
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("# a\n".utf8).write(to: notes.appendingPathComponent("2026/2026-09-02.md"))
        try Data("# secret\n".utf8).write(to: outside.appendingPathComponent("2026-09-03.md"))
        try manager.createSymbolicLink(atPath: notes.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try manager.createSymbolicLink(atPath: notes.appendingPathComponent("secret.md").path,
            withDestinationPath: outside.appendingPathComponent("2026-09-03.md").path)
        try manager.createSymbolicLink(atPath: notes.appendingPathComponent("this-year").path, withDestinationPath: "2026")

        let (files, diagnostics) = SourceFinder(extensions: ["md", "txt"]).files(in: [notes.path])
        // The folder and the link to it inside the sources: walked once.
        #expect(files.count == 1 && files[0].hasSuffix("/2026-09-02.md"))
        let real = URL(fileURLWithPath: outside.path).resolvingSymlinksInPath().path
        #expect(diagnostics.map(\.description).sorted() == [
            "\(notes.path)/etc: warning: link to /etc leads out of the source folders; not followed (follow_links: true in almanac.yml follows it)",
            "\(notes.path)/secret.md: warning: link to \(real)/2026-09-03.md leads out of the source folders; not followed (follow_links: true in almanac.yml follows it)",
        ])
        // Listed together with the other folder, the link leads inside the sources.
        let both = SourceFinder(extensions: ["md"]).files(in: [notes.path, outside.path])
        #expect(both.files.contains(notes.path + "/secret.md") && both.diagnostics.count == 1)
        let followed = SourceFinder(extensions: ["md"], followLinks: true).files(in: [notes.path])
        #expect(followed.files.contains(notes.path + "/secret.md"))
    }

    /// A file name that is not UTF-8 is named in a warning (not "no such file"); a note deeper than PATH_MAX is
    /// reported, not skipped in silence.
    @Test func unreadableNamesAreReported() throws {
        let root = try TestPaths.temporaryDirectory("names")
        let bad = root.path + "/caf\u{FFFD}.md"
        let raw = Array(root.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
        let descriptor = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(descriptor >= 0)
        close(descriptor)
        let (files, diagnostics) = SourceFinder().files(in: [root.path])
        #expect(files.isEmpty)
        #expect(diagnostics.map(\.description) == ["\(bad): warning: file name is not valid UTF-8; skipped (rename it)"])

        // Folders nested past PATH_MAX (4096 bytes), made one level at a time relative to the one before.
        let deep = try TestPaths.temporaryDirectory("deep")
        var folder = open(deep.path, O_RDONLY | O_DIRECTORY)
        let name = String(repeating: "d", count: 200)
        for _ in 0..<25 {
            #expect(mkdirat(folder, name, 0o755) == 0)
            let next = openat(folder, name, O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        let note = openat(folder, "2026-09-02.md", O_CREAT | O_WRONLY, 0o644)
        _ = "# deep\n".withCString { write(note, $0, 7) }
        close(note)
        close(folder)
        let found = SourceFinder().files(in: [deep.path])
        #expect(found.files.isEmpty || found.files.allSatisfy { $0.utf8.count > 4096 })
        let reported = found.diagnostics.map(\.message) + found.files.flatMap { NoteReader().bytes(contentsOf: $0).diagnostics.map(\.message) }
        #expect(reported.contains { $0.contains("File name too long") }, "\(reported)")
    }
}
