import AlmanacCore
import AlmanacRead
import AlmanacTestSupport
import Foundation
import Testing

/// Each front matter form and each source of a note's own date, on invented notes.
struct NoteDateTests {
    let reader = NoteReader()

    func dated(_ text: String, _ path: String) -> (date: String?, source: NoteInfo.DateSource?, guess: Bool?, title: String?) {
        let info = reader.read(text: text, path: path).note?.info
        return (info?.date.description, info?.dateSource, info?.dateIsGuess, info?.title)
    }

    // MARK: - Front matter forms

    @Test func yamlDateKeysOfEachGenerator() {
        for key in ["date", "publishDate", "pubDate", "lastmod", "updated", "created"] {
            let note = dated("---\ntitle: Tidepool sync\n\(key): 2024-01-05T10:00:00+01:00\n---\n\nbody\n", "notes/sync.md")
            #expect(note.date == "2024-01-05", "\(key)")
            #expect(note.source == .frontMatter)
            #expect(note.title == "Tidepool sync")
        }
    }

    @Test func tomlFrontMatterWithTablesAndOffsets() {
        let text = """
            +++
            title = "Station build day"
            date = 2024-01-05T18:30:00-08:00
            path = "/blog/2023/12/01/build-day"

            [taxonomies]
            author = ["Rosa Lindqvist"]

            [extra]
            image = "x.png"
            +++

            Registration closes next Friday.
            """
        let outcome = reader.read(text: text, path: "content/blog/build-day.md")
        #expect(outcome.diagnostics.isEmpty)
        let info = outcome.note?.info
        #expect(info?.date.description == "2024-01-05")
        #expect(info?.dateSource == .frontMatter)
        #expect(info?.title == "Station build day")
        #expect(info?.titleLine == 2)
        #expect(info?.authors == ["Rosa Lindqvist"])
        #expect(info?.permalink == "/blog/2023/12/01/build-day")
        #expect(outcome.note?.document.blocks.first?.line == 13)
    }

    @Test func tomlDateInExtraAndLocalDate() {
        let note = dated("+++\ntitle = \"Sync\"\n[extra]\ndate = 2025-03-04\n+++\nbody\n", "sync.md")
        #expect(note.date == "2025-03-04")
        #expect(note.source == .frontMatter)
    }

    @Test func tomlPathWithoutDateGivesThePermalinkDate() {
        let note = dated("+++\ntitle = \"Sync\"\npath = \"2020/03/10/weekly-sync\"\n+++\nbody\n", "content/sync.md")
        #expect(note.date == "2020-03-10")
        #expect(note.source == .permalink)
        #expect(note.guess == false)
    }

    @Test func malformedTomlNamesTheKeyAndIsStillRead() {
        let text = "+++\ntitle = \"Sync\"\ndate = 2024-01-05\ntags = [\"a\", \n+++\n# Weekly sync\n"
        let outcome = reader.read(text: text, path: "bad.md")
        #expect(outcome.diagnostics.map(\.description) == [
            "bad.md:5:1: warning: front matter key 'tags' is not valid TOML: the array is not closed with ']'"
        ])
        #expect(outcome.note?.info.date.description == "2024-01-05")
        #expect(outcome.note?.info.title == "Sync")
    }

    /// Fuzz findings: TOMLKit's parser (toml++) aborted the program on these blocks; Almanac's own reader
    /// warns at the line at fault and reads the block's other top-level lines.
    @Test func tomlThatStoppedTheOldParserIsAWarning() {
        for (line, block, message) in [
            (3, "[#x \"Weekly call\"\ndate = 2024-01-05", "expected a key, found '#'"),
            (3, "tags = [}\ndate = 2024-01-05", "expected a value, found '}'"),
            (3, "tags = [1, }\ndate = 2024-01-05", "expected a value, found '}'"),
            (3, "updated = 1958-09-02title\ndate = 2024-01-05T10:00:00Z", "'1958-09-02title' is not a TOML value"),
            (3, "updated = 1958-09-02 0\ndate = 2024-01-05 10:00:00", "expected the end of the line, found '0'"),
            (3, "[[[t\ndate = 2024-01-05", "expected a key, found '['"),
            (3, "[\ndate = 2024-01-05", "expected a key, found '\\u{a}'"),
        ] {
            let outcome = reader.read(text: "+++\ntitle = \"Sync\"\n\(block)\n+++\nbody\n", path: "bad.md")
            let key = block.hasPrefix("[") ? "front matter key 'title'" : "front matter key '\(block.prefix { $0 != " " })'"
            #expect(outcome.diagnostics.map(\.message) == ["\(key) is not valid TOML: \(message)"], "\(block)")
            #expect(outcome.diagnostics.first?.line == line, "\(block)")
            #expect(outcome.note?.info.title == "Sync", "\(block)")
            #expect(outcome.note?.info.date.description == "2024-01-05", "\(block)")
        }
    }

    @Test func tomlValues() throws {
        let text = #"""
            # comment
            title = "A \"quoted\" \u00e9 title" # trailing
            'literal key' = 'C:\path'
            site."sub key".name = "dotted"
            count = 1_000
            hex = 0xFF
            ratio = -2.5e3
            flag = true
            local = 2024-02-29
            stamp = 1979-05-27 07:32:00.5-07:00
            clock = 07:32:00
            long = """
            two \
               lines"""
            raw = '''it's'''
            nested = [[1, 2], ["a"], { x = 1 }]
            multi = [
              "a", # first
              "b",
            ]
            [extra]
            author = { name = "Rosa", mail = "r@example.org" }
            [[talks]]
            day = 1
            [[talks]]
            day = 2
            """#
        let toml = try TOML.parse(text)
        #expect(toml["title"] == .string("A \"quoted\" é title"))
        #expect(toml["literal key"] == .string(#"C:\path"#))
        #expect(toml["site"]?["sub key"]?["name"] == .string("dotted"))
        #expect(toml["count"] == .integer(1000))
        #expect(toml["hex"] == .integer(255))
        #expect(toml["ratio"] == .float(-2500))
        #expect(toml["flag"] == .boolean(true))
        #expect(toml["local"] == .date(year: 2024, month: 2, day: 29, time: nil))
        #expect(toml["stamp"] == .date(year: 1979, month: 5, day: 27, time: "07:32:00.5-07:00"))
        #expect(toml["clock"] == .time("07:32:00"))
        #expect(toml["long"] == .string("two lines"))
        #expect(toml["raw"] == .string("it's"))
        #expect(toml["nested"] == .array([.array([.integer(1), .integer(2)]), .array([.string("a")]), .table(["x": .integer(1)])]))
        #expect(toml["multi"] == .array([.string("a"), .string("b")]))
        #expect(toml["extra"]?["author"]?["name"] == .string("Rosa"))
        #expect(toml["talks"] == .array([.table(["day": .integer(1)]), .table(["day": .integer(2)])]))
    }

    @Test func tomlErrorsNameTheirLineAndColumn() {
        func failure(_ text: String) -> TOML.SyntaxError? {
            do {
                _ = try TOML.parse(text)
                return nil
            } catch { return error }
        }
        #expect(failure("a = 1\na = 2").map { "\($0.line):\($0.column): \($0.message)" } == "2:1: " + "key 'a' is defined twice")
        #expect(failure("a = \"open").map { "\($0.line):\($0.column): \($0.message)" } == "1:10: " + "the string is not closed with '\"'")
        #expect(failure("day = 2023-02-29").map { "\($0.line):\($0.column): \($0.message)" } == "1:7: " + "'2023-02-29' is not a TOML value")
        #expect(failure("é = 1")?.message == "expected a key, found '\\u{c3}'")
        #expect(failure("n = 007")?.message == "'007' is not a TOML value")
        #expect(failure("x = \"\\q\"")?.message == "'\\q' is not an escape")
        #expect(failure("t = { a = 1,\n b = 2 }")?.line == 1)
        // Nesting is bounded: no stack overflow however deep a value goes.
        let deep = "a = " + String(repeating: "[", count: 100_000)
        #expect(failure(deep)?.message == "arrays and tables are nested more than 64 deep")
    }

    @Test func jsonFrontMatter() {
        let text = """
            {
              "title": "Tidecon planning",
              "date": "2023-11-20",
              "authors": ["Aiko Mori"]
            }

            The CfP closes on 12 December.
            """
        let outcome = reader.read(text: text, path: "content/planning.md")
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.note?.info.date.description == "2023-11-20")
        #expect(outcome.note?.info.dateSource == .frontMatter)
        #expect(outcome.note?.info.title == "Tidecon planning")
        #expect(outcome.note?.info.titleLine == 2)
        #expect(outcome.note?.info.authors == ["Aiko Mori"])
        #expect(outcome.note?.document.blocks.first?.line == 7)
    }

    @Test func malformedJsonNamesTheKeyAndIsStillRead() {
        let text = "{\n  \"title\": \"Tidecon planning\",\n  \"draft\": nope,\n  \"date\": \"2023-11-20\"\n}\n\nBody.\n"
        let outcome = reader.read(text: text, path: "bad.md")
        #expect(outcome.diagnostics.map(\.description).first?.hasPrefix("bad.md:3:12: warning: front matter key 'draft' is not valid JSON") == true)
        #expect(outcome.note?.info.date.description == "2023-11-20")
        #expect(outcome.note?.info.title == "Tidecon planning")
    }

    @Test func malformedYamlNamesTheKeyAndKeepsTheOthers() {
        let outcome = reader.read(text: "---\ntitle: [unclosed\ndate: 2016-03-02\n---\n\nBody\n", path: "front.md")
        #expect(outcome.diagnostics.map(\.description) == [
            "front.md:2:8: warning: front matter key 'title' is not valid YAML: did not find expected ',' or ']'"
        ])
        #expect(outcome.note?.info.date.description == "2016-03-02")
        #expect(outcome.note?.info.dateSource == .frontMatter)
    }

    @Test func franklinDefinitions() {
        let text = "@def title = \"Hackathon report\"\n@def date = Date(2025, 1, 5)\n@def tags = [\"events\"]\n\n# Hackathon report\n"
        let outcome = reader.read(text: text, path: "posts/report.md")
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.note?.info.date.description == "2025-01-05")
        #expect(outcome.note?.info.title == "Hackathon report")
        #expect(outcome.note?.document.blocks.first?.line == 5)
        let bad = reader.read(text: "@def title = \"Report\"\n@def date = Date(2025, 13, 5)\n\n# Notes of 2025-02-01\n", path: "r.md")
        #expect(bad.diagnostics.map(\.description) == ["r.md:2:1: warning: front matter 'date' is not a date: Date(2025, 13, 5)"])
        #expect(bad.note?.info.date.description == "2025-02-01")
        #expect(bad.note?.info.dateSource == .text)
    }

    @Test func orgHeaders() {
        let text = "#+TITLE: Station sync\n#+DATE: <2024-02-06 Tue>\n#+AUTHOR: Ben Okafor\n\n* Agenda\n- rain gauge\n"
        let outcome = reader.read(text: text, path: "notes/sync.org")
        #expect(outcome.note?.info.date.description == "2024-02-06")
        #expect(outcome.note?.info.title == "Station sync")
        #expect(outcome.note?.info.authors == ["Ben Okafor"])
        #expect(outcome.note?.document.blocks.map(\.text) == ["Agenda", "rain gauge"])
        #expect(outcome.note?.document.blocks.first?.isHeading == true)
    }

    @Test func pandocTitleBlockAndMultiMarkdownMetadata() {
        let pandoc = dated("% Weekly sync\n% Rosa Lindqvist; Ben Okafor\n% 7 March 2024\n\nBody.\n", "sync.md")
        #expect(pandoc.date == "2024-03-07")
        #expect(pandoc.title == "Weekly sync")
        let mmd = reader.read(text: "Title: Weekly sync\nDate: 2024-03-14\n\nAttendees: Rosa\n", path: "sync.md").note
        #expect(mmd?.info.date.description == "2024-03-14")
        #expect(mmd?.info.title == "Weekly sync")
        #expect(mmd?.document.blocks.map(\.line) == [4])
    }

    @Test func asciiDocHeader() {
        let text = "= Station news (Mar 1, 2024)\nAiko Mori\n2024-03-01\n:page-type: post\n\n== Upcoming\n\n* *Build day*: March 9\n** in Lisbon\n"
        let outcome = reader.read(text: text, path: "news/issue.adoc")
        #expect(outcome.note?.info.date.description == "2024-03-01")
        #expect(outcome.note?.info.dateSource == .frontMatter)
        #expect(outcome.note?.info.title == "Station news (Mar 1, 2024)")
        #expect(outcome.note?.info.authors == ["Aiko Mori"])
        #expect(outcome.note?.document.blocks.map(\.text) == ["Upcoming", "Build day: March 9", "in Lisbon"])
        #expect(outcome.note?.document.blocks.map(\.line) == [6, 8, 9])
    }

    // MARK: - Date sources

    @Test func dateLinesAndHeadingsWithTheFoldersYear() {
        // A year folder and "February 19" in a heading: a full date from the text.
        let heading = dated("## Agenda for the February 19 call\n\n- notes\n", "meetings/2019/agenda.md")
        #expect(heading.date == "2019-02-19")
        #expect(heading.source == .text)
        #expect(heading.guess == false)
        let when = dated("# Sync\n\n- **Where**: online\n- **When**: March 3rd, 16:00 UTC\n", "meetings/2021/sync.md")
        #expect(when.date == "2021-03-03")
        let labelled = dated("# Tidecon\n\n- a\n- b\n- c\n- d\n- e\n- f\n- Conference dates: November 7-8, 2027\n", "tidecon.md")
        #expect(labelled.date == "2027-11-07")
        #expect(labelled.source == .text)
    }

    @Test func datedPaths() {
        #expect(dated("# Sync\n", "meetings/2019/SYNC-02-19.md").date == "2019-02-19")
        #expect(dated("# Sync\n", "meetings/2019/SYNC-02-19.md").source == .path)
        #expect(dated("# Sync\n", "blog/2020/03/10/sync.md").date == "2020-03-10")
        #expect(dated("# Sync\n", "_posts/2016-1-05-sync.md").date == "2016-01-05")
        #expect(dated("# Sync\n", "_posts/2016-1-05-sync.md").source == .fileName)
        let month = dated("# Sync\n", "agendas/2013/05.md")
        #expect(month.date == "2013-05-01")
        #expect(month.source == .path)
        #expect(month.guess == true)
        // A day in the text within the path's month makes it a full date.
        #expect(dated("# Sync on May 21\n", "agendas/2013/05.md").date == "2013-05-21")
        #expect(dated("# Sync on May 21\n", "agendas/2013/05.md").guess == false)
    }

    @Test func permalinkFromYamlFrontMatter() {
        let note = dated("---\ntitle: Sync\npermalink: /news/2022/08/16/sync/\n---\nbody\n", "site/sync.md")
        #expect(note.date == "2022-08-16")
        #expect(note.source == .permalink)
    }

    @Test func thePagesYear() {
        let page = """
            <!--#include virtual="header.incl" -->
            <div class="page-title">2027 Tidepool Summit</div>
            <p>Join us for two days of sensors.</p>
            <ul><li>Talks: on October 14-15 in Ghent</li></ul>
            """
        let note = reader.read(text: page, path: "summit/index.html").note?.info
        #expect(note?.date.description == "2027-10-14")
        #expect(note?.dateSource == .pageYear)
        #expect(note?.dateIsGuess == true)
        #expect(note?.title == "2027 Tidepool Summit")
        let yearOnly = dated("# Project ideas for 2026\n\n## Rain gauge\n", "ideas.md")
        #expect(yearOnly.date == "2026-01-01")
        #expect(yearOnly.source == .pageYear)
        #expect(yearOnly.guess == true)
        let frontYear = dated("---\ntitle: Wind vane self-test\nyear: 2025\n---\nbody\n", "ideas/wind.md")
        #expect(frontYear.date == "2025-01-01")
        #expect(frontYear.source == .frontMatter)
        #expect(frontYear.guess == true)
    }

    @Test func htmlTitleWithoutSiteName() {
        let page = "<html><head><title>Build day recap | Tidepool</title></head><body><p>On 2024-05-04 we built.</p></body></html>"
        #expect(reader.read(text: page, path: "recap.html").note?.info.title == "Build day recap")
    }

    @Test func noDateAtAllIsStillSkipped() {
        let outcome = reader.read(text: "+++\ntitle = \"Sync\"\n+++\n# Notes\n\nnothing dated\n", path: "content/sync.md")
        #expect(outcome.note == nil)
        #expect(outcome.diagnostics.map(\.description) == [
            "content/sync.md:1:1: warning: note has no date (none in front matter, text or file name); skipped"
        ])
    }

    // MARK: - Git

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
    func lastCommitDateWhenAsked() throws {
        let folder = try TestPaths.temporaryDirectory()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let file = notes.appendingPathComponent("schedule.md")
        try "# Schedule\n\nnothing dated\n".write(to: file, atomically: true, encoding: .utf8)
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = ["-C", folder.path] + arguments
            process.environment = [
                "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "A",
                "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": "2018-11-20T12:00:00+00:00",
                "GIT_COMMITTER_DATE": "2018-11-20T12:00:00+00:00", "HOME": folder.path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "schedule")
        // Without the option, git never runs and the note is skipped.
        #expect(NoteReader().read(contentsOf: file.path).note == nil)
        let info = NoteReader(commitDates: CommitDates()).read(contentsOf: file.path).note?.info
        #expect(info?.date.description == "2018-11-20")
        #expect(info?.dateSource == .git)
        #expect(info?.dateIsGuess == true)
        // Outside a work tree: no date.
        let loose = try TestPaths.temporaryDirectory().appendingPathComponent("loose.md")
        try "# Loose\n".write(to: loose, atomically: true, encoding: .utf8)
        #expect(NoteReader(commitDates: CommitDates()).read(contentsOf: loose.path).note == nil)
    }

    // MARK: - The shared corpora

    @Test(.enabled(if: TestPaths.hasShared))
    func everyNoteOfTheCorporaHasADate() throws {
        let corpora = TestPaths.shared!.appendingPathComponent("corpus")
        let files = SourceFinder().files(in: [corpora.path]).files.filter { !$0.hasSuffix("README.md") && !$0.contains("/gold/") }
        #expect(files.count > 90)
        for path in files {
            let outcome = NoteReader().read(contentsOf: path)
            let list = ProjectListReader().read(contentsOf: path)
            #expect(outcome.note != nil || list?.date != nil, "\(path)")
        }
    }
}

/// Shapes that once misled the note's date or front matter.
struct NoteDateEdgeTests {
    let reader = NoteReader()

    /// A one-digit day at the end of a name ("2031-1-5") is a date, read without running past the name.
    @Test func aOneDigitDayEndsTheName() {
        for (path, date) in [("notes/2031-1-5.md", "2031-01-05"), ("notes/2031-01-5.md", "2031-01-05"), ("x/2031.3.2.txt", "2031-03-02")] {
            #expect(reader.read(text: "Sync notes.\n", path: path).note?.info.date.description == date, "\(path)")
        }
    }

    /// A dated file name is the note's date; an event's "Dates:" line in it is not.
    @Test func anEventsDatesLineDoesNotOverruleTheFileName() {
        let text = "# Kelp Camp call for talks\n\nConference dates: 3–5 March 2032\n\nSend your talk by 1 December.\n"
        let info = reader.read(text: text, path: "posts/2031-11-01-kelp-cfp.md").note?.info
        #expect(info?.date.description == "2031-11-01")
        #expect(info?.dateSource == .fileName)
    }

    /// "Title:" then lines of the note's own ("When:", "Attendees:") are text, not MultiMarkdown metadata.
    @Test func keyValueLinesOfTheNoteStayInIt() throws {
        let text = "Title: Harbour sync\nWhen: 5 March 2031 10:00 UTC\nAttendees: Ana, Ben\n\nNotes follow.\n"
        let note = try #require(reader.read(text: text, path: "sync.txt").note)
        #expect(note.info.date.description == "2031-03-05")
        #expect(note.document.blocks.map(\.text).contains { $0.contains("Attendees: Ana, Ben") })
        // Metadata keys alone are metadata.
        let metadata = try #require(reader.read(text: "Title: Harbour sync\nDate: 2031-03-05\n\nNotes follow.\n", path: "sync.txt").note)
        #expect(metadata.info.title == "Harbour sync" && metadata.info.dateSource == .frontMatter)
        #expect(metadata.document.blocks.map(\.text) == ["Notes follow."])
    }

    /// A template tag on the first line is not JSON front matter.
    @Test func aTemplateTagIsNotJSON() throws {
        let outcome = reader.read(text: "{{< toc >}}\n\n# Harbour sync\n\nNotes.\n", path: "posts/2031-03-05-sync.md")
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        #expect(outcome.note?.info.title == "Harbour sync")
    }

    /// An HTML title loses a short site name after its last separator, nothing else.
    @Test func onlyASiteNameIsCutFromATitle() {
        let page = { (title: String) in
            "<html><head><title>\(title)</title></head><body><p>Updated 5 March 2031.</p></body></html>"
        }
        #expect(reader.read(text: page("Kelp Camp 2031 | Kelp Society"), path: "camp.html").note?.info.title == "Kelp Camp 2031")
        #expect(reader.read(text: page("Aug 2031 – Feb 2032 report"), path: "r.html").note?.info.title == "Aug 2031 – Feb 2032 report")
    }
}
