import AlmanacCore
import Testing

struct CivilDateTests {
    @Test(arguments: [
        ("1970-01-01", 0, Weekday.thursday),
        ("2015-12-16", 16785, .wednesday),
        ("2016-02-29", 16860, .monday),
        ("2000-03-01", 11017, .wednesday),
        ("1969-12-31", -1, .wednesday),
    ])
    func dayNumbersAndWeekdays(text: String, dayNumber: Int, weekday: Weekday) throws {
        let date = try #require(CivilDate(text))
        #expect(date.dayNumber == dayNumber)
        #expect(CivilDate(dayNumber: dayNumber) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == text)
    }

    @Test func impossibleDatesAreRejected() {
        #expect(CivilDate(year: 2015, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2015, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2015, month: 4, day: 31) == nil)
        #expect(CivilDate("2015-02-30") == nil)
        #expect(CivilDate("2015-2-3") == nil)
        #expect(CivilDate(year: 2016, month: 2, day: 29) != nil)
    }

    @Test func arithmetic() throws {
        let date = try #require(CivilDate("2016-01-31"))
        #expect(date.adding(days: 1).description == "2016-02-01")
        #expect(date.adding(months: 1).description == "2016-02-29")
        #expect(date.adding(months: -2).description == "2015-11-30")
        #expect(date.startOfWeek.description == "2016-01-25")
        #expect(date.lastOfMonth == date)
        #expect(date.compact == "20160131")
    }
}

struct WhenTests {
    @Test func jsonTextFollowsPrecision() throws {
        let start = try #require(CivilDate("2014-04-01"))
        let end = try #require(CivilDate("2014-05-01"))
        #expect(When(start: start, end: end, precision: .month).startText == "2014-04")
        #expect(When(start: start, end: end, precision: .month).endText == "2014-05")
        #expect(When(start: start, precision: .year).startText == "2014")
        #expect(When(start: start, startTime: TimeOfDay(hour: 16), precision: .datetime).startText == "2014-04-01T16:00")
        #expect(When.undated.startText == nil)
        #expect(When(start: start, end: start.adding(days: 6), precision: .week).endText == "2014-04-07")
    }
}

struct DiagnosticTests {
    @Test func readsLikeACompilerDiagnostic() {
        #expect(Diagnostic.error("bad", path: "a.md", line: 3, column: 7).description == "a.md:3:7: error: bad")
        #expect(Diagnostic.warning("empty note; skipped", path: "b.md").description == "b.md: warning: empty note; skipped")
    }
}
