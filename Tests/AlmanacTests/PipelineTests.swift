import Almanac
import AlmanacCore
import AlmanacICal
import AlmanacValidate
import AlmanacModel
import AlmanacRead
import AlmanacTestSupport
import Foundation
import Testing

struct PipelineTests {
    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func bothSeedsGiveOneSet() throws {
        let seeds = TestPaths.shared!.appendingPathComponent("seeds").path
        let collection = Pipeline().run(paths: [seeds])
        #expect(collection.diagnostics.isEmpty)
        #expect(collection.notes.count == 2)
        let single = Pipeline().run(paths: [seeds + "/000_0eee7e9741c89038.txt"])
        #expect(collection.model.items.count == single.model.items.count)
        #expect(collection.model.items.map(\.uid) == single.model.items.map(\.uid))
        #expect(collection.model.items.allSatisfy { $0.mentions.count == 2 })
    }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func seedCalendarHoldsTheDatedItems() throws {
        let seeds = TestPaths.shared!.appendingPathComponent("seeds").path
        let out = try TestPaths.temporaryDirectory()
        _ = try Publisher().publish(Pipeline().run(paths: [seeds]).model, to: out.path, published: nil)
        let calendar = try String(contentsOf: out.appendingPathComponent("calendar.ics"), encoding: .utf8)
        #expect(calendar.contains("SUMMARY:Cloud Innovator Forum 2016\r\n"))
        #expect(calendar.contains("DTSTART;VALUE=DATE:20160122\r\nDTEND;VALUE=DATE:20160123\r\n"))
        #expect(calendar.contains("SUMMARY:Unikernel install party (tentative)\r\n"))
        #expect(calendar.contains("STATUS:TENTATIVE\r\n"))
        #expect(calendar.contains("DTSTART;VALUE=DATE:20151219\r\n"))
        #expect(calendar.contains("SUMMARY:Weekly Meeting: 2015-12-16\r\n"))
        // Undated items stay out of the calendar.
        #expect(!calendar.contains("SUMMARY:MirageOS hackathon"))
        #expect(!calendar.contains("SUMMARY:Next call"))
        #expect(calendar.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count == 5)
        let deadlines = try String(contentsOf: out.appendingPathComponent("deadlines.ics"), encoding: .utf8)
        #expect(deadlines.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count == 2)
        let board = try String(contentsOf: out.appendingPathComponent("projects.md"), encoding: .utf8)
        #expect(board.contains("### NTP\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("items.json"))) as? [String: Any]
        #expect((json?["items"] as? [Any])?.count == 8)
    }

    @Test func outputsAreByteIdenticalOnReRun() throws {
        let data = TestPaths.data.path
        let first = try TestPaths.temporaryDirectory()
        let second = try TestPaths.temporaryDirectory()
        var configuration = Configuration()
        configuration.baseURL = "https://tidepool.example.org"
        configuration.timeZone = "Europe/Lisbon"
        let written = try Publisher(configuration: configuration).publish(Pipeline().run(paths: [data]).model, to: first.path, published: nil)
        _ = try Publisher(configuration: configuration).publish(Pipeline().run(paths: [data]).model, to: second.path, published: nil)
        #expect(written.count == 7)
        for path in written {
            let name = (path as NSString).lastPathComponent
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between runs")
            #expect(!a.isEmpty)
        }
        // libical reads every feed back without complaint.
        for name in ["calendar.ics", "deadlines.ics", "events.ics", "meetings.ics"] {
            let text = try String(contentsOf: first.appendingPathComponent(name), encoding: .utf8)
            let parsed = try #require(ICalendarReader().parse(text))
            #expect(parsed.errors.isEmpty, "\(name): \(parsed.errors)")
            #expect(!parsed.components(named: "VEVENT").isEmpty)
        }
        // Almanac's own validator finds nothing wrong.
        for name in ["calendar.ics", "deadlines.ics", "events.ics", "meetings.ics"] {
            let path = first.appendingPathComponent(name).path
            #expect(ICalendarValidator().validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: name).isEmpty)
        }
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(left == ["calendar.ics", "deadlines.ics", "events.ics", "index.html", "items.json", "meetings.ics", "projects.md"])
    }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func corpusFeedsValidate() throws {
        let notes = TestPaths.shared!.appendingPathComponent("corpus/mirage-weekly/notes").path
        let out = try TestPaths.temporaryDirectory()
        let collection = Pipeline().run(paths: [notes])
        let written = try Publisher().publish(collection.model, to: out.path, published: nil)
        for path in written where path.hasSuffix(".ics") {
            let diagnostics = ICalendarValidator().validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
            let parsed = try #require(ICalendarReader().parse(try String(contentsOfFile: path, encoding: .utf8)))
            #expect(parsed.errors.isEmpty)
        }
    }

    @Test func atomicWriteReplacesWholeFiles() throws {
        let folder = try TestPaths.temporaryDirectory()
        let writer = OutputWriter(directory: folder.path)
        try writer.write(String(repeating: "old ", count: 10_000), to: "feed.ics")
        try writer.write("new", to: "feed.ics")
        #expect(try String(contentsOf: folder.appendingPathComponent("feed.ics"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["feed.ics"])
        // An unwritable target fails without touching anything.
        #expect(throws: (any Error).self) { try OutputWriter(directory: "/proc/almanac-cannot").write("x", to: "a.ics") }
    }

    @Test func badInputsAreReportedAndTheRestIsRead() throws {
        let folder = try TestPaths.temporaryDirectory()
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try write("good.md", Array("---\ndate: 2016-03-02\ntitle: Weekly Meeting\n---\n\nAttendees: Ana (chair), Ben\n\n- The next call is scheduled for **16th March**.\n".utf8))
        try write("front.md", Array("---\ntitle: [unclosed\ndate: 2016-03-02\n---\n\nBody\n".utf8))
        try write("latin1.md", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        try write("empty.md", [])
        try write("binary.md", [0x00, 0x01, 0x02, 0x03])
        try write("undated.md", Array("# Notes\n\nNothing dated.\n".utf8))
        let collection = Pipeline().run(paths: [folder.path, folder.appendingPathComponent("missing.md").path])
        let messages = collection.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }.sorted()
        #expect(messages.count == 6)
        #expect(messages.contains("binary.md:1:1: warning: binary file (NUL byte), not a note; skipped"))
        #expect(messages.contains("empty.md: warning: empty note; skipped"))
        #expect(messages.contains("latin1.md:1:4: warning: not valid UTF-8 (byte 0xE9); skipped"))
        #expect(messages.contains("undated.md:1:1: warning: note has no date (none in front matter, text or file name); skipped"))
        // The key at fault is named; the others are read, so the note keeps its date.
        #expect(messages.contains("front.md:2:8: warning: front matter key 'title' is not valid YAML: did not find expected ',' or ']'"))
        #expect(messages.contains { $0.hasSuffix("missing.md: error: no such file or folder") })
        #expect(collection.notes.map { ($0.info.path as NSString).lastPathComponent } == ["front.md", "good.md"])
        #expect(collection.model.items.map(\.item.title) == ["Weekly Meeting", "Next call"])
    }

    @Test func aFolderWithThousandsOfNotes() throws {
        let folder = try TestPaths.temporaryDirectory()
        for index in 0..<3000 {
            let date = CivilDate(year: 2020, month: 1, day: 1)!.adding(days: index)
            let text = "---\ndate: \(date)\ntitle: Weekly Meeting \(date)\n---\n\nAttendees: Ana (chair), Ben\n\n- The next call is scheduled for **\(date.adding(days: 7))**.\n"
            try text.write(to: folder.appendingPathComponent("\(date).md"), atomically: false, encoding: .utf8)
        }
        let collection = Pipeline().run(paths: [folder.path])
        #expect(collection.diagnostics.isEmpty)
        #expect(collection.notes.count == 3000)
        // Each meeting merges with its announcement a week earlier: 3000 meetings, plus the calls the
        // last seven notes announce for days no note covers.
        #expect(collection.model.items.count == 3007)
        #expect(collection.model.items.filter { $0.mentions.count == 2 }.count == 2993)
    }

    /// Notes are merged in date order whatever their paths' order; a projects list without a date of its
    /// own joins at the earliest note's date, one with a date at that date.
    @Test func notesAreMergedInDateOrderWhateverTheirPaths() throws {
        let inOrder = try TestPaths.temporaryDirectory()
        let shuffled = try TestPaths.temporaryDirectory()
        for index in 0..<40 {
            let date = CivilDate(year: 2030, month: 1, day: 6)!.adding(days: 7 * index)
            let text = "---\ndate: \(date)\n---\n\nAttendees: Ana (chair), Ben\n\n"
                + "- The Harbour Hack hackathon is on \(date.adding(days: 30 + index % 3)) in \(index % 2 == 0 ? "Porto" : "Lisbon").\n"
                + "- The next call is scheduled for **\(date.adding(days: 7))**.\n"
            try text.write(to: inOrder.appendingPathComponent("\(date).md"), atomically: false, encoding: .utf8)
            // Names whose order is not the notes' dates.
            try text.write(to: shuffled.appendingPathComponent("note-\((index * 7) % 40).md"), atomically: false, encoding: .utf8)
        }
        let projects = "# Projects\n\n## Harbour map\n\n- Mentor: Ben\n\n## Tide clock\n\n- Mentor: Ana\n"
        try ("---\nalmanac: projects\n---\n" + projects).write(to: inOrder.appendingPathComponent("projects.md"), atomically: false, encoding: .utf8)
        for folder in [inOrder, shuffled] {
            let collection = Pipeline().run(paths: [folder.path])
            #expect(collection.notes.count == 40)
            #expect(collection.lists.count == (folder == inOrder ? 1 : 0))
            let events = collection.model.items.filter { $0.item.kind == .event }
            #expect(events.count == 1)
            // The latest note (not the last path) wins.
            #expect(events.first?.item.location == "Lisbon")
            #expect(events.first?.lastMentioned.date == CivilDate(year: 2030, month: 1, day: 6)!.adding(days: 7 * 39))
        }
        // A projects list with a date of its own, named in order, joins the replay at that date.
        try FileManager.default.removeItem(at: inOrder.appendingPathComponent("projects.md"))
        try ("---\nalmanac: projects\ndate: 2030-03-01\n---\n" + projects).write(
            to: inOrder.appendingPathComponent("2030-03-01-projects.md"), atomically: false, encoding: .utf8)
        let dated = Pipeline().run(paths: [inOrder.path])
        #expect(dated.lists.map(\.date) == [CivilDate(year: 2030, month: 3, day: 1)])
        let listed = dated.model.items.filter { $0.item.kind == .project }
        #expect(listed.count == 2)
        #expect(listed.map(\.firstMentioned.date) == [CivilDate(year: 2030, month: 3, day: 1), CivilDate(year: 2030, month: 3, day: 1)])
    }

    @Test func hugeSingleLineNote() throws {
        let folder = try TestPaths.temporaryDirectory()
        let line = String(repeating: "word 1.2.3 12:30 on 22 Jan and x ", count: 60_000)
        try ("---\ndate: 2016-01-01\n---\n" + line).write(to: folder.appendingPathComponent("huge.md"), atomically: false, encoding: .utf8)
        let collection = Pipeline().run(paths: [folder.path])
        #expect(collection.notes.count == 1)
    }
}

struct ConfigurationTests {
    @Test func readsEveryKey() throws {
        let text = """
            name: Tidepool
            sources: [notes, "calendars/*.ics"]
            output: ../public
            base_url: https://tidepool.example.org
            time_zone: Europe/Lisbon
            date_order: day-first
            refresh: 6h
            reminders:
              deadlines.ics: [7d, 1d]
            feeds:
              - name: Talks
                file: talks.ics
                kinds: [event]
                subkinds: [talk]
                alarms: 30m
            board:
              title: Pioneer Projects
              sections: [available, in-progress]
              stale_months: 3
            """
        let (config, problems) = Configuration.parse(text, path: "data/almanac.yml")
        #expect(problems.isEmpty)
        let c = try #require(config)
        #expect(c.name == "Tidepool")
        #expect(c.sources == ["notes", "calendars/*.ics"])
        #expect(c.resolvedOutput() == "public")
        #expect(c.timeZone == "Europe/Lisbon")
        #expect(c.dayFirst)
        #expect(c.refreshMinutes == 360)
        #expect(c.reminders == ["deadlines.ics": [10080, 1440]])
        #expect(c.feeds.map(\.file) == ["talks.ics"])
        #expect(c.feeds[0].alarms == [30])
        #expect(c.feeds[0].accepts(Item(kind: .event, subkind: .talk, title: "x")))
        #expect(!c.feeds[0].accepts(Item(kind: .event, subkind: .conference, title: "x")))
        #expect(c.board.sections == [.available, .inProgress])
        #expect(c.board.staleMonths == 3)
    }

    @Test func unknownKeysAndBadValuesNameTheLine() {
        let text = """
            name: Tidepool
            feedz: []
            time_zone: Mars/Olympus
            refresh: soon
            board:
              colour: blue
            """
        let (config, problems) = Configuration.parse(text, path: "almanac.yml")
        #expect(config == nil)
        #expect(problems.map(\.description) == [
            "almanac.yml:2:1: error: unknown key 'feedz'",
            "almanac.yml:3:12: error: 'time_zone' must be an IANA zone name such as Europe/London",
            "almanac.yml:4:10: error: 'refresh' must be a duration like 12h, 30m, 7d or 2w, not 'soon'",
            "almanac.yml:6:3: error: unknown key 'board.colour'",
        ])
    }

    @Test func datesFromGitIsAKey() {
        #expect(Configuration.parse("dates: git\n", path: "almanac.yml").0?.datesFromGit == true)
        #expect(Configuration.parse("name: x\n", path: "almanac.yml").0?.datesFromGit == false)
        #expect(Configuration.parse("dates: svn\n", path: "almanac.yml").1.map(\.description) == [
            "almanac.yml:1:8: error: 'dates' must be git or notes"
        ])
        var configuration = Configuration()
        configuration.datesFromGit = true
        #expect(Pipeline(configuration: configuration).datesFromGit)
    }

    @Test func invalidYAMLNamesTheLine() {
        let (config, problems) = Configuration.parse("name: [unclosed\nsources: x\n", path: "almanac.yml")
        #expect(config == nil)
        #expect(problems.map(\.description) == ["almanac.yml:2:8: error: configuration is not valid YAML: did not find expected ',' or ']'"])
    }

    @Test func templateIsValid() {
        let (config, problems) = Configuration.parse(Configuration.template, path: "almanac.yml")
        #expect(problems.isEmpty)
        #expect(config?.name == "My Community")
    }

    @Test func globsExpandSorted() throws {
        let folder = try TestPaths.temporaryDirectory()
        for name in ["b.ics", "a.ics", "c.txt"] { try Data().write(to: folder.appendingPathComponent(name)) }
        var config = Configuration()
        config.path = folder.appendingPathComponent("almanac.yml").path
        config.sources = ["*.ics", "missing/*.md"]
        let (paths, problems) = config.resolvedSources()
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["a.ics", "b.ics"])
        #expect(problems.count == 1)
    }
}

struct AggregationTests {
    @Test func calendarEventsJoinTheModelAndKeepTheirUIDs() throws {
        let folder = try TestPaths.temporaryDirectory()
        let note = "---\ndate: 2026-09-02\ntitle: Weekly Meeting\n---\n\n**Weather Conference** — the conference is in Ghent on 4 Nov.\n"
        try note.write(to: folder.appendingPathComponent("2026-09-02.md"), atomically: true, encoding: .utf8)
        let ics = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Partner//EN",
            "BEGIN:VEVENT", "UID:partner-1@example.org", "DTSTAMP:20260801T000000Z", "DTSTART;VALUE=DATE:20261104",
            "DTEND;VALUE=DATE:20261107", "SUMMARY:Weather Conference", "END:VEVENT",
            "BEGIN:VEVENT", "UID:partner-2@example.org", "DTSTAMP:20260801T000000Z", "DTSTART:20261021T150000Z",
            "SUMMARY:Calibration webinar", "END:VEVENT",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        try ics.write(to: folder.appendingPathComponent("partner.ics"), atomically: true, encoding: .utf8)
        let model = Pipeline().run(paths: [folder.path]).model
        let events = model.items.filter { $0.item.kind == .event }
        #expect(events.map(\.uid).sorted() == ["partner-1@example.org", "partner-2@example.org"])
        let conference = try #require(events.first { $0.uid == "partner-1@example.org" })
        #expect(conference.mentions.count == 2)
        #expect(conference.item.location == "Ghent")
        // The calendar said 4–6 Nov on 1 Aug; the note of 2 Sep says 4 Nov: the latest information wins.
        #expect(conference.item.when == .day(CivilDate("2026-11-04")!))
        #expect(conference.history.first?.changes.first?.field == "date")
    }
}

struct NoteLinkTests {
    @Test func linksAreThePermalinkElseThePathBelowTheConfigurationsFolder() {
        var configuration = Configuration()
        configuration.path = "site/almanac.yml"
        configuration.baseURL = "https://example.org/"
        let publisher = Publisher(configuration: configuration)
        let day = CivilDate(year: 2031, month: 3, day: 5)!
        #expect(publisher.noteURL(NoteRef(path: "site/notes/2031-03-05.md", date: day)) == "https://example.org/notes/2031-03-05.md")
        #expect(publisher.noteURL(NoteRef(path: "site/notes/a.md", date: day, permalink: "/minutes/a")) == "https://example.org/minutes/a")
        #expect(publisher.noteURL(NoteRef(path: "elsewhere/b.md", date: day)) == "https://example.org/elsewhere/b.md")
        #expect(publisher.noteURL(NoteRef(path: "site/calendars/x.ics", date: day)) == nil)
        configuration.baseURL = nil
        #expect(Publisher(configuration: configuration).noteURL(NoteRef(path: "site/notes/a.md", date: day)) == nil)
    }
}
