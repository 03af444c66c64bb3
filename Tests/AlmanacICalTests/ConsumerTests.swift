import AlmanacCore
@testable import AlmanacICal
import AlmanacValidate
import AlmanacModel
import Foundation
import Testing

// What issue 22's consumers needed of a feed, one test each: the feeds as twenty calendar programs and
// libraries read alike (scripts/feed-matrix.sh runs the same consumers over every corpus).

struct ConsumerTests {
    let writer = ICalendarWriter()

    func event(_ uid: String, categories: [String] = [], start: EventTime, end: EventTime) -> CalendarEvent {
        CalendarEvent(uid: uid, summary: "Call", categories: categories, start: start, end: end, stamp: date("2026-01-01"))
    }

    /// 1. One CATEGORIES line with comma-separated values (ics.py 0.7 and icalevents 0.3 reject two lines),
    /// each category once, a comma inside one made a space; libical reads the values back.
    @Test func categoriesAreOneLine() throws {
        let text = writer.render(
            [event("a@test", categories: ["meeting", "call", "meeting", "a,b", " "], start: .date(date("2026-09-02")),
                end: .date(date("2026-09-03")))], feed: feed)
        let lines = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("CATEGORIES") }
        #expect(lines == ["CATEGORIES:meeting,call,a b"])
        let parsed = try #require(ICalendarReader().parse(text))
        let vevent = try #require(parsed.components(named: "VEVENT").first)
        #expect(vevent.all("CATEGORIES").map(\.value) == ["meeting", "call", "a b"])
        #expect(ICalendarValidator().validate(text, path: "feed.ics").isEmpty)
    }

    /// 4. A zone as yearly rules (ruby-icalendar 2.8 fails on a list of dated transitions, and on a time
    /// before an observance's first occurrence): each observance once, starting in the year before the
    /// first year used.
    @Test func aZoneIsItsYearlyRulesFromTheYearBefore() {
        let lisbon = event("l@test", start: .zoned(date("2026-10-24"), TimeOfDay(hour: 10)!, tzid: "Europe/Lisbon"),
            end: .zoned(date("2027-03-01"), TimeOfDay(hour: 11)!, tzid: "Europe/Lisbon"))
        let text = writer.render([lisbon], feed: feed)
        let zone = text.components(separatedBy: "\r\n").drop { $0 != "BEGIN:VTIMEZONE" }.prefix { $0 != "END:VTIMEZONE" }
        #expect(Array(zone) == [
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Lisbon",
            "BEGIN:DAYLIGHT",
            "DTSTART:20250330T010000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:20251026T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0000",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "END:STANDARD",
        ])
        #expect(ICalendarValidator().validate(text, path: "feed.ics").isEmpty)
    }

    /// A zone whose rule changed within the years (the US moved its dates in 2007) keeps every transition
    /// as an RDATE of one observance per kind; a zone without daylight saving is one STANDARD.
    @Test func aRuleThatChangedIsItsDates() throws {
        let newYork = event("n@test", start: .zoned(date("2007-06-01"), TimeOfDay(hour: 10)!, tzid: "America/New_York"),
            end: .zoned(date("2007-06-01"), TimeOfDay(hour: 11)!, tzid: "America/New_York"))
        let tokyo = event("t@test", start: .zoned(date("2016-06-01"), TimeOfDay(hour: 10)!, tzid: "Asia/Tokyo"),
            end: .zoned(date("2016-06-01"), TimeOfDay(hour: 11)!, tzid: "Asia/Tokyo"))
        let parsed = try #require(ICalendarReader().parse(writer.render([newYork, tokyo], feed: feed)))
        let zones = parsed.components(named: "VTIMEZONE")
        #expect(zones.map { $0["TZID"]?.value } == ["America/New_York", "Asia/Tokyo"])
        #expect(zones[0].components.map(\.name) == ["DAYLIGHT", "STANDARD"])
        #expect(zones[0].components.map { $0["DTSTART"]?.value } == ["20060402T020000", "20061029T020000"])
        #expect(zones[0].components.map { $0.all("RDATE").map(\.value) } == [["20070311T020000"], ["20071104T020000"]])
        #expect(zones[0].components.allSatisfy { $0["RRULE"] == nil })
        #expect(zones[1].components.map(\.name) == ["STANDARD"])
        #expect(zones[1].components.map { $0["DTSTART"]?.value } == ["20150101T000000"])
    }

    /// 3. An empty feed is still a calendar with a component (RFC 5545; sabre/vobject rejects none): the
    /// UTC VTIMEZONE. `validate` calls a VCALENDAR without components an error.
    @Test func anEmptyFeedHoldsTheUTCZone() {
        let text = writer.render([], feed: feed)
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
            + "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"))
        #expect(!text.contains("BEGIN:VEVENT"))
        #expect(ICalendarValidator().validate(text, path: "empty.ics").isEmpty)
        let bare = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n"
        #expect(ICalendarValidator().validate(bare, path: "empty.ics").map(\.description) == [
            "empty.ics:1: error: VCALENDAR has no components (RFC 5545 requires at least one)"
        ])
    }
}

struct FeedBuilderConsumerTests {
    func entry(_ when: When, path: String = "/home/rosa/notes/2020-01-15.md") -> ModelItem {
        let note = NoteRef(path: path, date: date("2020-01-15"))
        let item = Item(kind: .meeting, subkind: .call, title: "Next call", when: when, status: .scheduled,
            sources: [Evidence(path: path, line: 7, quote: "The next call is on 31 January at 16:00.")])
        return ModelItem(uid: "meeting-next-call@almanac", item: item, note: note)
    }

    let timed = When(start: date("2020-01-31"), startTime: TimeOfDay(hour: 16)!, precision: .datetime)

    /// 2. A time with no zone is never floating: in the configured zone, else its day as an all-day
    /// event with the time in the title.
    @Test func aTimeWithoutAZoneIsNeverFloating() throws {
        let zoned = try #require(FeedBuilder(defaultTimeZone: "Europe/Lisbon").event(entry(timed)))
        #expect(zoned.start == .zoned(date("2020-01-31"), TimeOfDay(hour: 16)!, tzid: "Europe/Lisbon"))
        #expect(zoned.end == .zoned(date("2020-01-31"), TimeOfDay(hour: 17)!, tzid: "Europe/Lisbon"))
        #expect(zoned.summary == "Next call")
        let unzoned = try #require(FeedBuilder().event(entry(timed)))
        #expect(unzoned.start == .date(date("2020-01-31")))
        #expect(unzoned.end == .date(date("2020-02-01")))
        #expect(unzoned.summary == "Next call (16:00, time zone not stated)")
        var ranged = timed
        ranged.endTime = TimeOfDay(hour: 17, minute: 30)
        #expect(FeedBuilder().event(entry(ranged))?.summary == "Next call (16:00–17:30, time zone not stated)")
        // A zone the note names the IANA way is the event's.
        var lisbon = timed
        lisbon.zone = Zone(name: "Europe/Lisbon", tzid: "Europe/Lisbon")
        #expect(FeedBuilder().event(entry(lisbon))?.start == .zoned(date("2020-01-31"), TimeOfDay(hour: 16)!, tzid: "Europe/Lisbon"))
    }

    /// 5. DESCRIPTION names the note relative to the sources' folder, never where it lies on the machine.
    @Test func sourcesAreRelativeToTheirFolder() throws {
        let notes = [NoteRef(path: "/home/rosa/notes/2020-01-15.md", date: date("2020-01-15")),
            NoteRef(path: "/home/rosa/notes/calendars/partner.ics", date: date("2020-01-10"))]
        #expect(FeedBuilder.sourceRoot(of: notes) == "/home/rosa/notes")
        #expect(FeedBuilder.sourceRoot(of: [NoteRef(path: "data/notes/a.md", date: date("2020-01-15")),
            NoteRef(path: "data/projects.md", date: date("2020-01-15"))]) == "data")
        let builder = FeedBuilder(sourceRoot: FeedBuilder.sourceRoot(of: notes))
        let description = try #require(builder.event(entry(.day(date("2020-01-31"))))?.description)
        #expect(description == "“The next call is on 31 January at 16:00.”\nSource: 2020-01-15.md:7")
        // A path outside the root is its file name, never an absolute path.
        let outside = try #require(FeedBuilder(sourceRoot: "/srv/other").event(entry(.day(date("2020-01-31"))))?.description)
        #expect(outside.hasSuffix("\nSource: 2020-01-15.md:7"))
    }
}
