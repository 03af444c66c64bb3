import AlmanacBoard
import AlmanacCore
import AlmanacModel
import Testing

struct ProjectBoardTests {
    func model(_ items: [Item]) -> Model {
        Merger().merge([(NoteInfo(path: "notes/2015-12-16.md", date: CivilDate("2015-12-16")!, dateSource: .frontMatter,
            title: "Weekly Meeting: 2015-12-16", permalink: "/wiki/weekly-2015-12-16", format: .markdown), items)])
    }

    @Test func rendersSectionsPerStatus() {
        let items = [
            Item(kind: .project, subkind: .outreachy, title: "NTP", status: .inProgress, people: ["Noa"],
                sources: [Evidence(path: "notes/2015-12-16.md", line: 81, quote: "One student will be working on NTP.")]),
            Item(kind: .project, subkind: .pioneer, title: "Static site", status: .proposed, difficulty: 1, url: "https://example.org/p",
                sources: [Evidence(path: "notes/2015-12-16.md", line: 70, quote: "A static site generator.")]),
            Item(kind: .event, title: "Not a project"),
        ]
        let board = ProjectBoard(title: "Projects", noteURL: { "https://example.org" + ($0.permalink ?? "") })
        // No list page was read: nothing is flagged "not on the list".
        #expect(board.render(model(items)) == """
            # Projects

            **2 projects**: 1 proposed, 1 in progress · 1 × ★☆☆, 1 unrated

            | Project | Status | Difficulty | Time | Mentors | Skills |
            |---|---|---|---|---|---|
            | Static site | Proposed | ★☆☆ | – | – | – |
            | NTP | In progress | – | – | – | – |

            ## Proposed (1)

            ### Static site

            ★☆☆ · Pioneer Project

            - Links: [example.org/p](https://example.org/p)

            A static site generator.

            _Last mentioned 2015-12-16 in [Weekly Meeting: 2015-12-16](https://example.org/wiki/weekly-2015-12-16)_

            ## In progress (1)

            ### NTP

            Outreachy

            - People: Noa

            One student will be working on NTP.

            _Last mentioned 2015-12-16 in [Weekly Meeting: 2015-12-16](https://example.org/wiki/weekly-2015-12-16)_

            """)
    }

    @Test func listAndNotesTogether() {
        let board = ProjectBoard(title: "Pioneer Projects", noteURL: BoardFixtures.noteURL)
        #expect(board.render(BoardFixtures.model) == """
            # Pioneer Projects

            **4 projects**: 1 available, 1 proposed, 2 in progress · 1 × ★☆☆, 1 × ★★☆, 1 × ★★★, 1 unrated · 1 not on the list, 1 stale

            | Project | Status | Difficulty | Time | Mentors | Skills |
            |---|---|---|---|---|---|
            | Tracing | Available | ★★★ | large | – | C |
            | Unikernel docs | Proposed | – | – | – | – |
            | Static site generator | In progress | ★☆☆ | 2 weeks | Ines Carvalho, Marta Okonjo | OCaml, web |
            | NTP server | In progress | ★★☆ | 175 h | Tobias | Networking, OCaml |

            ## Available (1)

            ### Tracing

            ★★★ · Pioneer Project · ⏱ large · stale: no note mentioned it for 6 months

            - Skills: C

            _Not mentioned in the notes yet; listed in [Pioneer Projects](https://example.org/wiki/projects)_

            ## Proposed (1)

            ### Unikernel docs

            Pioneer Project · not on the list

            We could turn the unikernel docs into a Pioneer Project.

            _Last mentioned 2016-01-13 in [Weekly Meeting: 2016-01-13](https://example.org/wiki/weekly-2016-01-13)_

            ## In progress (2)

            ### Static site generator

            ★☆☆ · Pioneer Project · ⏱ 2 weeks

            - Mentors: Ines Carvalho, Marta Okonjo
            - People: Noa
            - Skills: OCaml, web
            - Links: [example.org/static](https://example.org/static)

            Turn the wiki into a static site.

            _Last mentioned 2015-12-02 in [Weekly Meeting: 2015-12-02](https://example.org/wiki/weekly-2015-12-02)_

            ### NTP server

            ★★☆ · Outreachy · ⏱ 175 h

            - Mentors: Tobias
            - Skills: Networking, OCaml

            One student will be working on NTP server.

            _Last mentioned 2016-01-13 in [Weekly Meeting: 2016-01-13](https://example.org/wiki/weekly-2016-01-13)_

            """)
    }

    @Test func sameNotesSameBytes() {
        let board = ProjectBoard(noteURL: BoardFixtures.noteURL)
        let reordered = Merger().merge([
            (BoardFixtures.note("2015-12-02"), BoardFixtures.december), (BoardFixtures.listPage, BoardFixtures.listItems.reversed()),
            (BoardFixtures.note("2016-01-13"), BoardFixtures.january),
        ])
        #expect(board.render(reordered) == board.render(BoardFixtures.model))
        #expect(KanbanBoard(board).render(reordered) == KanbanBoard(board).render(BoardFixtures.model))
    }

    @Test func sectionsAndStalenessAreConfigurable() {
        let board = ProjectBoard(sections: [.inProgress, .available], staleMonths: 12)
        let markdown = board.render(BoardFixtures.model)
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("## ") } == ["## In progress (2)", "## Available (1)", "## Proposed (1)"])
        #expect(!markdown.contains("stale"))
    }

    @Test(arguments: [
        (BoardFilter(difficulties: [1]), ["Static site generator"]),
        (BoardFilter(difficulties: [2, 3]), ["Tracing", "NTP server"]),
        (BoardFilter(skills: ["networking"]), ["NTP server"]),
        (BoardFilter(skills: ["network"]), ["NTP server"]),
        (BoardFilter(skills: ["ocaml", "c"]), ["Tracing", "Static site generator", "NTP server"]),
        (BoardFilter(skills: ["rust"]), []),
        (BoardFilter(programmes: [.outreachy]), ["NTP server"]),
        (BoardFilter(programmes: [.opw]), ["NTP server"]),
        (BoardFilter(programmes: [.pioneer]), ["Tracing", "Unikernel docs", "Static site generator"]),
        (BoardFilter(statuses: [.available]), ["Tracing"]),
        (BoardFilter(difficulties: [1], skills: ["web"], programmes: [.pioneer], statuses: [.inProgress]), ["Static site generator"]),
        (BoardFilter(difficulties: [1], statuses: [.available]), []),
    ])
    func filters(filter: BoardFilter, titles: [String]) {
        #expect(ProjectBoard(filter: filter).entries(BoardFixtures.model).map(\.item.title) == titles)
    }

    @Test func aFilteredBoardSaysWhatItShows() {
        let board = ProjectBoard(title: "OCaml projects", filter: BoardFilter(skills: ["OCaml"], statuses: [.inProgress]))
        #expect(board.render(BoardFixtures.model) == """
            # OCaml projects

            Showing: skill OCaml · in progress

            **2 projects**: 2 in progress · 1 × ★☆☆, 1 × ★★☆

            | Project | Status | Difficulty | Time | Mentors | Skills |
            |---|---|---|---|---|---|
            | Static site generator | In progress | ★☆☆ | 2 weeks | Ines Carvalho, Marta Okonjo | OCaml, web |
            | NTP server | In progress | ★★☆ | 175 h | Tobias | Networking, OCaml |

            ## In progress (2)

            ### Static site generator

            ★☆☆ · Pioneer Project · ⏱ 2 weeks

            - Mentors: Ines Carvalho, Marta Okonjo
            - People: Noa
            - Skills: OCaml, web
            - Links: [example.org/static](https://example.org/static)

            Turn the wiki into a static site.

            _Last mentioned 2015-12-02 in Weekly Meeting: 2015-12-02_

            ### NTP server

            ★★☆ · Outreachy · ⏱ 175 h

            - Mentors: Tobias
            - Skills: Networking, OCaml

            One student will be working on NTP server.

            _Last mentioned 2016-01-13 in Weekly Meeting: 2016-01-13_

            """)
        let none = ProjectBoard(title: "Hard", filter: BoardFilter(difficulties: [3], statuses: [.done]))
        #expect(none.render(BoardFixtures.model) == "# Hard\n\nShowing: ★★★ · done\n\nNo projects match.\n")
        #expect(ProjectBoard().render(Model()) == "# Projects\n\nNo projects yet.\n")
    }

    @Test func kanban() {
        let board = ProjectBoard(noteURL: BoardFixtures.noteURL)
        #expect(KanbanBoard(board).render(BoardFixtures.model) == """
            ---

            kanban-plugin: basic

            ---


            ## Available

            - [ ] **Tracing** ★★★ · Pioneer Project · ⏱ large · Skills: C · stale


            ## Proposed

            - [ ] **Unikernel docs** · Pioneer Project · not on the list


            ## In progress

            - [ ] **Static site generator** ★☆☆ · Pioneer Project · ⏱ 2 weeks · Mentors: Ines Carvalho, Marta Okonjo · People: Noa · Skills: OCaml, web · [example.org/static](https://example.org/static)
            - [ ] **NTP server** ★★☆ · Outreachy · ⏱ 175 h · Mentors: Tobias · Skills: Networking, OCaml


            ## Done

            **Complete**




            %% kanban:settings
            ```
            {"kanban-plugin":"basic"}
            ```
            %%

            """)
    }

    @Test func kanbanCardsStayOneLine() {
        let item = BoardFixtures.listed("50%% done\n- [x] fake card\n## Fake lane", .pioneer, stars: 1, time: nil, mentors: [],
            skills: [], links: ["https://example.org/a%%b"], line: 1)
        let kanban = KanbanBoard().render(Merger().merge([(BoardFixtures.listPage, [item])]))
        #expect(kanban.contains(
            "- [ ] **50\\%\\% done - \\[x\\] fake card \\## Fake lane** ★☆☆ · Pioneer Project · [example.org/a\\%\\%b](https://example.org/a%25%25b)\n"))
        #expect(kanban.split(separator: "\n").filter { $0.hasPrefix("## ") } == ["## Available", "## Proposed", "## In progress", "## Done"])
    }

    @Test func mailingListSummary() {
        let email = MailingListSummary(ProjectBoard(), community: "MirageOS", listURL: "https://example.org/wiki/projects")
        #expect(email.render(BoardFixtures.model) == """
            Subject: MirageOS projects: 1 available, more 1-star, 2-star and 3-star projects wanted

            Hello everyone,

            This is where the MirageOS projects stand, from the notes up to
            2016-01-13.

            Available (1):

              * [★★★] Tracing (large). Skills: C.

            Proposed (1): Unikernel docs.
            In progress (2): Static site generator, NTP server.

            What we are missing:

              * No 1-star (★☆☆) projects are available.
              * No 2-star (★★☆) projects are available.
              * Only one 3-star (★★★) project is available.
              * Without a mentor: Tracing.

            On the list, but no meeting has mentioned them for 6 months; are they
            still wanted?

              * Tracing (never mentioned in the notes)

            Do you have an idea for a project, or could you mentor one? Reply to
            this email, or add it to the list:

              https://example.org/wiki/projects

            Thank you!

            """)
        let enough = MailingListSummary(ProjectBoard(staleMonths: 12), community: "MirageOS\n<x>", wanted: 1, width: 40)
        #expect(enough.render(BoardFixtures.model) == """
            Subject: MirageOS <x> projects: 1 available, more 1-star and 2-star projects wanted

            Hello everyone,

            This is where the MirageOS <x> projects
            stand, from the notes up to 2016-01-13.

            Available (1):

              * [★★★] Tracing (large). Skills: C.

            Proposed (1): Unikernel docs.
            In progress (2): Static site generator,
            NTP server.

            What we are missing:

              * No 1-star (★☆☆) projects are
                available.
              * No 2-star (★★☆) projects are
                available.
              * Without a mentor: Tracing.

            Do you have an idea for a project, or
            could you mentor one? Reply to this
            email.

            Thank you!

            """)
    }

    @Test(arguments: [
        ("a | b", "a \\| b"),
        ("**bold** _x_", "\\*\\*bold\\*\\* \\_x\\_"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("line\nbreak", "line break"),
        ("# not a heading", "\\# not a heading"),
        ("Title #", "Title \\#"),
        ("C# and F#", "C# and F#"),
        ("1. not a list", "1\\. not a list"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
    ])
    func noteTextCannotBreakTheBoard(input: String, escaped: String) {
        #expect(MarkdownText.escape(input) == escaped)
    }

    @Test func onlyWebLinksAreLinked() {
        #expect(MarkdownText.link("x", "javascript:alert(1)") == "x")
        #expect(MarkdownText.link("x", "https://e.org/a (b)") == "[x](https://e.org/a%20%28b%29)")
        #expect(MarkdownText.safeURL("data:text/html,hi") == nil)
        #expect(MarkdownText.safeURL("JavaScript:alert(1)") == nil)
        #expect(MarkdownText.safeURL("mailto:list@example.org") == "mailto:list@example.org")
    }
}

struct ProjectMergeTests {
    static let fromNotes = ProjectDetails(timeEstimate: "1 week", mentors: ["Ana"], contributors: ["Kit"], skills: ["Rust"],
        description: "From the notes.", links: ["https://notes.example.org"])

    static func noteItem(_ details: ProjectDetails?, status: Item.Status = .inProgress) -> Item {
        Item(kind: .project, subkind: .pioneer, title: "Tracing", status: status, project: details)
    }

    @Test func theListWinsForDescriptiveFieldsAndNotesAddPeople() throws {
        let listed = BoardFixtures.listed("Tracing", .pioneer, stars: 3, time: "large", mentors: ["Ben"], skills: ["C"],
            description: "From the list.", links: ["https://list.example.org"], line: 20)
        let expected = ProjectDetails(timeEstimate: "large", mentors: ["Ben", "Ana"], contributors: ["Kit"], skills: ["C"],
            description: "From the list.", links: ["https://list.example.org", "https://notes.example.org"], listed: true)
        // The notes after the list, and before it: the list's description, time and skills either way.
        for notesDate in ["2016-01-13", "2015-01-13"] {
            let model = Merger().merge([(BoardFixtures.listPage, [listed]), (BoardFixtures.note(notesDate), [Self.noteItem(Self.fromNotes)])])
            let project = try #require(model.items.first)
            #expect(model.items.count == 1)
            #expect(project.item.project == expected)
        }
        // A later note moves the status on; an earlier one does not.
        let later = Merger().merge([(BoardFixtures.listPage, [listed]), (BoardFixtures.note("2016-01-13"), [Self.noteItem(nil)])])
        #expect(later.items.first?.item.status == .inProgress)
        #expect(later.items.first?.item.project?.description == "From the list.")
        let earlier = Merger().merge([(BoardFixtures.listPage, [listed]), (BoardFixtures.note("2015-01-13"), [Self.noteItem(nil)])])
        #expect(earlier.items.first?.item.status == .available)
    }

    @Test func betweenNotesTheLatestDescriptionWins() {
        var newer = Self.fromNotes
        newer.description = "Newer."
        newer.timeEstimate = nil
        let model = Merger().merge([
            (BoardFixtures.note("2015-12-02"), [Self.noteItem(Self.fromNotes)]), (BoardFixtures.note("2016-01-13"), [Self.noteItem(newer)]),
        ])
        #expect(model.items.first?.item.project?.description == "Newer.")
        #expect(model.items.first?.item.project?.timeEstimate == "1 week")
        #expect(model.items.first?.item.project?.listed == false)
    }
}
