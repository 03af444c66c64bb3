import AlmanacCore
import AlmanacICal
import AlmanacTestSupport
import Foundation
import Testing

// Issue 22 with the built `almanac` as a user runs it: the hang on its own feeds, the output folder read as
// a source, times without a zone, local paths in DESCRIPTION, empty feeds, and counts that disagreed.

/// A folder with one note of the kind: a call at a time with no zone, an event at a time in an
/// IANA zone, and no deadline (so deadlines.ics is empty).
func zonelessNotes() throws -> URL {
    let folder = try TestPaths.temporaryDirectory("almanac-zoneless")
    let notes = folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try """
        ---
        title: Weekly call
        date: 2020-01-15
        ---
        # Weekly call

        - The next call is on 31 January at 16:00.
        - The Lisbon meetup is on 5 February 2020 at 10:00 Europe/Lisbon.
        """.write(to: notes.appendingPathComponent("2020-01-15.md"), atomically: true, encoding: .utf8)
    return folder
}

/// The UIDs of a feed's events, as libical reads them.
func uids(_ feed: URL) throws -> [String] {
    let parsed = try #require(ICalendarReader().parse(try String(contentsOf: feed, encoding: .utf8)))
    return parsed.components(named: "VEVENT").compactMap { $0["UID"]?.value }
}

struct FeedsReadAlikeTests {
    /// 6. data/ with Almanac's own four feeds among its sources: the merge ends (it spun forever when an
    /// imported event had the UID of an extracted item), and every event is the item it came from.
    @Test func ownFeedsAsSourcesMergeIntoTheirItems() throws {
        let first = try TestPaths.temporaryDirectory("almanac-own-1")
        let config = TestPaths.data.appendingPathComponent("almanac.yml").path
        let run1 = try almanacCommand(["collect", "--config", config, "--out", first.path, "--no-cache", "--quiet"])
        #expect(run1.status == 0, "\(run1.err)")
        let feeds = try TestPaths.temporaryDirectory("almanac-own-feeds")
        for name in ["calendar.ics", "deadlines.ics", "events.ics", "meetings.ics"] {
            try FileManager.default.copyItem(at: first.appendingPathComponent(name), to: feeds.appendingPathComponent(name))
        }
        let second = try TestPaths.temporaryDirectory("almanac-own-2")
        let sources = ["notes", "calendars", "projects.md"].map { TestPaths.data.appendingPathComponent($0).path }
        let run2 = try runProcess(TestPaths.almanacBinary.path,
            ["collect", "--config", config] + sources + [feeds.path, "--out", second.path, "--no-cache", "--quiet"], timeout: 60)
        #expect(!run2.timedOut, "collect did not finish with its own feeds among the sources")
        #expect(run2.status == 0, "\(run2.err)")
        #expect(try uids(second.appendingPathComponent("calendar.ics")).sorted() == uids(first.appendingPathComponent("calendar.ics")).sorted())
        // Read back, an event keeps its title (what the feed adds to it, "(tentative)", is not added twice).
        func summaries(_ folder: URL) throws -> [String] {
            let parsed = try #require(ICalendarReader().parse(try String(contentsOf: folder.appendingPathComponent("calendar.ics"), encoding: .utf8)))
            return parsed.components(named: "VEVENT").compactMap { $0["SUMMARY"]?.value }.sorted()
        }
        #expect(try summaries(second) == summaries(first))
    }

    /// 6. `collect . --out .`, twice: the second run does not read the first one's feeds (the output folder
    /// is never a source), so it says and writes what the first did.
    @Test func theOutputFolderIsNeverASource() throws {
        let folder = try zonelessNotes().appendingPathComponent("notes")
        let run1 = try runProcess(TestPaths.almanacBinary.path, ["collect", ".", "--out", ".", "--no-cache"], in: folder, timeout: 60)
        let calendar1 = try Data(contentsOf: folder.appendingPathComponent("calendar.ics"))
        let run2 = try runProcess(TestPaths.almanacBinary.path, ["collect", ".", "--out", ".", "--no-cache"], in: folder, timeout: 60)
        #expect(!run2.timedOut)
        #expect(run2.status == 0, "\(run2.err)")
        #expect(run2.out.hasPrefix("Read 1 note: "), "\(run2.out)")
        #expect(run2.out == run1.out.replacingOccurrences(of: "wrote 7 files", with: "wrote 0 files") || run2.out == run1.out)
        #expect(try Data(contentsOf: folder.appendingPathComponent("calendar.ics")) == calendar1)
    }

    /// 2, 3 and 5: a time without a zone is never floating, `collect` and `lint` count such times and say how
    /// to set the zone, an IANA zone in the note is read, an empty feed is a valid calendar, and DESCRIPTION
    /// names the note relative to the notes folder (no base_url), not where it lies on this machine.
    @Test func zonelessTimesEmptyFeedsAndLocalPaths() throws {
        let folder = try zonelessNotes()
        let notes = folder.appendingPathComponent("notes").path
        let out = folder.appendingPathComponent("out")
        let collect = try almanacCommand(["collect", notes, "--out", out.path, "--no-cache", "--quiet"])
        #expect(collect.status == 0, "\(collect.err)")
        #expect(collect.err == "almanac: warning: 1 time has no time zone, so the feeds give its day as an all-day event with the "
            + "time in the title; set `time_zone:` in almanac.yml (an IANA name such as Europe/London) or pass --time-zone\n")
        let calendar = try String(contentsOf: out.appendingPathComponent("calendar.ics"), encoding: .utf8)
        let events = try #require(ICalendarReader().parse(calendar)).components(named: "VEVENT")
        let times = events.flatMap { [$0["DTSTART"]?.time, $0["DTEND"]?.time] }
        #expect(!times.contains { if case .floating? = $0 { true } else { false } }, "\(times)")
        #expect(calendar.contains("DTSTART;TZID=Europe/Lisbon:20200205T100000\r\n"))
        #expect(calendar.contains("DTSTART;VALUE=DATE:20200131\r\nDTEND;VALUE=DATE:20200201\r\nSUMMARY:Next call (16:00\\, time zone not stated)\r\n"))
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "")
        #expect(!unfolded.contains(folder.path))
        #expect(unfolded.contains("\\nSource: 2020-01-15.md:7"))
        // deadlines.ics holds no event: still a calendar, valid to the letter.
        let deadlines = try String(contentsOf: out.appendingPathComponent("deadlines.ics"), encoding: .utf8)
        #expect(!deadlines.contains("BEGIN:VEVENT") && deadlines.contains("BEGIN:VTIMEZONE\r\nTZID:UTC\r\n"))
        let validate = try almanacCommand(["validate", "--strict", out.appendingPathComponent("deadlines.ics").path])
        #expect(validate.status == 0, "\(validate.out)")

        let lint = try almanacCommand(["lint", notes, "--no-cache", "--quiet"])
        #expect(lint.out.contains("2020-01-15.md:7:"))
        #expect(lint.out.contains("warning: Next call: the time 16:00 has no time zone"))
        #expect(lint.out.contains("almanac: warning: 1 time has no time zone"))

        // With a zone configured, the time is in it, and nothing is said.
        let zoned = folder.appendingPathComponent("zoned")
        let again = try almanacCommand(["collect", notes, "--out", zoned.path, "--no-cache", "--quiet", "--time-zone", "Europe/Lisbon"])
        #expect(again.err == "")
        let text = try String(contentsOf: zoned.appendingPathComponent("calendar.ics"), encoding: .utf8)
        #expect(text.contains("DTSTART;TZID=Europe/Lisbon:20200131T160000\r\n"))
    }

    /// 7. One set of counts: `collect`'s line, the page's footer and the feeds agree, and say what the
    /// feeds leave out.
    @Test func theCountsAgreeEverywhere() throws {
        let out = try TestPaths.temporaryDirectory("almanac-counts")
        let config = TestPaths.data.appendingPathComponent("almanac.yml").path
        let run = try almanacCommand(["collect", "--config", config, "--out", out.path, "--no-cache"])
        #expect(run.status == 0, "\(run.err)")
        let expected = "5 notes and 2 events of 1 calendar: 13 in the feeds (5 events, 2 deadlines, 6 meetings); "
            + "left out: 8 projects (on the board), undated items: 1"
        #expect(run.out.hasPrefix("Read \(expected); wrote 8 files to "), "\(run.out)")
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<footer>Generated by Almanac from 5 notes and 2 events of 1 calendar (newest: "
            + "<time datetime=\"2026-10-14\">2026-10-14</time>): 13 in the feeds (5 events, 2 deadlines, 6 meetings); "
            + "left out: 8 projects (on the board), undated items: 1.</footer>"))
        #expect(try uids(out.appendingPathComponent("calendar.ics")).count == 13)
        #expect(try uids(out.appendingPathComponent("events.ics")).count == 5)
        #expect(try uids(out.appendingPathComponent("deadlines.ics")).count == 2)
        #expect(try uids(out.appendingPathComponent("meetings.ics")).count == 6)
    }
}
