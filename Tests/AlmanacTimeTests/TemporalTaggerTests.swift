import AlmanacCore
import AlmanacTime
import Testing

/// Renders what the tagger found as `text => start[..end] precision [tentative] [zone]`, one per expression.
func render(_ text: String, _ reference: String = "2015-12-16", dayFirst: Bool = false) -> [String] {
    let tagger = TemporalTagger(options: .init(dayFirst: dayFirst))
    return tagger.tag(text, reference: CivilDate(reference)!).map { e in
        var s = "\(e.text) => \(e.when.startText ?? "nil")"
        if let end = e.when.endText { s += "..\(end)" }
        s += " \(e.when.precision.rawValue)"
        if e.when.tentative { s += " tentative" }
        if let zone = e.when.zone { s += " \(zone.name)" }
        return s
    }
}

struct AbsoluteDateTests {
    @Test(arguments: [
        ("on 2016-01-22", ["2016-01-22 => 2016-01-22 day"]),
        ("CfP closes 19 Dec, event is in Pasadena CA on 22 Jan",
         ["19 Dec => 2015-12-19 day", "22 Jan => 2016-01-22 day"]),
        ("the 22nd January deadline", ["22nd January => 2016-01-22 day"]),
        ("Jan 22 is the day", ["Jan 22 => 2016-01-22 day"]),
        ("January 22, 2016 in Pasadena", ["January 22, 2016 => 2016-01-22 day"]),
        ("The next call is scheduled for **11th March**", ["11th March => 2016-03-11 day"]),
        ("Dec 19-21 in Berlin", ["Dec 19-21 => 2015-12-19..2015-12-21 day"]),
        ("held 19th-21st December 2015", ["19th-21st December 2015 => 2015-12-19..2015-12-21 day"]),
        ("Sep 19-21st", ["Sep 19-21st => 2015-09-19..2015-09-21 day"]),
        ("will be held Sep 19-21st", ["Sep 19-21st => 2016-09-19..2016-09-21 day"]),
        ("30 Dec - 2 Jan", ["30 Dec - 2 Jan => 2015-12-30..2016-01-02 day"]),
        // The weekdays of a range, then its days: one range, not "Wednesday" of next week.
        ("Wednesday-Thursday, February 10-11, 2016", ["Wednesday-Thursday, February 10-11, 2016 => 2016-02-10..2016-02-11 day"]),
        ("Q1 2016 planning", ["Q1 2016 => 2016-01..2016-03 quarter"]),
        ("around March/April", ["March/April => 2016-03..2016-04 month"]),
        ("mid-February works", ["mid-February => 2016-02 month"]),
        ("in late April or early May", ["late April or early May => 2016-04..2016-05 month"]),
        // "of" before the year: it is both months' ("was released in March to May of 2015").
        ("was released in March to May of 2015", ["March to May of 2015 => 2015-03..2015-05 month"]),
        ("in May of 2017", ["May of 2017 => 2017-05 month"]),
        // A time in parentheses right after a date is its time; a parenthesis that holds more is not.
        ("open through January 5th, 2026 (23:59 CET).", ["January 5th, 2026 (23:59 CET) => 2026-01-05T23:59 datetime CET"]),
        ("on January 5 (10:00 UTC / 11:00 CET)", ["January 5 => 2016-01-05 day", "10:00 UTC => 2015-12-16T10:00 datetime UTC", "11:00 CET => 2015-12-16T11:00 datetime CET"]),
        // A clock range that ends before it starts ends the next day; "Weds" is Wednesday.
        ("5:30pm to 1am, Weds Jan 6", ["5:30pm to 1am, Weds Jan 6 => 2016-01-06T17:30..2016-01-07T01:00 datetime"]),
        ("by the end of January", ["the end of January => 2016-01 month"]),
        ("in May we travel", ["May => 2016-05 month"]),
        ("sometime during the week of 19 May", ["the week of 19 May => 2016-05-16..2016-05-22 week tentative"]),
    ])
    func absolute(text: String, expected: [String]) {
        #expect(render(text) == expected)
    }

    @Test func weekdayPicksTheYear() {
        // 2015-03-11 was a Wednesday; 2016-03-11 a Friday.
        #expect(render("The next call is on Wednesday, 11th March", "2015-02-25") == ["Wednesday, 11th March => 2015-03-11 day"])
        #expect(render("on Friday 9/16", "2016-09-01") == ["Friday 9/16 => 2016-09-16 day"])
    }

    @Test func numericOrder() {
        #expect(render("on 10/1 and 10/2", "2016-09-20") == ["10/1 => 2016-10-01 day", "10/2 => 2016-10-02 day"])
        #expect(render("on 10/1 and 10/2", "2016-09-20", dayFirst: true) == ["10/1 => 2017-01-10 day", "10/2 => 2017-02-10 day"])
        // 16/9 has no month-first reading.
        #expect(render("on 16/9", "2016-09-01") == ["16/9 => 2016-09-16 day"])
    }

    /// A month named with no tense ("a meeting in November", said in February) is ahead, unless it is one
    /// of the last two months; a past tense turns it back.
    @Test func aMonthAloneLooksAhead() {
        #expect(render("a meeting in November", "2019-02-19") == ["November => 2019-11 month"])
        #expect(render("a meeting in December", "2019-02-19") == ["December => 2018-12 month"])
        #expect(render("the meeting was in November", "2019-02-19") == ["November => 2018-11 month"])
    }
}

struct RelativeDateTests {
    @Test(arguments: [
        ("today", "today => 2015-12-16 day"),
        ("tonight", "tonight => 2015-12-16 day"),
        ("tomorrow", "tomorrow => 2015-12-17 day"),
        ("yesterday", "yesterday => 2015-12-15 day"),
        ("last night", "last night => 2015-12-15 day"),
        ("this coming weekend", "this coming weekend => 2015-12-19..2015-12-20 day"),
        ("this week", "this week => 2015-12-14..2015-12-20 week"),
        ("next week", "next week => 2015-12-21..2015-12-27 week"),
        ("last week", "last week => 2015-12-07..2015-12-13 week"),
        ("this past week", "this past week => 2015-12-14..2015-12-20 week"),
        ("this past weekend", "this past weekend => 2015-12-12..2015-12-13 day"),
        ("the past week", "the past week => 2015-12-07..2015-12-13 week"),
        ("next Wednesday", "next Wednesday => 2015-12-23 day"),
        ("on Monday", "Monday => 2015-12-21 day"),
        ("in two weeks", "in two weeks => 2015-12-30 day"),
        ("3 days from now", "3 days from now => 2015-12-19 day"),
        ("a couple of weeks ago", "a couple of weeks ago => 2015-12 month tentative"),
        ("next month", "next month => 2016-01 month"),
        ("later in the year", "later in the year => 2015 year tentative"),
        ("next year", "next year => 2016 year"),
        ("NEXT YEAR!", "NEXT YEAR => 2016 year"),
    ])
    func relative(text: String, expected: String) {
        #expect(render(text) == [expected])
    }

    @Test func tenseChoosesPastOrFuture() {
        // 2014-07-08 was a Tuesday.
        #expect(render("Mirage 1.2 was released on Monday", "2014-07-08") == ["Monday => 2014-07-07 day"])
        #expect(render("We will meet on Monday", "2014-07-08") == ["Monday => 2014-07-14 day"])
        #expect(render("Next call will take place on the 22nd", "2014-07-08") == ["the 22nd => 2014-07-22 day"])
        #expect(render("It took place in April", "2014-08-07") == ["April => 2014-04 month"])
    }

    @Test func restatementsMerge() {
        #expect(render("Student applications close on the 21st (3 days from now).", "2014-03-18")
            == ["the 21st (3 days from now) => 2014-03-21 day"])
        #expect(render("No call next week (7th May) as several members are travelling", "2013-04-30")
            == ["next week (7th May) => 2013-05-07 day"])
    }
}

struct TimeTests {
    @Test(arguments: [
        ("on 22 Jan at 4pm", "22 Jan at 4pm => 2016-01-22T16:00 datetime"),
        ("22 Jan 16:00 UTC", "22 Jan 16:00 UTC => 2016-01-22T16:00 datetime UTC"),
        ("Friday 10am PT", "Friday 10am PT => 2015-12-18T10:00 datetime PT"),
        ("Monday, 3pm GMT", "Monday, 3pm GMT => 2015-12-21T15:00 datetime GMT"),
        ("closes 19 Dec 23:59 AoE", "19 Dec 23:59 AoE => 2015-12-19T23:59 datetime AoE"),
        ("call on 22 Jan, 16:00-17:00 CET", "22 Jan, 16:00-17:00 CET => 2016-01-22T16:00..2016-01-22T17:00 datetime CET"),
        ("4pm on Friday", "4pm on Friday => 2015-12-18T16:00 datetime"),
        ("Friday 9/18 from 5-7pm PT", "Friday 9/18 from 5-7pm PT => 2015-09-18T17:00..2015-09-18T19:00 datetime PT"),
        ("on 22 Jan, 10-11:30am", "22 Jan, 10-11:30am => 2016-01-22T10:00..2016-01-22T11:30 datetime"),
        ("on 22 Jan, 10:00 CET until 12:00, in town", "22 Jan, 10:00 CET until 12:00 => 2016-01-22T10:00..2016-01-22T12:00 datetime CET"),
        ("22 Jan 9am PT to 11am PT", "22 Jan 9am PT to 11am PT => 2016-01-22T09:00..2016-01-22T11:00 datetime PT"),
    ])
    func times(text: String, expected: String) {
        #expect(render(text) == [expected])
    }

    @Test func isoDateRanges() {
        #expect(render("runs 2026-11-05 – 2026-11-07 in town") == ["2026-11-05 – 2026-11-07 => 2026-11-05..2026-11-07 day"])
        #expect(render("runs 2026-11-05 to 2026-11-07") == ["2026-11-05 to 2026-11-07 => 2026-11-05..2026-11-07 day"])
        #expect(render("on 2026-11-05 and 2026-11-07") == ["2026-11-05 => 2026-11-05 day", "2026-11-07 => 2026-11-07 day"])
    }

    @Test func aBareNumberAfterAZonedTimeEndsNoRange() {
        #expect(render("22 Jan 16:00 UTC to 12 Feb") == ["22 Jan 16:00 UTC => 2016-01-22T16:00 datetime UTC", "12 Feb => 2016-02-12 day"])
        // Two zones: two times, not a range in the first one's zone.
        #expect(render("22 Jan 10:00 CET to 3pm PT").first == "22 Jan 10:00 CET => 2016-01-22T10:00 datetime CET")
    }

    @Test func aoeIsTwelveHoursBehindUTC() throws {
        let found = TemporalTagger().tag("closes 19 Dec 23:59 AoE", reference: CivilDate("2015-12-16")!)
        let zone = try #require(found.first?.when.zone)
        #expect(zone.utcOffsetMinutes == -720)
    }
}

struct HedgeTests {
    @Test(arguments: [
        ("Needs a date (Feb 22nd?).", "Feb 22nd => 2016-02-22 day tentative"),
        ("probably 22 Jan", "22 Jan => 2016-01-22 day tentative"),
        ("22 Jan (TBC)", "22 Jan => 2016-01-22 day tentative"),
        ("tentatively 22 Jan", "22 Jan => 2016-01-22 day tentative"),
        ("likely on 22 Jan", "22 Jan => 2016-01-22 day tentative"),
        ("maybe 22 Jan", "22 Jan => 2016-01-22 day tentative"),
        ("Why not just say Jun 11?", "Jun 11 => 2016-06-11 day tentative"),
    ])
    func hedged(text: String, expected: String) {
        #expect(render(text) == [expected])
    }
}

struct NotADateTests {
    @Test(arguments: [
        "upgrade to 1.2.1 and 4.02.1",
        "version 3.0 is out, and v2.5 too",
        "see issue #20 and PR #21",
        "Rosa may speak at the event",
        "a 2-star project and a 1-star one",
        "it costs $20 or 15%",
        "for about a month",
        "it took 2.5 months",
        "see https://example.org/2016/01/22/notes for details",
        "the trace at t_min=8249.530963 and x86_64",
        "1,000 people came",
        "we march on",
        "Jan will present",
        "OSCON 2013 talk",
        "the 2nd release",
    ])
    func notDates(text: String) {
        #expect(render(text) == [])
    }

    @Test func codeSpansAreSkipped() {
        let text = "run `date 2016-01-22` today"
        let start = text.utf8.count - "2016-01-22` today".utf8.count - 6
        let found = TemporalTagger().tag(text, reference: CivilDate("2015-12-16")!, skip: [start..<(start + 17)])
        #expect(found.map(\.text) == ["today"])
    }
}

struct ReferenceFreeTests {
    @Test func onlyStatedYearsWithoutReference() {
        let found = TemporalTagger().tag("16th December 2015: notes, next call 22 Jan", reference: nil)
        #expect(found.map(\.text) == ["16th December 2015"])
        #expect(found.first?.when.start == CivilDate("2015-12-16"))
    }

    @Test func linesAndColumns() {
        let found = TemporalTagger().tag("first line\nthen on 22 Jan", reference: CivilDate("2015-12-16")!)
        #expect(found.first?.line == 2)
        #expect(found.first?.column == 9)
    }
}

/// Issue 22, 2: a zone the note names the IANA way, or by a usual abbreviation, is read wherever a time is written.
struct ZoneNameTests {
    @Test func ianaNamesAfterATime() throws {
        #expect(render("on 5 February 2020 at 10:00 Europe/Lisbon") == [
            "5 February 2020 at 10:00 Europe/Lisbon => 2020-02-05T10:00 datetime Europe/Lisbon"
        ])
        #expect(render("22 Jan 4pm (america/new_york)") == ["22 Jan 4pm (america/new_york) => 2016-01-22T16:00 datetime America/New_York"])
        #expect(render("22 Jan 10:00 America/Argentina/Buenos_Aires until 11:30").first
            == "22 Jan 10:00 America/Argentina/Buenos_Aires until 11:30 => 2016-01-22T10:00..2016-01-22T11:30 datetime "
            + "America/Argentina/Buenos_Aires")
        let found = TemporalTagger().tag("the call is at 16:00 Europe/Berlin on 22 Jan", reference: CivilDate("2015-12-16")!)
        let zone = try #require(found.first?.when.zone)
        #expect(zone == Zone(name: "Europe/Berlin", tzid: "Europe/Berlin"))
        // Not a zone: a path, or a word before a slash.
        #expect(render("22 Jan 10:00 notes/2016") == ["22 Jan 10:00 => 2016-01-22T10:00 datetime"])
    }

    @Test func moreAbbreviations() throws {
        #expect(render("22 Jan 10:00 IST") == ["22 Jan 10:00 IST => 2016-01-22T10:00 datetime IST"])
        let ist = try #require(TemporalTagger().tag("22 Jan 10:00 IST", reference: CivilDate("2015-12-16")!).first?.when.zone)
        #expect(ist.utcOffsetMinutes == 330)
        let pacific = try #require(TemporalTagger().tag("22 Jan at 9am Pacific", reference: CivilDate("2015-12-16")!).first?.when.zone)
        #expect(pacific.tzid == "America/Los_Angeles")
        #expect(render("22 Jan 10:00 MSK") == ["22 Jan 10:00 MSK => 2016-01-22T10:00 datetime MSK"])
        // The English words name a zone only with their capital.
        #expect(TemporalTagger().tag("22 Jan at 9am pacific", reference: CivilDate("2015-12-16")!).first?.when.zone == nil)
        #expect(TemporalTagger().tag("on 22 Jan the 10 eastern chapters met", reference: CivilDate("2015-12-16")!)
            .allSatisfy { $0.when.zone == nil })
    }
}
