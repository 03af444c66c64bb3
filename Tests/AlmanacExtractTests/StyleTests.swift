import AlmanacCore
import AlmanacExtract
import AlmanacRead
import Foundation
import Testing

/// Notes in the styles other communities write (bulleted minutes with labels, speaker-by-speaker prose,
/// numeric US dates in page text): general rules must read them as well as the weekly notes.
struct StyleTests {
    func extract(_ file: String) throws -> [String] {
        try fixtureItems(file).map(describe)
    }

    /// The items of a style fixture, as the extractor gives them.
    func fixtureItems(_ file: String) throws -> [Item] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/styles/\(file)", withExtension: nil))
        return try items(at: url.path)
    }

    @Test func bulletedMinutesWithLabels() throws {
        #expect(try extract("bulleted-minutes.md") == [
            "meeting/call; Steering committee minutes; 2016-10-12; past; people Maria Lopez|Dev Patel|Hiroshi Tanaka|Sam Okoro",
            "event/meetup; PyLadies Lisbon meetup; 2016-10-20T18:30; scheduled",
            "event/release; 2.3 release; 2016-10-11; past",
            "event/hackathon; Sprint at EuroConf; undated; cancelled",
            "deadline/cfp; ConfX 2017 call for proposals closes; 2016-11-30T23:59; scheduled; for ConfX 2017",
            "event/conference; ConfX 2017; undated; scheduled",
            "event/conference; FOSSCon; 2016-11; scheduled",
            "deadline/registration; Developer Summit registration deadline; 2016-11-04; scheduled; for Developer Summit",
            "event/summit; Developer Summit; 2016-12-05; to 2016-12-07; scheduled; in Austin, TX",
            "project/other; Plugin registry; undated; in-progress; people Hiroshi",
            "event/hackathon; December sprint; 2016-12; scheduled",
            "event/release; 2.4 release; undated; scheduled",
            "meeting/call; Next call; 2016-10-26T17:00; scheduled",
        ])
    }

    /// GitHub-flavoured minutes: handles in the attendees line, a roles table, a CfP with the event's
    /// own date in the next sentence, registration "open until" a date, "shipped", quoted project ideas
    /// with their mentors, task-list action items; "followup from last meeting: … our next Town Hall - we
    /// have scheduled it for 26 March" schedules the town hall, not a call.
    @Test func githubStyleMinutes() throws {
        #expect(try extract("github-minutes.md") == [
            "meeting/call; Community call — 4 March 2026; 2026-03-04; past; people bjorn|amara|Carla Mendes|Deniz",
            "deadline/cfp; OpenInfra Days Lisbon call for talks deadline; 2026-03-20; scheduled; for OpenInfra Days Lisbon",
            "event/conference; OpenInfra Days Lisbon; 2026-05-14; to 2026-05-15; scheduled",
            "deadline/registration; spring docs sprint registration deadline; 2026-03-27; scheduled; for spring docs sprint",
            "event/hackathon; spring docs sprint; 2026-04-02; to 2026-04-03; scheduled",
            "event/release; v3.2 release; 2026-02-27; past",
            "project/gsoc; Plugin sandbox; undated; proposed; people Deniz",
            "project/gsoc; Metrics exporter; undated; proposed; people Amara|Bjorn",
            "event/meetup; Town Hall; 2026-03-26T10:00; scheduled",
            "meeting/call; Next call; 2026-03-18T16:00; scheduled",
        ])
    }

    /// A wiki page of board minutes (HTML): an event named only by "takes place", a postponement to a
    /// later date in a past-tense sentence, interns of a programme named in the sentence under a
    /// heading that names another.
    @Test func wikiBoardMinutes() throws {
        #expect(try extract("wiki-board-minutes.html") == [
            "meeting/call; Board meeting, 13 January 2027; 2027-01-13; past; people Ruth Adeyemi|Tomás Silva|Ingrid Holm",
            "event/other; FOSDEM 2027; 2027-02-06; to 2027-02-07; scheduled; in Brussels",
            "event/hackathon; Winter Hackathon; 2027-02-20; postponed",
            "deadline/submission; PackagingCon 2027 submissions due; 2027-01-31; scheduled; for PackagingCon 2027",
            "project/outreachy; Translation tooling; undated; proposed",
        ])
    }

    /// A table of upcoming events (Event | Date | Location): one event per row, dated and placed by its
    /// cells, an ISO date range among them.
    @Test func eventsTable() throws {
        #expect(try extract("events-table.md") == [
            "meeting/call; Meetup organisers sync; 2026-06-10; past; people Mei|Priya|Jonas",
            "event/meetup; Rust Meetup Berlin; aka Rust Meetup; 2026-06-24; scheduled; in c-base",
            "event/workshop; Embedded Rust Workshop; 2026-07-08; scheduled; in Online",
            "event/other; RustFest Zürich; 2026-11-05; to 2026-11-07; scheduled; in Zürich",
            "event/talk; Mei talk at EuroRust; aka EuroRust; 2026-10-15; scheduled",
            "deadline/cfp; RustFest Zürich CfP deadline; 2026-07-31; scheduled; for RustFest Zürich",
        ])
    }

    /// A plain-text sync: an event moved from one date to another takes the new one; a programme's
    /// quoted project; "close on Friday"; a cancelled next week and the next call.
    @Test func plainTextSync() throws {
        #expect(try extract("plain-sync.txt") == [
            "meeting/call; Meeting 2026-04-21; 2026-04-21; past; people Hana|Luca|Sofia",
            "event/meetup; Berlin install party; 2026-05-09; scheduled",
            "project/outreachy; Offline maps; undated; proposed",
            "deadline/application; summer internship applications deadline; 2026-04-24; scheduled; for summer internship",
            "meeting/call; Next call; 2026-05-05T15:00; scheduled",
            "meeting/call; Call (cancelled); 2026-04-28; cancelled",
        ])
    }

    @Test func speakerBySpeakerProse() throws {
        #expect(try extract("speaker-prose.md") == [
            "meeting/call; Dev call notes; 2017-03-08; past; people Ana|Ben|Chloe|Dmitri",
            "event/hackathon; Hackathon in Berlin; 2017-03-04; to 2017-03-05; past; in Berlin",
            "event/talk; Ben talk at RustFest; aka RustFest; 2017-04; scheduled",
            "event/release; 0.7 release; undated; postponed",
            "deadline/application; GSoC applications close; 2017-04-03; scheduled; for GSoC",
            "project/outreachy; Accessibility; undated; in-progress",
            "project/outreachy; Docs site; undated; in-progress",
            "meeting/call; Call (cancelled); 2017-03-15; cancelled",
            "meeting/call; Next call; 2017-03-22; scheduled",
        ])
    }

    @Test func numericUSDatesInPageText() throws {
        #expect(try extract("us-dates.txt") == [
            "meeting/call; Community Meeting 2018-09-12; 2018-09-12; past; people Jordan Lee|Priya Shah|Tom Becker|Yuki Sato",
            "deadline/registration; RSVP deadline; 2018-09-25; scheduled; for Kickoff party",
            "event/meetup; Kickoff party; 2018-09-28T17:00; to 2018-09-28T19:00; scheduled",
            "event/release; Release candidate 1; 2018-09-10; past",
            "event/release; Final release; 2018-10-01; scheduled",
            "event/hackathon; documentation sprint; 2018-10; proposed",
            "meeting/call; Next call; 2018-09-26T10:00; scheduled",
        ])
    }

    /// A release schedule: a key-dates list led by dates ("**Thursday 18th March 2027**: Week 3 — Feature
    /// Freeze") and a timeline table (What | Who | When). Freezes are deadlines (with the time the row
    /// gives), released versions are releases, team meetings are meetings; internal steps ("Team
    /// finalized", "Release blog published", a reminder) are no items; "String Freeze and Docs Freeze" is two.
    @Test func releaseSchedule() throws {
        #expect(try extract("release-schedule.md") == [
            "deadline/other; Feature Freeze; 2027-03-18T23:59; scheduled",
            "event/release; Tidepool v3.4.0 release; aka v3.4.0 release; 2027-04-13; scheduled",
            "event/release; v3.4.0-beta.1 release; 2027-03-16; scheduled",
            "meeting/call; Weekly triage meetings; 2027-03-22; scheduled",
            "deadline/other; String Freeze; 2027-04-02; scheduled",
            "deadline/other; Docs Freeze; 2027-04-02; scheduled",
            "meeting/call; Release retrospective; 2027-04-15T16:00; scheduled",
        ])
    }

    /// A conference page (HTML): `Key: date` lines (the page's own "Conference dates", placed by the
    /// "Location" line beside it; a side event in a slot of time), an "Important dates" paragraph of `<br>` lines led by dates (the call opening and
    /// notifications are no items), a date alone with its entries under it ("deadline for poster and
    /// demo proposals" is two deadlines; "3 May (or earlier)" leans no way), "the final deadline for talks
    /// and tutorials is …" (two), and "All deadlines are at 23:59 UTC", which times every deadline.
    @Test func conferenceImportantDates() throws {
        #expect(try extract("conference-dates.html") == [
            "event/conference; Ghent Compiler Days 2027; 2027-06-09; to 2027-06-10; scheduled; in Ghent, Belgium",
            "event/other; Newcomers breakfast; 2027-06-09T08:00; to 2027-06-09T09:00; scheduled",
            "deadline/submission; Talk Submission Deadline; aka Submission Deadline; 2027-04-02T23:59; scheduled",
            "deadline/registration; Registration Closes; 2027-05-14T23:59; scheduled",
            "deadline/cfp; Poster proposals deadline; 2027-04-12T23:59; scheduled",
            "deadline/cfp; Demo proposals deadline; 2027-04-12T23:59; scheduled",
            "deadline/submission; Revised posters due; 2027-05-03T23:59; scheduled",
            "deadline/cfp; Talks final deadline; 2027-05-07T23:59; scheduled",
            "deadline/other; Tutorials final deadline; 2027-05-07T23:59; scheduled",
        ])
    }

    /// A conference's page dated by the conference ("Conference Dates: October 14-15, 2027"): a deadline
    /// written without its year ("runs until September 20th, and then prices will increase") is before
    /// the conference, not a year after; "Location" is the conference's place, not an event; a sentence
    /// under "Registration" that names its own subject ("your talk proposal") or asks nothing ("Videos
    /// will be online by …") closes no registration; its programme's sessions ("Debug Info BoF - two
    /// speakers") are slots of the conference, not events; a section's "WHEN: 5:30pm to 1am, Weds Oct 13"
    /// dates the thing its heading names, ending the next day. Each item's sources name the rule that read them.
    @Test func conferencePageDatedByItsConference() throws {
        #expect(try extract("conference-own-date.html") == [
            "event/conference; Harbour Systems Conference 2027; 2027-10-14; to 2027-10-15; scheduled; in Maritime Hall, Rotterdam",
            "deadline/registration; registration deadline; 2027-09-20; past",
            "event/other; Cocktail Hour; 2027-10-13T17:30; to 2027-10-14T01:00; scheduled",
        ])
        #expect(try fixtureItems("conference-own-date.html").map { $0.sources.map { "\($0.line) \($0.rule ?? "-")" } } == [
            ["4 Events.nounPhrases", "6 Events.dateFromSection"], ["11 Deadlines.extract"], ["17 Schedules.line"],
        ])
    }

    /// A newsletter's upcoming events: "[Name](…): date. Place." entries under an events heading, a CfP
    /// "open until" a date, `Key: date` deadlines, and a list of releases ("name version - what it is"
    /// under "New releases this week:"; an entry with no version is no release, except under a line that
    /// names its entries releases: "Debut release").
    @Test func newsletterUpcomingEvents() throws {
        #expect(try extract("upcoming-events.md") == [
            "event/other; Lisbon Lispers 12; 2027-02-18; scheduled",
            "deadline/cfp; Tidecon 2027 CFP deadline; 2027-01-31; scheduled; for Tidecon 2027",
            "event/other; Tidecon 2027; 2027-03-03; to 2027-03-04; scheduled; in Porto, PT",
            "event/hackathon; Parens Jam; 2027-04-10; to 2027-04-11; scheduled; in Online",
            "deadline/submission; Submission deadline; 2027-02-14; scheduled",
            "event/release; tidepool 3.4.1; undated; past",
            "event/release; parens-lint v0.9.0-rc2; undated; past",
            "event/release; harbor.clj 2027.01.18; undated; past",
            "event/release; kelp; undated; past",
        ])
    }
    /// A plenary's agenda: the header block's day range and place, names one a paragraph under an
    /// "Attendees" heading (the chair first), future meetings as a list under a lead line and as a table
    /// (a month alone, placeholders left out).
    @Test func plenaryAgenda() throws {
        #expect(try extract("plenary-agenda.md") == [
            "meeting/call; Agenda for the 12th plenary of the Widget Standards Group; 2026-10-14; to 2026-10-16; past; in Porto, Portugal; people Kenji Mori|Ana Ferreira|Lea Novak",
            "meeting/call; Meeting, Oslo; 2027-02-09; to 2027-02-11; scheduled; in Oslo",
            "meeting/call; Meeting, Remote; 2027-05-18; to 2027-05-20; scheduled; in Remote",
            "meeting/call; Meeting, Nairobi, KE (Acme); 2027-09-14; to 2027-09-16; scheduled; in Nairobi, KE",
            "meeting/call; Meeting; 2027-11; scheduled",
        ])
    }

    /// Minutes exported to Markdown with an HTML attendance table: only the rows marked "x" attended,
    /// affiliations in parentheses are no names.
    @Test func htmlAttendanceTable() throws {
        #expect(try extract("html-attendance.md") == [
            "meeting/call; 2027-03-02 Meeting; 2027-03-02; past; people Ana Ferreira|Lea Novak",
            "meeting/call; Next call; 2027-03-16; scheduled",
        ])
    }

    /// A call for participation records no meeting: its title's "Call for", and "People who…" or
    /// "Present your work" at the start of a line, are no meeting's.
    @Test func postWithoutMeeting() throws {
        #expect(try extract("cfp-post.md") == [
            "event/other; Tidecon 2027; 2027-03-12; to 2027-03-13; scheduled; in Ghent",
            "deadline/cfp; call for papers closes; 2026-11-30; scheduled",
        ])
    }

    /// An AsciiDoc ideas page: a heading per idea with its "Potential mentors:" (names in links on the
    /// next lines, or after a bold name with no colon) and "Estimated difficulty:"; a heading without
    /// people is no idea, nor is the "Project name" of a template.
    @Test func ideaSectionsInAsciiDoc() throws {
        let items = try fixtureItems("summer-ideas.adoc")
        #expect(items.map(describe) == [
            "project/gsoc; Offline map tiles; undated; proposed; people Ana Ferreira|Kenji Mori",
            "project/gsoc; Accessible charts; undated; proposed; people Lea Novak",
            "project/gsoc; Tide table widget; undated; proposed; people Rui Costa",
        ])
        #expect(items.map(\.difficulty) == [nil, 2, nil])
    }

    /// An HTML table of accepted projects (project | student | mentors): one in-progress project a row,
    /// the student first.
    @Test func acceptedProjectsTable() throws {
        #expect(try extract("accepted-projects.html") == [
            "project/gsoc; Faster tile cache; undated; in-progress; people Rui Costa|Ana Ferreira|Kenji Mori",
            "project/gsoc; Chart narration; undated; in-progress; people Mira Das|Lea Novak",
        ])
    }

    /// Meetings named with their date in minutes ("at the 4/20 meeting", "cancel the May 18th steering
    /// meeting", "the board meeting later this week", "Office hours: two meetings starting on May 24"),
    /// not a meeting of last week or a meeting's agenda;
    /// a schedule row about meetings (or a retrospective) is a meeting, not also an event.
    @Test func datedMeetingMentions() throws {
        #expect(try extract("dated-mentions.md") == [
            "meeting/call; 2027-05-04 Meeting; 2027-05-04; past; people Ana Ferreira|Kenji Mori",
            "meeting/call; Meeting; 2027-04-20; past",
            "meeting/call; Steering meeting; 2027-05-18; tentative; cancelled",
            "meeting/call; Steering meeting; 2027-06-01; scheduled",
            "meeting/call; Board meeting; 2027-05-03; to 2027-05-09; tentative; tentative",
            "meeting/call; Office hours for newcomers; 2027-05-24; scheduled",
            "meeting/call; Thursday APAC-friendly meetings; 2027-05-13; scheduled",
            "meeting/call; Release retrospective; 2027-05-27; scheduled",
        ])
    }

    /// A post about a programme: the list its lead line says holds the suggested projects is one idea an
    /// entry (the programme from the post's title); a list of steps or of examples is none; the links a
    /// sentence about a programme's projects lists are its projects (done: the sentence tells of the past).
    @Test func programmePost() throws {
        #expect(try extract("gsoc-post.md") == [
            "project/gsoc; Offline map tiles; undated; proposed",
            "project/gsoc; Tide alerts 2.0; undated; proposed",
            "project/gsoc; Improvements to the chart renderer; undated; proposed",
            "project/gsoc; Offline sync for notes; undated; done",
            "project/gsoc; Chart narration; undated; done",
        ])
    }

    /// Board minutes: a "Chair:" line names the chair first; every "… present:" list counts, inline or as
    /// bullets below it; "Absent:" does not. A key ending in "by" ("Candidates self-nominate by: July 2")
    /// is a deadline; "Results announced on:" is no item. A town hall is an event (a room in a town hall is
    /// not), dated by the sentence after it that is only a date ("… update (Dana). Jul 8, 17:00 UTC.").
    /// "Tidepool Day (week of July 12)": a proper name and a date make a day an event ("a full day" is not).
    /// "Cancel the July 20th call …, with HarbourConf happening that week?": the event is that week (Monday
    /// to Sunday), stated, not asked; "the talk schedule" is no talk; "X happens on July 25th" is an event.
    @Test func boardMinutesWithPresentLists() throws {
        #expect(try extract("board-minutes.md") == [
            "meeting/call; Board minutes; 2027-06-09; past; people Ruth Adeyemi|Tomás Silva|Ingrid Holm|Dana Kim|Omar Haddad",
            "event/meetup; Spring Town Hall; 2027-07-08T17:00; scheduled",
            "event/other; Tidepool Day; 2027-07-12; to 2027-07-18; scheduled",
            "deadline/other; Candidates self-nominate by; 2027-07-02; scheduled",
            "event/other; HarbourConf; 2027-07-19; to 2027-07-25; scheduled",
            "meeting/call; Board call; 2027-07-20; tentative; cancelled",
            "event/other; Riverside Fair; 2027-07-25; scheduled",
        ])
    }

    /// A conference page records no meeting and lists none: an "Agenda" of talks, "Participants:"
    /// without names, "Last call for talks", a list of events and meetings, "volunteers sync on
    /// Friday … meeting at the venue" (verbs).
    @Test func conferencePageHasNoMeetings() throws {
        #expect(try extract("conference-page.md").filter { $0.hasPrefix("meeting/") } == [])
    }
}

extension StyleTests {
    /// A timeline of headings that are dates, each over a bold line saying what happens: the headings
    /// run forward (FEB 3 after DEC 1 is in the next year), one conference in two places on two days is
    /// two events, a plain paragraph under a date is no entry, and an undated event named only by
    /// ordinary words ("a 2-day workshop", "the traditional meetup") is no particular event. "Call for
    /// Outreachy project proposals" names a programme, not a project. What people submit within days
    /// ("APR 6 - 13: Mentors submit …") is due on the last of them.
    @Test func timelineOfDatedHeadings() throws {
        #expect(try extract("timeline-headings.adoc") == [
            "event/conference; Booth at the Harbour Tech conference in Lisbon, Portugal; aka Harbour Tech conference; 2026-10-05; scheduled; in Lisbon, Portugal",
            "event/summit; Maintainers Summit in Tallinn, Estonia; aka Maintainers Summit; 2026-11-09; to 2026-11-11; scheduled; in Tallinn, Estonia",
            "event/conference; Booth at the Harbour Tech conference in Austin, Texas; aka Harbour Tech conference; 2026-12-01; scheduled; in Austin, Texas",
            "deadline/application; Mentor application deadline; 2027-02-03; scheduled",
            "deadline/application; Student application deadline; 2027-03-30; scheduled",
            "deadline/other; Mentors submit their first evaluations; 2027-04-13; scheduled",
        ])
    }
}

extension StyleTests {
    /// A release process post: a dated entry whose name is in parentheses after its date ("(final
    /// branching)", while "(or earlier)" names nothing), and a table whose date column says what its
    /// dates are ("Cutoff date"): each row is its component's cut-off, rows of one day stay apart. "A
    /// subsequent 4.x release" is no particular release, and a "release manager" none at all.
    @Test func releaseProcessCutoffs() throws {
        #expect(try extract("release-process.md") == [
            "event/release; Quill 4.0 release; undated; scheduled",
            "deadline/other; Final branching; 2027-03-03; scheduled",
            "deadline/other; Quill-core cutoff date; 2027-03-17; scheduled",
            "deadline/other; Quill-cli cutoff date; 2027-04-07; scheduled",
            "deadline/other; Quill-docs cutoff date; 2027-04-07; scheduled",
        ])
    }
}

extension StyleTests {
    /// An agenda for an in-person meeting: its "Dates" line names the weekdays of the range before its
    /// days; a section's "Date & time" line dates the thing its heading names; a day after "by" under a
    /// call's lead-in or a "Registration" heading is when that closes, and a notice sent "by" a day is not;
    /// "forms - due by April 2" is the forms' deadline ("It is due …" names nothing); "Please register here
    /// (link) before 5 March" is the registration deadline; applications that "start on 1 February, and end on
    /// 20 February at 18:00 UTC" close on the 20th. "The June CG meeting at UCL" is a meeting; UCL is where
    /// it is held, not an event.
    @Test func inPersonMeetingAgenda() throws {
        #expect(try extract("in-person-agenda.md") == [
            "meeting/call; Agenda for the spring in-person meeting; 2027-03-10; to 2027-03-11; past",
            "event/other; Tooling Day; 2027-03-09T09:30; to 2027-03-09T16:00; past",
            "deadline/cfp; Call for Demos closes; 2027-02-12; past",
            "deadline/registration; Registration closes; 2027-02-26; past",
            "deadline/other; Travel reimbursement forms due; 2027-04-02; scheduled",
            "deadline/registration; Registration deadline; 2027-03-05; past",
            "deadline/application; Travel grant applications deadline; 2027-02-20T18:00; past; for Travel grant",
            "meeting/call; CG meeting; 2027-06; scheduled",
        ])
    }
}

extension StyleTests {
    /// A newsletter's list of talks: the line that introduces the list gives the day ("both on Sunday"),
    /// each item its time, and the linked title after a verb of presenting is the talk's title. A linked
    /// issue someone will discuss, with no time, is no talk.
    @Test func talksListedUnderTheirDay() throws {
        #expect(try extract("talks-list.md") == [
            "event/talk; Mapping the Tides; 2027-03-07T11:15; scheduled; in Room B",
            "event/talk; Charts for Everyone; 2027-03-07T16:00; scheduled",
        ])
    }
}

extension StyleTests {
    /// A conference page's header list: "When" dates the page's own event, "Where" places it. A "What" line
    /// beside the "When" names what it dates (unless it names a meeting: "The fifth meeting of …"), not the
    /// heading above the list.
    @Test func whatWhenWhereHeader() throws {
        #expect(try extract("what-when-where.html") == [
            "event/conference; Tidecon 2027; 2027-10-14; to 2027-10-15; scheduled; in Harbour Hall - Aveiro, Portugal",
            "event/summit; The Harbour Tide Summit; 2027-11-03; scheduled",
        ])
    }
}

extension StyleTests {
    /// A release calendar whose months are columns: a day under "FEB" is that February's, of the year the
    /// text above the table last stated; a quoted name that "begins" is the cut-off's name; the end of a
    /// freeze is no cut-off; a version alone is its release, the release the page is about.
    @Test func monthsAsColumns() throws {
        #expect(try extract("month-columns.md") == [
            "meeting/call; Weekly triage meetings; 2027-01-06; past",
            "event/release; 5.0.0-beta.1 release; 2027-02-09; past",
            "deadline/other; String Freeze; 2027-02-15; past",
            "event/release; Quill 5.0 release; aka v5.0.0 release; 2027-03-16; past",
        ])
    }
}

extension StyleTests {
    /// A newsletter's linked names right before their days, in a sentence about events, are events there;
    /// a linked post read "on Sept 3" is not. A line led by a day and a colon gives the list under it its day.
    /// "[tidebot] has reached version 2.7.0" is its release ("has reached 40 entries" is not). "Save the
    /// date: 14–16 April 2028" dates the event its section's heading names, with the heading's year.
    @Test func linkedEventsAndDayLines() throws {
        #expect(try extract("newsletter-links.md") == [
            "event/other; Heart of Tides; 2027-09-18; to 2027-09-19; scheduled; in Leuven, Belgium",
            "event/other; Tidecon; 2027-10-23; to 2027-10-25; scheduled; in Aveiro, Portugal",
            "event/workshop; Tide Camp Discord; 2027-09-10T13:30; scheduled",
            "event/release; tidebot 2.7.0 release; undated; past",
            "event/other; Riverfest 2028; 2028-04-14; to 2028-04-16; scheduled",
        ])
    }
}

extension StyleTests {
    /// A newsletter of quoted reports: a block quote's paragraphs, lists and nested lists are read as
    /// the note's own blocks ("Save the date: 22–25 May 2028" inside a quote dates the event its section
    /// names); "the Ferry Summit 2028" keeps its year, and "last week" (another year) is not its date; a
    /// nested list is introduced by its parent item ("now deploying:" lists no releases); a link whose event
    /// noun is followed by a lower-case word ("[the summit's conference management system]") names no event.
    @Test func quotedReports() throws {
        #expect(try extract("quoted-reports.md") == [
            "event/summit; Ferry Summit 2028; 2028-05-22; to 2028-05-25; scheduled",
            "event/conference; Lighthouse Conference; undated; proposed",
            "event/release; tidewatch 3.1.0; undated; past",
        ])
        #expect(try fixtureItems("quoted-reports.md").first?.sources.map { "\($0.line):\($0.column) \($0.rule ?? "-")" } == [
            "6:4 Events.nounPhrases", "10:43 Events.nounPhrases", "14:3 Schedules.line",
        ])
    }

    /// A conference announced for a month ("this September") and given its days by a later sentence of
    /// the note about "the conference"; a devroom of another conference is a part of it, not the same
    /// event; "Tidecon 2027 takes place on 6 and 7 November" is in the name's year.
    @Test func conferenceAnnouncement() throws {
        #expect(try extract("conference-announcement.md") == [
            "event/conference; Harbour Conference; 2027-09-20; to 2027-09-23; scheduled; in Ghent",
            "event/summit; Ferry Summit; undated; scheduled",
            "event/conference; Tidecon 2027 Ferry Devroom; aka Devroom; undated; scheduled",
            "event/other; Tidecon 2027; 2027-11-06; to 2027-11-07; scheduled; in Leuven",
        ])
    }

    /// Minutes whose replies are led by the speaker's first name ("Omar: I've been posting to …"): the
    /// speakers are attendees, not events.
    @Test func speakerLabelsAreNoEvents() throws {
        #expect(try extract("speaker-labels.md") == [
            "meeting/call; 2027-02-03 Steering meeting; 2027-02-03; past; people Dana Reyes|Omar Haddad|Lin Zhou",
        ])
    }
}
