import AlmanacBoard
import AlmanacCore
import AlmanacModel
import Testing

struct ProjectBoardTests {
    func model(_ items: [Item]) -> Model {
        Merger().merge([(NoteInfo(path: "notes/2015-12-16.md", date: CivilDate("2015-12-16")!, dateSource: "front matter",
            title: "Weekly Meeting: 2015-12-16", permalink: "/wiki/weekly-2015-12-16", format: .markdown), items)])
    }

    @Test func rendersSectionsPerStatus() {
        let items = [
            Item(kind: .project, subkind: .outreachy, title: "NTP", status: .inProgress, people: ["Kia"],
                sources: [Evidence(path: "notes/2015-12-16.md", line: 81, quote: "One student will be working on NTP.")]),
            Item(kind: .project, subkind: .pioneer, title: "Static site", status: .proposed, difficulty: 1, url: "https://example.org/p",
                sources: [Evidence(path: "notes/2015-12-16.md", line: 70, quote: "A static site generator.")]),
            Item(kind: .event, title: "Not a project"),
        ]
        let board = ProjectBoard(title: "Projects", noteURL: { "https://example.org" + ($0.permalink ?? "") })
        #expect(board.render(model(items)) == """
            # Projects

            **2 projects**: 1 proposed, 1 in progress · 1 × ★☆☆, 1 unrated

            ## Proposed (1)

            ### Static site

            ★☆☆ · Pioneer Project · not on the list

            - Links: [example.org/p](https://example.org/p)

            A static site generator.

            _Last mentioned 2015-12-16 in [Weekly Meeting: 2015-12-16](https://example.org/wiki/weekly-2015-12-16)_

            ## In progress (1)

            ### NTP

            Outreachy · not on the list

            - People: Kia

            One student will be working on NTP.

            _Last mentioned 2015-12-16 in [Weekly Meeting: 2015-12-16](https://example.org/wiki/weekly-2015-12-16)_


            """)
    }

    @Test(arguments: [
        ("a | b", "a \\| b"),
        ("**bold** _x_", "\\*\\*bold\\*\\* \\_x\\_"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("line\nbreak", "line break"),
        ("# not a heading", "\\# not a heading"),
    ])
    func noteTextCannotBreakTheBoard(input: String, escaped: String) {
        #expect(MarkdownText.escape(input) == escaped)
    }

    @Test func onlyWebLinksAreLinked() {
        #expect(MarkdownText.link("x", "javascript:alert(1)") == "x")
        #expect(MarkdownText.link("x", "https://e.org/a (b)") == "[x](https://e.org/a%20%28b%29)")
        #expect(MarkdownText.safeURL("data:text/html,hi") == nil)
    }
}
