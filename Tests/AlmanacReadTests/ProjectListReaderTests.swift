import AlmanacCore
import AlmanacRead
import Foundation
import Testing

struct ProjectFieldsTests {
    @Test(arguments: [
        ("★★☆", 2), ("★☆☆", 1), ("★★★", 3), ("⭐⭐", 2), ("★★★★☆", 2), ("**", 2), ("***", 3), ("2 stars", 2),
        ("2-star", 2), ("one-star", 1), ("1 star", 1), ("2/3", 2), ("2 / 3", 2), ("3 of 3", 3), ("2 out of 3", 2),
        ("4/5", 2), ("easy", 1), ("Medium", 2), ("hard", 3), ("Advanced", 3), ("beginner-friendly", 1), ("2", 2),
    ])
    func difficulty(text: String, stars: Int) {
        #expect(ProjectFields.difficulty(text) == stars)
    }

    @Test(arguments: ["tricky", "5", "", "0/3", "lots of stars"])
    func noDifficulty(text: String) {
        #expect(ProjectFields.difficulty(text) == nil)
    }

    @Test(arguments: [
        ("2 weeks", "2 weeks"), ("175 h", "175 h"), ("350 hours", "350 hours"), ("90h", "90h"), ("small", "small"),
        ("medium (175 h)", "medium (175 h)"), ("a weekend", "a weekend"), ("1-2 months", "1-2 months"),
        ("  3   days. ", "3 days"), ("Large", "Large"),
    ])
    func timeEstimate(text: String, estimate: String) {
        #expect(ProjectFields.timeEstimate(text) == estimate)
    }

    @Test(arguments: ["whenever", "soon", "2", "weeks"])
    func noTimeEstimate(text: String) {
        #expect(ProjectFields.timeEstimate(text) == nil)
    }

    @Test(arguments: [
        ("available", Item.Status.available, [String]()), ("Open", .available, []), ("up for grabs", .available, []),
        ("taken by Lena Novak", .inProgress, ["Lena Novak"]), ("Taken by Ana and Ben", .inProgress, ["Ana", "Ben"]),
        ("assigned to @kit", .inProgress, ["@kit"]), ("in progress", .inProgress, []), ("in-progress (Lena)", .inProgress, ["Lena"]),
        ("done", .done, []), ("Completed by Ana", .done, ["Ana"]), ("on hold", .postponed, []), ("dropped", .cancelled, []),
        ("needs a mentor", .proposed, []),
    ])
    func status(text: String, status: Item.Status, people: [String]) throws {
        let read = try #require(ProjectFields.status(text))
        #expect(read.status == status)
        #expect(read.people == people)
    }

    @Test func noStatus() {
        #expect(ProjectFields.status("maybe") == nil)
        #expect(ProjectFields.status("Ben") == nil)
    }

    @Test(arguments: [
        ("Pioneer Projects", Item.Subkind?.some(.pioneer)), ("GSoC 2027 ideas", .gsoc), ("Google Summer of Code", .gsoc),
        ("Outreachy", .outreachy), ("OPW", .opw), ("UROP", .urop), ("other", .other), ("Weekly meeting", nil),
    ])
    func programme(text: String, programme: Item.Subkind?) {
        #expect(ProjectFields.programme(text) == programme)
    }

    @Test func peopleAndSkills() {
        #expect(ProjectFields.people("Ben Okafor, Aiko Mori and @jonas") == ["Ben Okafor", "Aiko Mori", "@jonas"])
        #expect(ProjectFields.people("Priya Raman (priya@example.org)") == ["Priya Raman"])
        #expect(ProjectFields.people("TBD") == [])
        #expect(ProjectFields.people("Ana & Ben; Ana") == ["Ana", "Ben"])
        #expect(ProjectFields.skills("OCaml, networking; C") == ["OCaml", "networking", "C"])
        #expect(ProjectFields.skills("Python and data analysis.") == ["Python", "data analysis"])
        #expect(ProjectFields.skills("C, c") == ["C"])
    }
}

struct ProjectListReaderTests {
    let reader = ProjectListReader()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func readsEveryFieldStyle() throws {
        let page = """
            # GSoC and Pioneer project ideas

            Intro with a [link](https://example.org/intro).

            ## 1-star projects

            ### Sensor simulator

            - **Difficulty:** ★☆☆
            - **Time:** 2 weeks
            - **Mentors:** Ana, Ben Okafor
            - **Skills:** Python, testing
            - **Status:** taken by Kit
            - **Links:** [issue](https://example.org/1), <https://example.org/2>

            Simulate the sensors so the firmware can be tested
            without a station.

            A second paragraph.

            ### GSoC: Time sync (★★☆, 175 h)

            Difficulty: 2/3
            Mentor: Cy
            Skills/areas: networking
            Status: in progress

            ## Hard ones

            ### Radio driver — ★★★ · large

            | Field | Value |
            |---|---|
            | Mentors | Dee |
            | Status | available |
            | Links | [spec](https://example.org/spec) |

            ### Docs cleanup

            - easy · a weekend
            - Mentors:
              - Eve
              - Fay

            ## Programme table

            | Project | Difficulty | Size | Mentors | Skills | Status | Description |
            |---|---|---|---|---|---|---|
            | [Offline sync](https://example.org/sync) | hard | 350 h | Gil | C, networking | done | Sync later. |
            | Plotting | 2 stars | medium | Hal | JavaScript | available | |
            """
        let list = try #require(reader.read(text: page, path: "wiki/ideas.md"))
        #expect(list.diagnostics == [])
        #expect(list.title == "GSoC and Pioneer project ideas")
        #expect(list.projects == [
            ListedProject(title: "Sensor simulator", programme: .gsoc, difficulty: 1, timeEstimate: "2 weeks", mentors: ["Ana", "Ben Okafor"],
                contributors: ["Kit"], skills: ["Python", "testing"],
                description: "Simulate the sensors so the firmware can be tested without a station.\n\nA second paragraph.",
                links: ["https://example.org/1", "https://example.org/2"], status: .inProgress, line: 7, fieldCount: 6),
            ListedProject(title: "Time sync", programme: .gsoc, difficulty: 2, timeEstimate: "175 h", mentors: ["Cy"], skills: ["networking"],
                status: .inProgress, line: 21, fieldCount: 4),
            ListedProject(title: "Radio driver", programme: .gsoc, difficulty: 3, timeEstimate: "large", mentors: ["Dee"],
                links: ["https://example.org/spec"], status: .available, line: 30, fieldCount: 3),
            ListedProject(title: "Docs cleanup", programme: .gsoc, difficulty: 1, timeEstimate: "a weekend", mentors: ["Eve", "Fay"],
                status: .available, line: 38, fieldCount: 3),
            ListedProject(title: "Offline sync", programme: .gsoc, difficulty: 3, timeEstimate: "350 h", mentors: ["Gil"],
                skills: ["C", "networking"], description: "Sync later.", links: ["https://example.org/sync"], status: .done, line: 49,
                fieldCount: 5),
            ListedProject(title: "Plotting", programme: .gsoc, difficulty: 2, timeEstimate: "medium", mentors: ["Hal"], skills: ["JavaScript"],
                status: .available, line: 50, fieldCount: 5),
        ])
    }

    @Test func labelsPagesUse() throws {
        let page = """
            # Project ideas

            ## Anemometer driver

            - Level of difficulty: hard
            - Time commitment: 2-3 weeks
            - Mentor(s): Ana; Ben
            - Skills / areas: C, SPI
            - Taken by: Kit
            - State of the art: nothing yet.
            - Note: bring a station.

            ## Logo

            Effort: small · Contact: Dee; Difficulty: easy
            """
        let list = try #require(reader.read(text: page, path: "ideas.md"))
        #expect(list.diagnostics == [])
        #expect(list.projects == [
            ListedProject(title: "Anemometer driver", difficulty: 3, timeEstimate: "2-3 weeks", mentors: ["Ana", "Ben"],
                contributors: ["Kit"], skills: ["C", "SPI"], description: "State of the art: nothing yet.\n\nNote: bring a station.",
                line: 3, fieldCount: 5),
            ListedProject(title: "Logo", difficulty: 1, timeEstimate: "small", mentors: ["Dee"], line: 13, fieldCount: 3),
        ])
    }

    @Test func reportsWhatItCannotRead() throws {
        let page = """
            ---
            almanac: projects
            ---
            # Projects

            ## Wind vane self-test

            - Difficulty: tricky
            - Time: whenever
            - Status: maybe
            - Programme: summer fun
            - Links: [bad](javascript:alert(1)), the wiki

            ## Rain gauge

            Status: available

            ## How to apply

            Write to the list.

            | Project | Difficulty |
            |---|---|
            |  | 2 |
            """
        let list = try #require(reader.read(text: page, path: "p.md"))
        #expect(list.projects.map(\.title) == ["Wind vane self-test", "Rain gauge"])
        #expect(list.projects[0].links == [])
        #expect(list.diagnostics.map(\.description) == [
            "p.md:8:15: warning: cannot read difficulty 'tricky' (write ★★☆, 2 stars, 2/3 or easy, medium, hard)",
            "p.md:9:9: warning: cannot read time estimate 'whenever' (write 2 weeks, 175 h or small, medium, large)",
            "p.md:10:11: warning: cannot read status 'maybe' (write available, taken by NAME, in progress or done)",
            "p.md:11:14: warning: cannot read programme 'summer fun' (write pioneer, gsoc, outreachy, urop or other)",
            "p.md:12:11: warning: link 'javascript:alert(1)' is not http, https or mailto; left out",
            "p.md:18:4: warning: 'How to apply' has no project fields (difficulty, time, mentors, skills or status); not read as a project",
            "p.md:24:4: warning: table row has no project name; skipped",
        ])
    }

    @Test func readsTheExampleList() throws {
        let path = Self.root.appendingPathComponent("data/projects.md").path
        let list = try #require(reader.read(contentsOf: path))
        #expect(list.diagnostics == [])
        #expect(list.title == "Tidepool Pioneer Projects")
        #expect(list.date == CivilDate("2026-09-20"))
        #expect(list.permalink == "/wiki/pioneer-projects")
        #expect(list.projects.map { "\($0.title) \($0.difficulty ?? 0) \($0.status.rawValue) \($0.programme?.rawValue ?? "-")" } == [
            "Rain gauge calibration 1 in-progress outreachy",
            "Wind vane self-test 1 available pioneer",
            "Solar charge monitor 2 available pioneer",
            "Web dashboard for station data 2 available pioneer",
            "Offline sync 3 done gsoc",
            "Lightning detector driver 2 available gsoc",
        ])
        #expect(list.projects.map { $0.timeEstimate ?? "-" } == ["2 weeks", "a weekend", "medium (3 weeks)", "4 weeks", "350 h", "175 hours"])
        #expect(list.projects[0].contributors == ["Lena Novak"])
        #expect(list.projects[2].links == ["https://tidepool.example.org/wiki/solar", "https://github.com/tidepool-weather/firmware/issues/62"])
    }

    @Test func aListIsRecognisedByItsShape() {
        let fielded = "### A\n\n- Difficulty: 1\n\n### B\n\n- Mentors: Ana\n"
        #expect(reader.read(text: "# Pioneer Projects\n\n" + fielded, path: "a.md") != nil)
        #expect(reader.read(text: "---\ntitle: GSoC project ideas\n---\n" + fielded, path: "a.md") != nil)
        let crlf = ("---\ntitle: GSoC project ideas\n---\n" + fielded).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(reader.read(text: crlf, path: "a.md")?.projects.map(\.title) == ["A", "B"])
        // One project with fields is a page that mentions a project, not a list.
        #expect(reader.read(text: "# Pioneer Projects\n\n### A\n\n- Difficulty: 1\n", path: "a.md") == nil)
        // A meeting's notes with a projects section are notes.
        #expect(reader.read(text: "# Weekly meeting: projects\n\n" + fielded, path: "a.md") == nil)
        #expect(reader.read(text: "# Agenda\n\n## Pioneer Projects\n\n" + fielded, path: "a.md") == nil)
        // HTML and page text are never lists; front matter says so whatever the shape.
        #expect(reader.read(text: "# Pioneer Projects\n\n" + fielded, path: "a.html") == nil)
        #expect(reader.read(text: "---\nalmanac: projects\n---\nNothing yet.\n", path: "a.md")?.projects == [])
    }

    @Test func noMeetingNoteIsAList() throws {
        let folders = [Self.root.appendingPathComponent("data/notes"),
            Self.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/mirage-weekly/notes")]
        var read = 0
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() {
                let path = folder.appendingPathComponent(name).path
                #expect(reader.read(contentsOf: path) == nil, "\(name)")
                read += 1
            }
        }
        #expect(read >= 4)
    }

    @Test func anUndatedListJoinsAtTheEarliestNote() {
        let undated = ProjectList(path: "wiki/ideas.md", title: "Ideas")
        #expect(undated.info(fallbackDate: CivilDate("2026-09-02")!).date == CivilDate("2026-09-02"))
        #expect(undated.info(fallbackDate: CivilDate("2026-09-02")!).dateSource == .earliestNote)
    }
}

struct ProjectListRecognitionTests {
    /// Only a page whose first lines say "project", "ideas" or "almanac" (in any case) is looked at as a list.
    @Test func aListIsRecognisedInAnyCaseAndANoteIsNot() throws {
        let declared = "---\nALMANAC: Projects\n---\n# Newcomer tasks\n\n## Tide clock\n\n- Mentor: Ana\n"
        #expect(try #require(ProjectListReader().read(text: declared, path: "tasks.md")).projects.map(\.title) == ["Tide clock"])
        let titled = "# GSOC IDEAS\n\n## Tide clock\n\n- Mentor: Ana\n- Difficulty: 2\n\n## Harbour map\n\n- Mentor: Ben\n- Difficulty: 1\n"
        #expect(try #require(ProjectListReader().read(text: titled, path: "ideas.md")).projects.map(\.title) == ["Tide clock", "Harbour map"])
        let note = "---\ndate: 2030-01-06\n---\n# Weekly call\n\n## Tide clock\n\n- Mentor: Ana\n- Difficulty: 2\n"
        #expect(ProjectListReader().read(text: note, path: "2030-01-06.md") == nil)
    }
}
