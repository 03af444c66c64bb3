@testable import Almanac
import AlmanacCore
import AlmanacICal
import AlmanacModel
import AlmanacTestSupport
import AlmanacValidate
import Foundation
import Testing

/// Issue 18: sixteen defects found by bad input and faults, each reproduced with invented input.
struct HardeningTests {
    /// A folder with the given notes (path → text) under `notes/`.
    func notes(_ files: [String: String]) throws -> URL {
        let folder = try TestPaths.temporaryDirectory("hardening")
        for (path, text) in files {
            let url = folder.appendingPathComponent("notes").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    func publish(_ folder: URL, configuration: Configuration = Configuration()) throws -> (Collection, URL) {
        let collection = Pipeline().run(paths: [folder.appendingPathComponent("notes").path])
        let out = folder.appendingPathComponent("public")
        _ = try Publisher(configuration: configuration).publish(collection.model, to: out.path, published: nil)
        return (collection, out)
    }

    func text(_ url: URL, _ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    // MARK: - Item 3: lines naming an event and its CfP

    /// 8,000 lines (and one line of 2,000 sentences) naming a workshop and its CfP: extracted in time linear in
    /// the lines. Before, 8,000 lines took 25 s and 4,000 took 5 s (release build): every workshop was compared
    /// with every other, as they share the word "workshop".
    @Test(.timeLimit(.minutes(2))) func manyEventAndCfPLinesAreExtractedInLinearTime() throws {
        func note(_ count: Int, separator: String) -> String {
            "---\ntitle: Many\ndate: 2026-09-02\n---\n\n" + (0..<count).map {
                "- Item \($0) workshop on 12 March 2027 in Porto needs mentors; the CfP closes 1 Feb 2027."
            }.joined(separator: separator) + "\n"
        }
        let clock = ContinuousClock()
        func seconds(_ text: String) -> (Double, [Item]) {
            let start = clock.now
            let items = Pipeline().sources(Snapshot(files: [.init(path: "notes/2026-09-02.md", bytes: Array(text.utf8), problems: [], hash: 1)],
                diagnostics: [], digest: 1)).notes.flatMap(\.items)
            let (s, atto) = start.duration(to: clock.now).components
            return (Double(s) + Double(atto) / 1e18, items)
        }
        let (small, smallItems) = seconds(note(1000, separator: "\n"))
        let (large, largeItems) = seconds(note(8000, separator: "\n"))
        #expect(smallItems.count(where: { $0.kind == .event }) == 1000)
        #expect(largeItems.count(where: { $0.kind == .event }) == 8000)
        // One CfP deadline: the same words on the same day.
        #expect(largeItems.count(where: { $0.kind == .deadline }) == 1)
        // Eight times the lines: well under the 64 times a quadratic step takes.
        #expect(large < small * 20 + 1, "1,000 lines: \(small) s; 8,000 lines: \(large) s")
        // The same line 3,000 times is one workshop, as it always was.
        let same = "---\ntitle: Same\ndate: 2026-09-02\n---\n\n" + String(repeating: "- Rust workshop on 12 March 2027 in Porto.\n", count: 3000)
        #expect(seconds(same).1.count(where: { $0.kind == .event }) == 1)
    }

    // MARK: - Item 5: link schemes

    @Test func onlyHttpHttpsAndMailtoLinksArePublished() throws {
        let folder = try notes([
            "2026-09-02.md": """
                ---
                title: Links
                date: 2026-09-02
                ---
                - [Tidepool hackathon](javascript:alert(1)) on 24 October 2026 in Lisbon.
                - [Station build day](data:text/html,<script>alert(1)</script>) on 7 November 2026.
                - [Sensor workshop](https://example.org/w?a=1) on 14 November 2026.
                """,
            "feed.ics": """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//x//y//EN\r
                BEGIN:VEVENT\r
                UID:evil@x\r
                DTSTAMP:20260901T000000Z\r
                DTSTART;VALUE=DATE:20261201\r
                SUMMARY:Winter meetup\r
                URL:javascript:alert(2)\r
                END:VEVENT\r
                END:VCALENDAR\r

                """,
        ])
        let (collection, out) = try publish(folder)
        for name in ["calendar.ics", "events.ics", "items.json", "index.html", "projects.md"] {
            let published = try text(out, name)
            #expect(!published.lowercased().contains("javascript:") && !published.contains("data:text"), "\(name)")
        }
        #expect(try text(out, "calendar.ics").contains("URL:https://example.org/w?a=1\r\n"))
        #expect(collection.diagnostics.map(\.message).filter { $0.contains("is not http, https or mailto") }.count == 3)
        let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260901T000000Z\r\n"
            + "DTSTART;VALUE=DATE:20261201\r\nSUMMARY:x\r\nURL:javascript:alert(1)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(ICalendarValidator().validate(feed, path: "x.ics").map(\.description) == [
            "x.ics:9: warning: URL has the scheme 'javascript': calendar clients open it on a click; publish http, https or mailto links only"
        ])
    }

    // MARK: - Items 6 and 7: dates iCalendar cannot hold, and impossible dates

    @Test func datesOutsideTheYearsICalendarHoldsAreLeftUndated() throws {
        var diagnosticsSink: [Diagnostic] = []
        let folder = try notes([
            "9999-12-31.md": "---\ntitle: Last\ndate: 9999-12-31\n---\n\n- The Tidepool hackathon is next week.\n- The release party is on 31 December 9999.\n",
            "0001-01-01.md": "---\ntitle: First\ndate: 0001-01-01\n---\n\n- The Tidepool meetup was last week.\n",
            "2026-09-02.md": "---\ntitle: Impossible\ndate: 2026-09-02\n---\n\n- The build day is on 0001-01-01.\n- The workshop is on Dec 32.\n- The summit is on 31 Feb.\n",
        ])
        let (collection, out) = try publish(folder)
        for name in ["calendar.ics", "events.ics", "deadlines.ics", "meetings.ics"] {
            let feed = try text(out, name)
            #expect(!feed.contains("00000000") && !feed.contains(":10000"), "\(name)")
            #expect(ICalendarValidator().validate(feed, path: name).filter { $0.severity == .error }.isEmpty, "\(name)")
        }
        let warnings = collection.diagnostics.map(\.description)
        for expected in [
            "9999-12-31.md:6:29: warning: 'next week' is no date: it falls outside the years 1–9999; left undated",
            "9999-12-31.md:7:27: warning: '31 December 9999' is no date: year 9999 is outside the years dates are read in (1900–2199); left undated",
            "0001-01-01.md:6:27: warning: 'last week' is no date: it falls outside the years 1–9999; left undated",
            "2026-09-02.md:6:23: warning: '0001-01-01' is no date: year 1 is outside the years dates are read in (1900–2199); left undated",
            "2026-09-02.md:7:22: warning: 'Dec 32' is no date: December has no day 32; left undated",
            "2026-09-02.md:8:20: warning: '31 Feb.' is no date: February has no day 31; left undated",
        ] {
            #expect(warnings.contains { $0.hasSuffix(expected) }, "\(expected) not in \(warnings)")
        }
        // An item dated by the note itself on the calendar's last day: DTEND (the day after) cannot be written.
        let edge = Pipeline.publishable([Item(kind: .meeting, title: "Call", when: .day(CivilDate("9999-12-31")!),
            sources: [Evidence(path: "n.md", line: 3, column: 1, quote: "")])], diagnostics: &diagnosticsSink)
        #expect(edge[0].when == .undated)
        #expect(diagnosticsSink.map(\.description) == [
            "n.md:3:1: warning: the date of 'Call' (9999-12-31) is outside the years iCalendar can hold (0001-01-02 to 9999-12-30); left undated"
        ])
        // Nothing of the impossible dates dates an item: not 01:00 on the note's day, not "December (to be confirmed)".
        let items = collection.model.items.map(\.item).filter { $0.sources.first?.path.hasSuffix("2026-09-02.md") == true }
        #expect(items.filter { $0.kind == .event }.allSatisfy { !$0.when.isDated }, "\(items.map { ($0.title, $0.when) })")
    }

    // MARK: - Item 8: all outputs or none

    @Test func aFailedPublishChangesNoOutput() throws {
        let folder = try notes(["2026-09-02.md": "---\ntitle: A\ndate: 2026-09-02\n---\n\n- The Tidepool hackathon is on 24 October 2026.\n"])
        let (_, out) = try publish(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        // A later note changes every feed; a folder stands where one output goes.
        try Data("---\ntitle: B\ndate: 2026-09-16\n---\n\n- The next call is on 30 September 2026 at 16:00 UTC.\n".utf8)
            .write(to: folder.appendingPathComponent("notes/2026-09-16.md"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("projects.md"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("projects.md"), withIntermediateDirectories: false)
        // A killed run's temporary file, and someone else's file that looks alike.
        try Data("half".utf8).write(to: out.appendingPathComponent(".calendar.ics.2147483600.tmp"))
        try Data("mine".utf8).write(to: out.appendingPathComponent(".notes.2147483600.tmp"))
        #expect {
            try publish(folder)
        } throws: { error in
            "\(error)" == "\(out.path)/projects.md: a folder is in the way"
        }
        for (name, bytes) in zip(names, before) where name != "projects.md" {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == bytes, "\(name) changed")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(left == names.filter { $0 != "projects.md" } + [".notes.2147483600.tmp", "projects.md"].sorted() || left.sorted() == (names + [".notes.2147483600.tmp"]).sorted())
        #expect(!left.contains(".calendar.ics.2147483600.tmp"))
        #expect(!left.contains { $0.hasSuffix(".\(ProcessInfo.processInfo.processIdentifier).tmp") })
    }

    // MARK: - Item 11: recurring events of a calendar

    @Test func aRepeatingEventOfACalendarIsReported() throws {
        let calendar = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//x//y//EN\r
            BEGIN:VEVENT\r
            UID:weekly@x\r
            DTSTAMP:20260901T000000Z\r
            DTSTART:20260902T160000Z\r
            DTEND:20260902T170000Z\r
            RRULE:FREQ=WEEKLY;COUNT=10\r
            SUMMARY:Weekly sync\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let (events, diagnostics) = ICalendarImporter().read(text: calendar, path: "calendars/sync.ics")
        #expect(events.count == 1)
        #expect(diagnostics.map(\.description) == [
            "calendars/sync.ics:5: warning: event 'Weekly sync' repeats (RRULE:FREQ=WEEKLY;COUNT=10); only its first occurrence, 2026-09-02, is kept"
        ])
    }

    // MARK: - Item 13: folding inside a UTF-8 character

    @Test func aLineFoldedInsideACharacterIsUnfoldedBeforeDecoding() throws {
        // "Café" with its é (C3 A9) split by a fold.
        var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20260901T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:Caf".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array(" meetup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let (events, diagnostics) = ICalendarImporter().read(bytes: bytes, path: "c.ics")
        #expect(diagnostics.isEmpty)
        #expect(events.map(\.1.title) == ["Café meetup"])
    }

    // MARK: - Item 15: file names in links

    @Test func fileNamesArePercentEncodedInLinks() throws {
        let folder = try notes(["a #1? 100%.md": "---\ntitle: A\ndate: 2026-09-02\n---\n\n- The Tidepool hackathon is on 24 October 2026.\n"])
        var configuration = Configuration()
        configuration.baseURL = "https://tidepool.example.org"
        configuration.path = folder.appendingPathComponent("almanac.yml").path
        let (_, out) = try publish(folder, configuration: configuration)
        let calendar = try text(out, "calendar.ics").replacingOccurrences(of: "\r\n ", with: "")
        #expect(calendar.contains("(https://tidepool.example.org/notes/a%20%231%3F%20100%25.md)"), "\(calendar)")
        let permalink = NoteRef(path: "x.md", date: CivilDate("2026-09-02")!, permalink: "/blog/caf%C3%A9 #1")
        #expect(Publisher(configuration: configuration).noteURL(permalink) == "https://tidepool.example.org/blog/caf%C3%A9%20%231")
    }

    // MARK: - Item 16: an empty feed is valid, strictly

    @Test func anEmptyFeedPassesStrictValidation() throws {
        let folder = try notes(["2026-09-02.md": "---\ntitle: A\ndate: 2026-09-02\n---\n\n- The Tidepool hackathon is on 24 October 2026.\n"])
        let (_, out) = try publish(folder)
        let meetings = try text(out, "deadlines.ics")
        #expect(!meetings.contains("BEGIN:VEVENT"))
        #expect(ICalendarValidator().validate(meetings, path: "deadlines.ics").isEmpty)
    }
}
