import AlmanacCore
import AlmanacICal
import AlmanacValidate
import Testing

/// The diagnostics for `lines` joined with CRLF (and ending in one), as printed.
private func problems(_ lines: [String]) -> [String] {
    ICalendarValidator().validate(lines.joined(separator: "\r\n") + "\r\n", path: "feed.ics").map(\.description)
}

/// A VCALENDAR around `body`: the body starts on line 4.
private func calendar(_ body: [String]) -> [String] {
    ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Test//EN"] + body + ["END:VCALENDAR"]
}

/// A valid VEVENT (BEGIN on line 4 inside `calendar`) with `extra` before its END (from line 9).
private func event(_ extra: [String] = [], uid: String = "a@test") -> [String] {
    [
        "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20160101T000000Z", "DTSTART;VALUE=DATE:20160122",
        "DTEND;VALUE=DATE:20160123",
    ] + extra + ["END:VEVENT"]
}

private func day(_ text: String) -> CivilDate { CivilDate(text)! }

struct ICalendarValidatorTests {
    let validator = ICalendarValidator()

    // MARK: - Valid feeds

    @Test func feedsTheWriterRendersAreValid() {
        let events = [
            CalendarEvent(
                uid: "day@almanac", summary: "Conference, day one; and two", description: "“Quote”\nSource: n.md:3",
                location: "Ghent, Belgium", url: "https://example.org/a/very/long/path/that/needs/folding/when/written",
                categories: ["event", "conference"], start: .date(day("2016-01-22")), end: .date(day("2016-01-25")),
                sequence: 2, stamp: day("2015-12-16")),
            CalendarEvent(
                uid: "utc@almanac", summary: "CfP closes", status: .tentative,
                start: .utc(day("2015-12-20"), TimeOfDay(hour: 11, minute: 59)!),
                end: .utc(day("2015-12-20"), TimeOfDay(hour: 12, minute: 14)!), stamp: day("2015-12-16"),
                alarms: [15, 1440]),
            CalendarEvent(
                uid: "floating@almanac", summary: "Call", status: .cancelled,
                start: .floating(day("2016-03-01"), TimeOfDay(hour: 16)!),
                end: .floating(day("2016-03-01"), TimeOfDay(hour: 17)!), stamp: day("2016-02-01")),
            CalendarEvent(
                uid: "zoned@almanac", summary: String(repeating: "Ünïcødé wörds ", count: 12),
                start: .zoned(day("2016-03-10"), TimeOfDay(hour: 10)!, tzid: "America/Los_Angeles"),
                end: .zoned(day("2016-03-10"), TimeOfDay(hour: 11)!, tzid: "America/Los_Angeles"),
                stamp: day("2016-03-01"), alarms: [30]),
        ]
        let text = ICalendarWriter().render(events, feed: FeedInfo(name: "Test feed", description: "All items"))
        #expect(text.contains("BEGIN:VTIMEZONE\r\n"))
        #expect(text.contains("BEGIN:VALARM\r\n"))
        #expect(validator.validate(text, path: "feed.ics").map(\.description) == [])
        #expect(validator.validate(bytes: Array(text.utf8), path: "feed.ics").map(\.description) == [])
    }

    @Test func aHandWrittenFeedWithEveryComponentIsValid() {
        #expect(
            problems(
                calendar([
                    "CALSCALE:GREGORIAN",
                    "REFRESH-INTERVAL;VALUE=DURATION:P1D",
                    "BEGIN:VTIMEZONE",
                    "TZID:Europe/Paris",
                    "BEGIN:STANDARD",
                    "DTSTART:19701025T030000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "TZOFFSETFROM:+0200",
                    "TZOFFSETTO:+0100",
                    "TZNAME:CET",
                    "END:STANDARD",
                    "BEGIN:DAYLIGHT",
                    "DTSTART:19700329T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20371231T235959Z",
                    "TZOFFSETFROM:+0100",
                    "TZOFFSETTO:+0200",
                    "END:DAYLIGHT",
                    "END:VTIMEZONE",
                    "BEGIN:VEVENT",
                    "UID:weekly@test",
                    "DTSTAMP:20160101T000000Z",
                    "DTSTART;TZID=Europe/Paris:20160105T100000",
                    "DURATION:PT1H30M",
                    "RRULE:FREQ=WEEKLY;UNTIL=20161231T090000Z",
                    "EXDATE;TZID=Europe/Paris:20160112T100000,20160119T100000",
                    "SUMMARY:Weekly call",
                    "ORGANIZER;CN=\"Rosa, the chair\":mailto:rosa@example.org",
                    "GEO:51.05;3.72",
                    "PRIORITY:5",
                    "BEGIN:VALARM",
                    "ACTION:AUDIO",
                    "TRIGGER:-PT15M",
                    "DURATION:PT5M",
                    "REPEAT:2",
                    "END:VALARM",
                    "END:VEVENT",
                    "BEGIN:VEVENT",
                    "UID:weekly@test",
                    "DTSTAMP:20160101T000000Z",
                    "RECURRENCE-ID;TZID=Europe/Paris:20160126T100000",
                    "DTSTART;TZID=Europe/Paris:20160126T110000",
                    "DTEND:20160126T110000Z",
                    "END:VEVENT",
                    "BEGIN:VTODO",
                    "UID:todo@test",
                    "DTSTAMP:20160101T000000Z",
                    "DUE;VALUE=DATE:20160301",
                    "STATUS:NEEDS-ACTION",
                    "PERCENT-COMPLETE:40",
                    "END:VTODO",
                    "BEGIN:VJOURNAL",
                    "UID:journal@test",
                    "DTSTAMP:20160101T000000Z",
                    "STATUS:FINAL",
                    "END:VJOURNAL",
                ])) == [])
    }

    // MARK: - Raw text

    @Test func bareLineFeedsAreReportedOnceWithACount() {
        let text = calendar(event()).joined(separator: "\n") + "\n"
        #expect(
            validator.validate(text, path: "feed.ics").map(\.description) == [
                "feed.ics:1: error: line ends with a bare LF, not CRLF (and 9 more lines)"
            ])
        let mixed =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\rPRODID:x\r\n" + event().joined(separator: "\r\n") + "\r\nEND:VCALENDAR"
        #expect(
            validator.validate(mixed, path: "feed.ics").map(\.description) == [
                "feed.ics:2: error: line ends with a bare CR, not CRLF",
                "feed.ics:10: error: last line does not end with CRLF",
            ])
    }

    @Test func linesOver75OctetsAreWarnings() {
        let long = "COMMENT:" + String(repeating: "é", count: 34)  // 8 + 68 = 76 octets
        #expect(
            problems(calendar(event([long, long]))) == [
                "feed.ics:9: warning: line is 76 octets, over the 75-octet limit (and 1 more line)"
            ])
        let folded = "COMMENT:" + String(repeating: "é", count: 33) + "\r\n " + String(repeating: "é", count: 37)
        #expect(problems(calendar(event([folded]))) == [])
    }

    @Test func invalidUTF8IsFoundThroughTheBytesAPI() {
        var bytes = Array(calendar(event(["SUMMARY:Caf"])).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let summary = bytes.firstIndex(of: UInt8(ascii: "f"))!
        bytes.insert(0xE9, at: summary + 1)  // Latin-1 é
        #expect(
            validator.validate(bytes: bytes, path: "latin1.ics").map(\.description) == [
                "latin1.ics:9:12: error: not valid UTF-8 (byte 0xE9)"
            ])
    }

    @Test func aFoldInsideAUTF8CharacterIsAWarningNotInvalidUTF8() {
        let bytes = Array("SUMMARY:Caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        let text = Array(calendar(event(["#"])).joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let at = text.firstIndex(of: UInt8(ascii: "#"))!
        let file = Array(text[..<at]) + bytes + Array(text[(at + 1)...])
        #expect(
            validator.validate(bytes: file, path: "feed.ics").map(\.description) == [
                "feed.ics:10: warning: line folded inside a UTF-8 character"
            ])
    }

    @Test func controlCharactersOtherThanTabAreErrors() {
        #expect(
            problems(calendar(event(["SUMMARY:Tab\tis fine", "DESCRIPTION:Bell\u{07} is not"]))) == [
                "feed.ics:10:17: error: control character 0x07; only HTAB is allowed"
            ])
    }

    @Test func emptyFilesAndEmptyLines() {
        #expect(
            validator.validate("", path: "feed.ics").map(\.description) == [
                "feed.ics: error: empty file, no VCALENDAR"
            ])
        #expect(problems(calendar(event([""]))) == ["feed.ics:9: error: empty line"])
        #expect(
            problems(["\u{FEFF}BEGIN:VCALENDAR"] + Array(calendar(event()).dropFirst())) == [
                "feed.ics:1: warning: file starts with a UTF-8 byte order mark"
            ])
        #expect(
            problems(["SUMMARY:Party"]) == [
                "feed.ics: error: no VCALENDAR in the file",
                "feed.ics:1: error: SUMMARY outside any component",
            ])
    }

    // MARK: - Content lines

    @Test func malformedNamesAndParametersAreErrors() {
        #expect(
            problems(
                calendar(
                    event([
                        "SUMMARY Party",
                        "DT START:20160122",
                        "ATTENDEE;CN=\"Rosa:mailto:rosa@example.org",
                        "ATTENDEE;CN=Ro\"sa\":mailto:rosa@example.org",
                        "ATTENDEE;CN\":mailto:rosa@example.org",
                        "ATTENDEE;RSVP:mailto:rosa@example.org",
                        "ATTENDEE;CN=\"Rosa\"x:mailto:rosa@example.org",
                        "X-ALMANAC;VALUE=TEXT;VALUE=TEXT:x",
                        " continued",
                    ]))) == [
                    "feed.ics:9: error: no ':' in content line \"SUMMARY Party\"",
                    "feed.ics:10: error: invalid property name \"DT START\"",
                    "feed.ics:11: error: unterminated quoted value of parameter CN on ATTENDEE",
                    "feed.ics:12: error: '\"' inside the unquoted value of parameter CN on ATTENDEE",
                    "feed.ics:13: error: parameter CN on ATTENDEE has no '=' and value",
                    "feed.ics:14: error: parameter RSVP on ATTENDEE has no '=' and value",
                    "feed.ics:15: error: unexpected character after the quoted value of parameter CN on ATTENDEE",
                    "feed.ics:16: error: parameter VALUE appears more than once on X-ALMANAC",
                ])
    }

    // MARK: - Structure

    @Test func unbalancedBeginAndEnd() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;VALUE=DATE:20160122", "END:VTODO",
                ])) == [
                    "feed.ics:4: error: BEGIN:VEVENT has no END:VEVENT",
                    "feed.ics:8: error: END:VTODO with no BEGIN:VTODO",
                ])
        #expect(
            problems(Array(calendar(event()).dropLast())) == [
                "feed.ics:1: error: BEGIN:VCALENDAR has no END:VCALENDAR"
            ])
        // An END closes what was left open inside it; everything is still checked.
        let alarm = ["SUMMARY:a", "SUMMARY:b", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x"]
        #expect(
            problems(calendar(event(alarm))) == [
                "feed.ics:10: error: VEVENT has more than one SUMMARY (the first at line 9)",
                "feed.ics:11: error: BEGIN:VALARM has no END:VALARM",
                "feed.ics:11: error: VALARM has no TRIGGER",
            ])
        #expect(
            problems(calendar(event()) + ["END:VCALENDAR"]) == [
                "feed.ics:11: error: END:VCALENDAR with no BEGIN:VCALENDAR"
            ])
    }

    @Test func componentsMustBeWhereTheyBelong() {
        #expect(
            problems(event() + calendar(event(["BEGIN:VTIMEZONE", "END:VTIMEZONE"], uid: "b@test")) + calendar([])) == [
                "feed.ics:1: error: VEVENT outside VCALENDAR",
                "feed.ics:15: error: VTIMEZONE inside VEVENT; allowed only in VCALENDAR",
                "feed.ics:15: error: VTIMEZONE has no TZID",
                "feed.ics:15: error: VTIMEZONE has no STANDARD or DAYLIGHT",
                "feed.ics:19: warning: another VCALENDAR (the first begins at line 7); most clients read only the first",
                "feed.ics:19: error: VCALENDAR has no components (RFC 5545 requires at least one)",
            ])
    }

    @Test func theCalendarNeedsVersionAndProdidOnce() {
        #expect(
            problems(
                ["BEGIN:VCALENDAR", "VERSION:1.0", "VERSION:2.0", "CALSCALE:JULIAN", "METHOD:PUBLISH"]
                    + event() + ["END:VCALENDAR"]) == [
                    "feed.ics:1: error: VCALENDAR has no PRODID",
                    "feed.ics:2: error: VERSION is \"1.0\", not \"2.0\"",
                    "feed.ics:3: error: VCALENDAR has more than one VERSION (the first at line 2)",
                    "feed.ics:4: error: CALSCALE \"JULIAN\" is not GREGORIAN, the only one defined",
                ])
        #expect(
            problems(["BEGIN:VCALENDAR"] + event() + ["END:VCALENDAR"]) == [
                "feed.ics:1: error: VCALENDAR has no PRODID",
                "feed.ics:1: error: VCALENDAR has no VERSION",
            ])
    }

    // MARK: - Required properties and cardinality

    @Test func missingUID() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "DTSTAMP:20160101T000000Z", "DTSTART;VALUE=DATE:20160122",
                    "END:VEVENT",
                ])) == ["feed.ics:4: error: VEVENT has no UID"])
    }

    @Test func missingDTSTAMP() {
        #expect(
            problems(calendar(["BEGIN:VEVENT", "UID:a@test", "DTSTART;VALUE=DATE:20160122", "END:VEVENT"])) == [
                "feed.ics:4: error: VEVENT has no DTSTAMP"
            ])
    }

    @Test func dtstartIsRequiredOnlyWithoutMETHOD() {
        let noStart = ["BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z", "END:VEVENT"]
        #expect(
            problems(calendar(noStart)) == [
                "feed.ics:4: error: VEVENT has no DTSTART (required when VCALENDAR has no METHOD)"
            ])
        #expect(problems(calendar(["METHOD:CANCEL"] + noStart)) == [])
    }

    @Test func propertiesThatMayAppearOnce() {
        #expect(
            problems(
                calendar(
                    event([
                        "SUMMARY:One", "SUMMARY:Two", "UID:b@test", "DURATION:P1D", "RRULE:FREQ=DAILY",
                        "RRULE:FREQ=WEEKLY",
                    ]))) == [
                    "feed.ics:10: error: VEVENT has more than one SUMMARY (the first at line 9)",
                    "feed.ics:11: error: VEVENT has more than one UID (the first at line 5)",
                    "feed.ics:12: error: VEVENT has both DTEND (line 8) and DURATION",
                    "feed.ics:14: warning: VEVENT has more than one RRULE (the first at line 13)",
                ])
    }

    @Test func alarmsAndTimeZonesNeedTheirEssentials() {
        #expect(
            problems(
                calendar(
                    [
                        "BEGIN:VTIMEZONE",
                        "TZID:Europe/Paris",
                        "BEGIN:STANDARD",
                        "DTSTART:19701025T030000Z",
                        "TZOFFSETTO:+1:00",
                        "END:STANDARD",
                        "END:VTIMEZONE",
                    ]
                        + event([
                            "BEGIN:VALARM", "ACTION:DISPLAY", "REPEAT:2", "END:VALARM", "BEGIN:VALARM", "END:VALARM",
                        ]))) == [
                    "feed.ics:6: error: STANDARD has no TZOFFSETFROM",
                    "feed.ics:7: error: DTSTART in STANDARD must be a local DATE-TIME (no Z, no TZID)",
                    "feed.ics:8: error: TZOFFSETTO \"+1:00\" is not a UTC offset (like +0100 or -0530)",
                    "feed.ics:16: error: VALARM has no TRIGGER",
                    "feed.ics:16: error: DISPLAY VALARM has no DESCRIPTION",
                    "feed.ics:18: error: VALARM has REPEAT but no DURATION",
                    "feed.ics:20: error: VALARM has no ACTION",
                    "feed.ics:20: error: VALARM has no TRIGGER",
                ])
    }

    // MARK: - UIDs

    @Test func duplicateUID() {
        #expect(
            problems(calendar(event(uid: "same@test") + event(uid: "same@test"))) == [
                "feed.ics:11: error: duplicate UID \"same@test\" (the first at line 5)"
            ])
        let override = event(["RECURRENCE-ID;VALUE=DATE:20160122"], uid: "same@test")
        #expect(problems(calendar(event(uid: "same@test") + override)) == [])
        #expect(
            problems(calendar(override + override)) == [
                "feed.ics:12: error: duplicate UID \"same@test\" with RECURRENCE-ID \"20160122\" (the first at line 5)"
            ])
    }

    // MARK: - DTSTART and DTEND

    @Test func dtendBeforeDtstart() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART:20160122T100000Z", "DTEND:20160122T093000Z",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:b@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;VALUE=DATE:20160122", "DTEND;VALUE=DATE:20160122",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:c@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;TZID=Europe/Paris:20160122T100000", "DTEND:20160120T100000Z",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:d@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;TZID=Europe/Paris:20160122T100000", "DTEND:20160122T093000Z",
                    "END:VEVENT",
                ])
            ).filter { !$0.contains("TZID \"") } == [
                "feed.ics:8: error: DTEND \"20160122T093000Z\" is not after DTSTART \"20160122T100000Z\" (line 7)",
                "feed.ics:14: error: DTEND \"20160122\" is not after DTSTART \"20160122\" (line 13)",
                "feed.ics:20: error: DTEND \"20160120T100000Z\" is not after DTSTART \"20160122T100000\" (line 19)",
            ])
    }

    @Test func dateAndDateTimeMustAgree() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;VALUE=DATE:20160122", "DTEND:20160123T000000",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:b@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART:20160122", "DTEND;VALUE=DATE:20160123T100000",
                    "END:VEVENT",
                ])) == [
                    "feed.ics:8: error: DTEND is a DATE-TIME but DTSTART (line 7) is a DATE",
                    "feed.ics:13: error: DTSTART \"20160122\" is a DATE but has no VALUE=DATE",
                    "feed.ics:14: error: DTEND has VALUE=DATE but \"20160123T100000\" is a DATE-TIME",
                ])
    }

    @Test func floatingAndUTCCannotBeMixed() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART:20160122T100000", "DTEND:20160122T110000Z",
                    "END:VEVENT",
                ])) == [
                    "feed.ics:8: error: DTEND is UTC but DTSTART (line 7) is floating; both or neither must be floating"
                ])
    }

    @Test func allDayDurationsAreInDays() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z", "DTSTART;VALUE=DATE:20160122",
                    "DURATION:PT24H",
                    "END:VEVENT",
                ])) == ["feed.ics:8: error: DURATION \"PT24H\" of an all-day VEVENT must be in days or weeks"])
    }

    @Test func untilMatchesDtstart() {
        #expect(
            problems(
                calendar(
                    event([
                        "RRULE:FREQ=DAILY;UNTIL=20160130T000000Z", "RRULE:FREQ=DAILY;COUNT=3;UNTIL=20160130",
                        "RRULE:FREQ=FORTNIGHTLY", "RRULE:INTERVAL=2", "RRULE:FREQ=DAILY;INTERVAL=0",
                    ]))) == [
                    "feed.ics:9: error: RRULE UNTIL \"20160130T000000Z\" must be a DATE to match DTSTART (line 7)",
                    "feed.ics:10: error: RRULE has both COUNT and UNTIL",
                    "feed.ics:10: warning: VEVENT has more than one RRULE (the first at line 9)",
                    "feed.ics:11: error: RRULE FREQ \"FORTNIGHTLY\" is not a frequency",
                    "feed.ics:11: warning: VEVENT has more than one RRULE (the first at line 9)",
                    "feed.ics:12: error: RRULE has no FREQ",
                    "feed.ics:12: warning: VEVENT has more than one RRULE (the first at line 9)",
                    "feed.ics:13: error: RRULE INTERVAL \"0\" is not a positive integer",
                    "feed.ics:13: warning: VEVENT has more than one RRULE (the first at line 9)",
                ])
    }

    // MARK: - TZID

    @Test func tzidWithoutVTIMEZONE() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;TZID=Europe/Paris:20160122T100000", "DTEND;TZID=Europe/Paris:20160122T110000",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:b@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;TZID=America/New_York:20160122T100000",
                    "END:VEVENT",
                    "BEGIN:VEVENT", "UID:c@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;VALUE=DATE;TZID=Europe/Paris:20160122", "DTEND;TZID=Europe/Paris:20160122T110000Z",
                    "END:VEVENT",
                ])) == [
                    "feed.ics:7: error: TZID \"Europe/Paris\" has no VTIMEZONE (and 3 more uses)",
                    "feed.ics:13: error: TZID \"America/New_York\" has no VTIMEZONE",
                    "feed.ics:18: error: DTSTART is a DATE and cannot have a TZID",
                    "feed.ics:19: error: DTEND has a TZID and a UTC time (Z)",
                ])
    }

    @Test func aVTIMEZONEAfterItsFirstUseCounts() {
        let zone = [
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "END:STANDARD", "END:VTIMEZONE",
        ]
        let zoned = [
            "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z", "DTSTART;TZID=Asia/Tokyo:20160122T100000",
            "END:VEVENT",
        ]
        #expect(problems(calendar(zoned + zone)) == [])
        #expect(
            problems(calendar(zoned + zone + zone)) == [
                "feed.ics:18: error: another VTIMEZONE for TZID \"Asia/Tokyo\" (the first at line 10)"
            ])
    }

    // MARK: - Values

    @Test func badSEQUENCE() {
        #expect(
            problems(calendar(event(["SEQUENCE:-1"]))) == [
                "feed.ics:9: error: SEQUENCE \"-1\" is not a non-negative integer"
            ])
        #expect(
            problems(calendar(event(["SEQUENCE:two"]))) == [
                "feed.ics:9: error: SEQUENCE \"two\" is not a non-negative integer"
            ])
    }

    @Test func badSTATUS() {
        #expect(
            problems(calendar(event(["STATUS:NEEDS-ACTION"]))) == [
                "feed.ics:9: error: STATUS \"NEEDS-ACTION\" is not valid in VEVENT (TENTATIVE, CONFIRMED or CANCELLED)"
            ])
    }

    @Test func dtstampNotUTC() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000", "DTSTART;VALUE=DATE:20160122",
                    "LAST-MODIFIED:20160101", "END:VEVENT",
                ])) == [
                    "feed.ics:6: error: DTSTAMP \"20160101T000000\" must be UTC (end in Z)",
                    "feed.ics:8: error: LAST-MODIFIED \"20160101\" is not a UTC DATE-TIME (YYYYMMDDTHHMMSSZ)",
                ])
    }

    @Test func datesAndTimesMustBeReal() {
        #expect(
            problems(
                calendar([
                    "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20160101T000000Z",
                    "DTSTART;VALUE=DATE:20150229", "DTEND:2016-01-23", "RECURRENCE-ID:20160122T250000",
                    "EXDATE:20160122T100000,x",
                    "END:VEVENT",
                ])) == [
                    "feed.ics:7: error: DTSTART \"20150229\" is not a real date",
                    "feed.ics:8: error: DTEND \"2016-01-23\" is not a DATE-TIME (YYYYMMDDTHHMMSS)",
                    "feed.ics:9: error: RECURRENCE-ID \"20160122T250000\" is not a real time of day",
                    "feed.ics:10: error: EXDATE \"x\" is not a DATE-TIME (YYYYMMDDTHHMMSS)",
                ])
    }

    @Test func otherValueTypes() {
        #expect(
            problems(
                calendar(
                    event([
                        "TRANSP:BUSY",
                        "PRIORITY:10",
                        "URL:www.example.org",
                        "GEO:51.05,3.72",
                        "BEGIN:VALARM", "ACTION:AUDIO", "TRIGGER:15M", "END:VALARM",
                        "SUMMARY:Party, with; friends",
                        "LOCATION:Ghent\\, Belgium",
                        "COMMENT:Tab\\t",
                    ])) + ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x", "REFRESH-INTERVAL:PT0S"] + event(uid: "b@test")
                    + ["END:VCALENDAR"]) == [
                    "feed.ics:9: error: TRANSP \"BUSY\" is not OPAQUE or TRANSPARENT",
                    "feed.ics:10: error: PRIORITY \"10\" is not an integer from 0 to 9",
                    "feed.ics:11: error: URL \"www.example.org\" is not a URI (no scheme)",
                    "feed.ics:12: error: GEO \"51.05,3.72\" is not latitude;longitude",
                    "feed.ics:15: error: TRIGGER \"15M\" is not a duration (like PT1H or -P1D)",
                    "feed.ics:17: error: SUMMARY has an unescaped ','",
                    "feed.ics:19: error: COMMENT has an invalid escape \"\\t\"",
                    "feed.ics:22: warning: another VCALENDAR (the first begins at line 1); most clients read only the first",
                    "feed.ics:25: error: REFRESH-INTERVAL needs VALUE=DURATION",
                    "feed.ics:25: error: REFRESH-INTERVAL \"PT0S\" is not a positive duration",
                ])
    }

    @Test func outputIsSortedByLineAndPrintsLikeACompiler() {
        let diagnostics = validator.validate(calendar(event(["SEQUENCE:x"])).joined(separator: "\n"), path: "a/b.ics")
        #expect(
            diagnostics.map(\.description) == [
                "a/b.ics:1: error: line ends with a bare LF, not CRLF (and 9 more lines)",
                "a/b.ics:9: error: SEQUENCE \"x\" is not a non-negative integer",
                "a/b.ics:11: error: last line does not end with CRLF",
            ])
        #expect(diagnostics.map(\.severity) == [.error, .error, .error])
    }
}
