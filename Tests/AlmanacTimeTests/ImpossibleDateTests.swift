import AlmanacCore
import AlmanacTime
import Testing

/// Issue 18, items 6 and 7: words written as a date that name no day the feeds can hold are left undated,
/// each with the reason, and no part of them is read as another date.
struct ImpossibleDateTests {
    func problems(_ text: String, _ reference: String = "2026-09-02") -> [String] {
        TemporalTagger().tagReporting(text, reference: CivilDate(reference)!).problems.map { "\($0.text): \($0.problem ?? "")" }
    }

    func dates(_ text: String, _ reference: String = "2026-09-02") -> [String] {
        TemporalTagger().tag(text, reference: CivilDate(reference)!).map { "\($0.text) => \($0.when.startText ?? "nil")" }
    }

    @Test(arguments: [
        ("The meetup is on 0001-01-01.", "0001-01-01: year 1 is outside the years dates are read in (1900–2199)"),
        ("The meetup is on 10000-01-01.", "10000-01-01: year 10000 is outside the years dates are read in (1900–2199)"),
        ("The meetup is on 1 January 0001.", "1 January 0001: year 1 is outside the years dates are read in (1900–2199)"),
        ("The meetup is on January 1, 0001.", "January 1, 0001: year 1 is outside the years dates are read in (1900–2199)"),
        ("The meetup is on Dec 32.", "Dec 32: December has no day 32"),
        ("The meetup is on 32 December.", "32 December: December has no day 32"),
        ("The meetup is on 31 Feb.", "31 Feb.: February has no day 31"),
        ("The meetup is on 2027-02-30.", "2027-02-30: February has no day 30"),
        ("The meetup is on 29 February 2027.", "29 February 2027: 2027 has no February 29"),
    ])
    func impossibleDatesAreReportedAndNotRead(text: String, problem: String) {
        #expect(problems(text) == [problem])
        // Nothing of it is read as a date: no "01:00", no "1 January" of 2027, no "December".
        #expect(dates(text) == [])
    }

    @Test func relativeDatesOutsideTheYearsOneToNineThousandNineHundredNinetyNine() {
        #expect(problems("See you next week.", "9999-12-31") == ["next week: it falls outside the years 1–9999"])
        #expect(dates("See you next week.", "9999-12-31") == [])
        #expect(problems("It was last week.", "0001-01-01") == ["last week: it falls outside the years 1–9999"])
        #expect(problems("Next year, then.", "9999-06-01") == ["Next year: it falls outside the years 1–9999"])
        // A month range read forward from the last day of 9999 (a fuzz finding: it trapped).
        #expect(problems("in late April or early May", "9999-12-31") == ["late April or early May: it falls outside the years 1–9999"])
        // Arithmetic near the ends never traps.
        for phrase in ["next quarter", "in 1000 quarters", "end of next year", "in 1000 months", "later this year", "Q4", "in December"] {
            _ = TemporalTagger().tagReporting(phrase, reference: CivilDate("9999-12-31")!)
            _ = TemporalTagger().tagReporting(phrase, reference: CivilDate("0001-01-01")!)
        }
    }

    @Test func possibleDatesAreUnchanged() {
        #expect(dates("on 2016-01-22 and Dec 31 and 29 February 2028") == [
            "2016-01-22 => 2016-01-22", "Dec 31 => 2026-12-31", "29 February 2028 => 2028-02-29",
        ])
        #expect(problems("Dec 3.5 release, 32 people in December, v1.2.3-10-20, at 10:30") == [])
    }
}
