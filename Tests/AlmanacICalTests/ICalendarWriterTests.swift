import AlmanacCore
@testable import AlmanacICal
import AlmanacModel
import AlmanacTestSupport
import Foundation
import Testing

func date(_ text: String) -> CivilDate { CivilDate(text)! }

let feed = FeedInfo(name: "Test feed", description: "All items")

struct ICalendarWriterTests {
    let writer = ICalendarWriter()

    @Test func wholeFeedForAnAllDayEvent() {
        let event = CalendarEvent(
            uid: "event-cif16@almanac", summary: "Cloud Innovator Forum 2016", description: "“CIF16”\nSource: n.md:16",
            location: "Pasadena CA", categories: ["event", "conference"], start: .date(date("2016-01-22")),
            end: .date(date("2016-01-23")), sequence: 2, stamp: date("2015-12-16"))
        let text = writer.render([event], feed: feed)
        #expect(text == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Almanac//Almanac meeting-notes calendar//EN",
            "CALSCALE:GREGORIAN",
            "NAME:Test feed",
            "X-WR-CALNAME:Test feed",
            "DESCRIPTION:All items",
            "X-WR-CALDESC:All items",
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
            "BEGIN:VEVENT",
            "UID:event-cif16@almanac",
            "DTSTAMP:20151216T000000Z",
            "DTSTART;VALUE=DATE:20160122",
            "DTEND;VALUE=DATE:20160123",
            "SUMMARY:Cloud Innovator Forum 2016",
            "DESCRIPTION:“CIF16”\\nSource: n.md:16",
            "LOCATION:Pasadena CA",
            "STATUS:CONFIRMED",
            "SEQUENCE:2",
            "LAST-MODIFIED:20151216T000000Z",
            "CATEGORIES:event,conference",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ].joined(separator: "\r\n"))
    }

    @Test func noteTextIsEscapedAndSummaryIsOneLine() throws {
        let hostile = "Party, with; back\\slash\nSTATUS:CANCELLED\r\nBEGIN:VEVENT"
        let event = CalendarEvent(
            uid: "x@almanac", summary: hostile, description: hostile, location: hostile, start: .date(date("2016-01-22")),
            end: .date(date("2016-01-23")), stamp: date("2015-12-16"))
        let text = writer.render([event], feed: feed)
        #expect(text.contains("SUMMARY:Party\\, with\\; back\\\\slash STATUS:CANCELLED BEGIN:VEVENT\r\n"))
        #expect(text.contains("DESCRIPTION:Party\\, with\\; back\\\\slash\\nSTATUS:CANCELLED\\nBEGIN:VEVENT\r\n"))
        // Exactly one VEVENT and one STATUS: the note could not inject a component or a property.
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(lines.filter { $0.hasPrefix("STATUS:") }.count == 1)
        let parsed = try #require(ICalendarReader().parse(text))
        let vevent = try #require(parsed.components(named: "VEVENT").first)
        #expect(vevent["SUMMARY"]?.value == "Party, with; back\\slash STATUS:CANCELLED BEGIN:VEVENT")
        #expect(vevent["DESCRIPTION"]?.value == hostile.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(parsed.errors.isEmpty)
    }

    @Test func linesAreFoldedAt75OctetsWithCRLF() {
        let long = String(repeating: "Ünïcødé wörds and a https://example.org/a/very/long/path/without/any/spaces/at/all/", count: 6)
        let event = CalendarEvent(
            uid: "long@almanac", summary: long, description: long, start: .date(date("2016-01-22")),
            end: .date(date("2016-01-23")), stamp: date("2015-12-16"))
        let text = writer.render([event], feed: feed)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
        // Unfolding gives the text back.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + long.replacingOccurrences(of: ",", with: "\\,") + "\r\n"))
    }

    @Test func roundTripThroughLibical() throws {
        let events = [
            CalendarEvent(uid: "a@almanac", summary: "Day", start: .date(date("2016-01-22")), end: .date(date("2016-01-25")), stamp: date("2015-12-16")),
            CalendarEvent(uid: "b@almanac", summary: "Timed", status: .tentative, start: .utc(date("2015-12-20"), TimeOfDay(hour: 11, minute: 59)!),
                end: .utc(date("2015-12-20"), TimeOfDay(hour: 12, minute: 14)!), sequence: 3, stamp: date("2015-12-16")),
            CalendarEvent(uid: "c@almanac", summary: "Local", status: .cancelled, start: .floating(date("2016-03-01"), TimeOfDay(hour: 16)!),
                end: .floating(date("2016-03-01"), TimeOfDay(hour: 17)!), stamp: date("2016-02-01")),
        ]
        let parsed = try #require(ICalendarReader().parse(writer.render(events, feed: feed)))
        #expect(parsed.errors.isEmpty)
        let vevents = parsed.components(named: "VEVENT")
        #expect(vevents.map { $0["UID"]?.value } == ["a@almanac", "b@almanac", "c@almanac"])
        #expect(vevents.map { $0["DTSTART"]?.time } == events.map(\.start))
        #expect(vevents.map { $0["DTEND"]?.time } == events.map(\.end))
        #expect(vevents.map { $0["STATUS"]?.value } == ["CONFIRMED", "TENTATIVE", "CANCELLED"])
        #expect(vevents.map { $0["SEQUENCE"]?.value } == ["0", "3", "0"])
        #expect(parsed["X-WR-CALNAME"]?.value == "Test feed")
    }

    @Test func zonedTimesCarryAPlainTZIDAndTheirVTIMEZONE() throws {
        let event = CalendarEvent(
            uid: "pt@almanac", summary: "Call", start: .zoned(date("2016-03-10"), TimeOfDay(hour: 10)!, tzid: "America/Los_Angeles"),
            end: .zoned(date("2016-03-10"), TimeOfDay(hour: 11)!, tzid: "America/Los_Angeles"), stamp: date("2016-03-01"))
        let text = writer.render([event], feed: feed)
        #expect(text.contains("DTSTART;TZID=America/Los_Angeles:20160310T100000\r\n"))
        #expect(!text.contains("freeassociation"))
        let parsed = try #require(ICalendarReader().parse(text))
        #expect(parsed.errors.isEmpty)
        let zone = try #require(parsed.components(named: "VTIMEZONE").first)
        #expect(zone["TZID"]?.value == "America/Los_Angeles")
        // The yearly rules, from the year before 2016 (every time in 2016 follows an occurrence of each).
        #expect(zone.components.map(\.name) == ["DAYLIGHT", "STANDARD"])
        #expect(zone.components.map { $0["DTSTART"]?.value } == ["20150308T020000", "20151101T020000"])
        #expect(zone.components.map { $0["RRULE"]?.value } == ["FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"])
        #expect(zone.components.map { $0["TZOFFSETTO"]?.value } == ["-0700", "-0800"])
    }

    /// Debian's python3-icalendar, which scripts/install-deps.sh installs.
    static let hasPythonIcalendar = (try? runProcess("/usr/bin/python3", ["-c", "import icalendar"]).status) == 0

    @Test(.enabled(if: hasPythonIcalendar, "python3-icalendar is not installed (scripts/install-deps.sh installs it)"))
    func pythonIcalendarReadsTheFeed() throws {
        let event = CalendarEvent(uid: "p@almanac", summary: "A, b; c", description: "x\ny", start: .date(date("2016-01-22")),
            end: .date(date("2016-01-23")), stamp: date("2015-12-16"))
        let folder = try TestPaths.temporaryDirectory()
        let file = folder.appendingPathComponent("feed.ics")
        try writer.render([event], feed: feed).write(to: file, atomically: true, encoding: .utf8)
        let result = try runProcess("/usr/bin/python3", ["-c", """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for e in cal.walk('VEVENT'):
                print(e['UID'], e['SUMMARY'], e.decoded('DTSTART'), e.decoded('DTEND'))
            """, file.path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "p@almanac A, b; c 2016-01-22 2016-01-23\n")
    }
}

struct FeedBuilderTests {
    func entry(_ item: Item, revision: Int = 0, changed: String = "2015-12-16") -> ModelItem {
        var entry = ModelItem(uid: "u@almanac", item: item, note: NoteRef(path: "n.md", date: date(changed)))
        entry.revision = revision
        return entry
    }

    @Test func aoeDeadlineLandsOnTheRightInstant() throws {
        let when = When(start: date("2015-12-19"), startTime: TimeOfDay(hour: 23, minute: 59), precision: .datetime,
            zone: Zone(name: "AoE", utcOffsetMinutes: -720))
        let item = Item(kind: .deadline, subkind: .cfp, title: "CfP closes", when: when, forEvent: "CIF16",
            sources: [Evidence(path: "n.md", line: 3, quote: "CfP closes 19 Dec 23:59 AoE")])
        let event = try #require(FeedBuilder().event(entry(item)))
        #expect(event.start == .utc(date("2015-12-20"), TimeOfDay(hour: 11, minute: 59)!))
        #expect(event.end == .utc(date("2015-12-20"), TimeOfDay(hour: 12, minute: 14)!))
        #expect(event.summary == "CfP closes (CIF16)")
        #expect(event.description?.contains("As stated: 2015-12-19 23:59 AoE") == true)
    }

    @Test func precisionDecidesTheShape() throws {
        let week = Item(kind: .event, title: "Hackathon", when: When(start: date("2016-03-07"), end: date("2016-03-13"), precision: .week))
        #expect(FeedBuilder().event(entry(week))?.end == .date(date("2016-03-14")))
        let month = Item(kind: .event, title: "Install party", when: When(start: date("2016-02-01"), precision: .month))
        let monthly = try #require(FeedBuilder().event(entry(month)))
        #expect(monthly.summary == "Install party (February 2016, date to be confirmed)")
        #expect(monthly.status == .tentative)
        #expect(monthly.end == .date(date("2016-02-02")))
        let year = Item(kind: .event, title: "Someday", when: When(start: date("2016-01-01"), precision: .year))
        #expect(FeedBuilder().event(entry(year)) == nil)
        #expect(FeedBuilder().event(entry(Item(kind: .event, title: "Undated"))) == nil)
    }

    @Test func statusSequenceAndStampComeFromTheModel() throws {
        let item = Item(kind: .event, title: "Party", when: .day(date("2016-02-22"), tentative: true), status: .tentative)
        let event = try #require(FeedBuilder().event(entry(item, revision: 4, changed: "2016-01-13")))
        #expect(event.status == .tentative)
        #expect(event.summary == "Party (tentative)")
        #expect(event.sequence == 4)
        #expect(event.stamp == date("2016-01-13"))
        let cancelled = Item(kind: .meeting, title: "Call", when: .day(date("2013-05-07")), status: .cancelled)
        #expect(FeedBuilder().event(entry(cancelled))?.status == .cancelled)
        #expect(FeedBuilder().event(entry(cancelled))?.summary == "Cancelled: Call")
        let titled = Item(kind: .meeting, title: "Call (cancelled)", when: .day(date("2013-05-07")), status: .cancelled)
        #expect(FeedBuilder().event(entry(titled))?.summary == "Call (cancelled)")
    }
}

struct PublishedFeedTests {
    let event = CalendarEvent(uid: "walk@test", summary: "Walk", location: "Park", start: .date(CivilDate("2031-04-12")!),
        end: .date(CivilDate("2031-04-13")!), sequence: 0, stamp: CivilDate("2031-04-01")!)

    func published(_ events: [CalendarEvent]) throws -> PublishedFeed {
        try #require(PublishedFeed(text: ICalendarWriter().render(events, feed: FeedInfo(name: "T", description: "T"))))
    }

    @Test func sequenceRisesOnceWhenDateStatusOrPlaceMoved() throws {
        var moved = event
        moved.start = .date(CivilDate("2031-04-19")!)
        moved.end = .date(CivilDate("2031-04-20")!)
        let first = try published([event])
        #expect(first.revised(event).sequence == 0)
        #expect(first.revised(moved).sequence == 1)
        // Published again over its own feed: no further rise.
        #expect(try published([first.revised(moved)]).revised(moved).sequence == 1)
        var cancelled = event
        cancelled.status = .cancelled
        #expect(first.revised(cancelled).sequence == 1)
        var elsewhere = event
        elsewhere.location = "Harbour"
        #expect(first.revised(elsewhere).sequence == 1)
        var retitled = event
        retitled.summary = "Sound walk"
        #expect(first.revised(retitled).sequence == 0)
    }

    @Test func theModelsCountAndUnknownUIDsAreKept() throws {
        var later = event
        later.sequence = 3
        #expect(try published([event]).revised(later).sequence == 3)
        var other = event
        other.uid = "other@test"
        other.sequence = 2
        #expect(try published([event]).revised(other).sequence == 2)
        #expect(PublishedFeed(text: "not a calendar") == nil)
    }

    @Test func anEventsOwnPropertiesAreRead() throws {
        let lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VTIMEZONE", "TZID:Europe/Lisbon", "BEGIN:STANDARD", "DTSTART:19701025T020000",
            "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "uid:walk@test", "DTSTART;TZID=Europe/Lisbon:20310412T100000", "SUMMARY:Walk", "LOCATION:Town",
            "  hall", "DESCRIPTION:A long text", " that goes on", "BEGIN:VALARM", "UID:alarm@test", "ACTION:DISPLAY",
            "DESCRIPTION:Walk", "TRIGGER:-PT1H", "END:VALARM", "STATUS:CANCELLED", "SEQUENCE:4", "END:VEVENT",
            "BEGIN:VTODO", "UID:todo@test", "END:VTODO", "END:VCALENDAR",
        ]
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let feed = try #require(PublishedFeed(text: text))
        #expect(feed.seen.keys.sorted() == ["walk@test"])
        #expect(feed.seen["walk@test"]?.sequence == 4)
        #expect(feed.seen["walk@test"]?.location == "Town hall")
        #expect(feed.seen["walk@test"]?.start == .zoned(CivilDate(year: 2031, month: 4, day: 12)!, TimeOfDay(hour: 10)!, tzid: "Europe/Lisbon"))
    }
}

struct FeedLinkTests {
    @Test func relativeLinksResolveAgainstTheNoteOrAreLeftOut() {
        #expect(FeedBuilder.absolute("https://e.org/x", base: nil) == "https://e.org/x")
        #expect(FeedBuilder.absolute("/blog/post", base: "https://site.org/notes/2014-07-08") == "https://site.org/blog/post")
        #expect(FeedBuilder.absolute("/blog/post", base: nil) == nil)
        #expect(FeedBuilder.absolute("mailto:a@b.org", base: nil) == "mailto:a@b.org")
    }
}
