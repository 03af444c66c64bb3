import AlmanacBoard
import AlmanacCore
import AlmanacModel
import Foundation
import Testing

/// The board through a real GitHub-flavoured Markdown renderer (Debian's cmark-gfm, with tables, and
/// with raw HTML let through, so anything the board failed to escape would show).
enum CMark {
    static let path = "/usr/bin/cmark-gfm"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func html(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-e", "table", "--unsafe"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Boards here are far below a pipe's buffer, so writing all before reading cannot block.
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Every `href="…"` target, in order.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The number of cells in each body row of every table.
    static func cellsPerRow(_ html: String) -> [Int] {
        html.components(separatedBy: "<tr>").dropFirst().map { $0.components(separatedBy: "</tr>")[0] }
            .map { $0.components(separatedBy: "<td").count - 1 + $0.components(separatedBy: "<th").count - 1 }
    }

    static func lines(_ html: String, starting prefix: String) -> [String] {
        html.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }
}

@Suite(.enabled(if: CMark.available))
struct RenderingTests {
    @Test func theBoardRendersAsIntended() throws {
        let markdown = ProjectBoard(title: "Pioneer Projects", noteURL: BoardFixtures.noteURL).render(BoardFixtures.model)
        let html = try CMark.html(markdown)
        #expect(CMark.lines(html, starting: "<h1>") == ["<h1>Pioneer Projects</h1>"])
        #expect(CMark.lines(html, starting: "<h2>") == ["<h2>Available (1)</h2>", "<h2>Proposed (1)</h2>", "<h2>In progress (2)</h2>"])
        #expect(CMark.lines(html, starting: "<h3>") == [
            "<h3>Tracing</h3>", "<h3>Unikernel docs</h3>", "<h3>Static site generator</h3>", "<h3>NTP server</h3>",
        ])
        #expect(html.contains("<table>\n<thead>\n<tr>\n<th>Project</th>\n<th>Status</th>\n<th>Difficulty</th>\n<th>Time</th>\n<th>Mentors</th>\n<th>Skills</th>\n</tr>"))
        #expect(html.contains("<tr>\n<td>Static site generator</td>\n<td>In progress</td>\n<td>★☆☆</td>\n<td>2 weeks</td>\n<td>Ines Carvalho, Marta Okonjo</td>\n<td>OCaml, web</td>\n</tr>"))
        #expect(CMark.cellsPerRow(html) == [6, 6, 6, 6, 6])
        #expect(CMark.links(html) == [
            "https://example.org/wiki/projects", "https://example.org/wiki/weekly-2016-01-13", "https://example.org/static",
            "https://example.org/wiki/weekly-2015-12-02", "https://example.org/wiki/weekly-2016-01-13",
        ])
        #expect(html.contains(#"<li>Links: <a href="https://example.org/static">example.org/static</a></li>"#))
        #expect(html.contains(
            #"<p><em>Last mentioned 2016-01-13 in <a href="https://example.org/wiki/weekly-2016-01-13">Weekly Meeting: 2016-01-13</a></em></p>"#))
        #expect(html.contains("<p><strong>4 projects</strong>: 1 available, 1 proposed, 2 in progress"))
    }

    @Test func hostileTextStaysText() throws {
        let evil = "a | b *c* _d_ <script>alert(1)</script> [x](javascript:alert(1))\nnext"
        let listed = BoardFixtures.listed(evil, .pioneer, stars: 1, time: "1 | 2 weeks <b>", mentors: ["<b>M</b> | x", "[y](javascript:alert(2))"],
            skills: ["*s*", "_t_|"], description: "[click](javascript:alert(3)) <img src=x onerror=alert(4)> | pipe\n# heading\n---",
            links: ["javascript:alert(5)", "https://example.org/a (b) |c|", "data:text/html,x", "https://example.org/ok"], line: 1)
        let mentioned = Item(kind: .project, title: "Other | project\n| --- |", status: .inProgress, people: ["<script>p</script>"],
            sources: [Evidence(path: "n.md", line: 1, quote: "Someone is working on Other | project <iframe src=x>.")])
        let note = NoteInfo(path: "n.md", date: CivilDate("2016-01-13")!, dateSource: .frontMatter,
            title: "Notes <script>x</script> | [z](javascript:alert(6))", permalink: "javascript:alert(7)", format: .markdown)
        let model = Merger().merge([(BoardFixtures.listPage, [listed]), (note, [mentioned])])
        for markdown in [
            ProjectBoard(title: "Board <script>", noteURL: { $0.permalink }).render(model),
            KanbanBoard(ProjectBoard(noteURL: { $0.permalink })).render(model),
        ] {
            let html = try CMark.html(markdown)
            for bad in ["<script", "<img", "<iframe", "<b>", "javascript:alert(7)\"", "href=\"javascript", "href=\"data"] {
                #expect(!html.contains(bad), "\(bad)")
            }
            #expect(!CMark.links(html).contains { !$0.hasPrefix("https://") })
            #expect(CMark.cellsPerRow(html).allSatisfy { $0 == 6 })
        }
        let html = try CMark.html(ProjectBoard(title: "Board <script>", noteURL: { $0.permalink }).render(model))
        #expect(CMark.links(html) == ["https://example.org/a%20%28b%29%20%7Cc%7C", "https://example.org/ok"])
        #expect(CMark.lines(html, starting: "<h1>") == ["<h1>Board &lt;script&gt;</h1>"])
        #expect(CMark.lines(html, starting: "<h2>") == ["<h2>Available (1)</h2>", "<h2>In progress (1)</h2>"])
        #expect(CMark.lines(html, starting: "<h3>") == [
            "<h3>a | b *c* _d_ &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) next</h3>", "<h3>Other | project | --- |</h3>",
        ])
        #expect(CMark.cellsPerRow(html) == [6, 6, 6])
        #expect(html.contains("<p>[click](javascript:alert(3)) &lt;img src=x onerror=alert(4)&gt; | pipe # heading ---</p>"))
        #expect(html.contains("<td>&lt;b&gt;M&lt;/b&gt; | x, [y](javascript:alert(2))</td>"))
        #expect(html.contains(
            "<p><em>Last mentioned 2016-01-13 in Notes &lt;script&gt;x&lt;/script&gt; | [z](javascript:alert(6))</em></p>"))
    }
}
