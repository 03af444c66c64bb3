@testable import AlmanacBoard
import AlmanacCore
import AlmanacModel
import Foundation
import Testing

struct SubscribePageTests {
    static func day(_ text: String) -> CivilDate { CivilDate(text)! }

    static func note(_ date: String, title: String? = nil, permalink: String? = nil) -> NoteInfo {
        NoteInfo(path: "notes/\(date).md", date: day(date), dateSource: .frontMatter,
            title: title ?? "Weekly Meeting: \(date)", permalink: permalink ?? "/wiki/weekly-\(date)", format: .markdown)
    }

    static func timed(_ date: String, _ hour: Int, _ minute: Int, _ zone: Zone?) -> When {
        When(start: day(date), startTime: TimeOfDay(hour: hour, minute: minute), precision: .datetime, zone: zone)
    }

    static let aoe = Zone(name: "AoE", utcOffsetMinutes: -720)
    static let pacific = Zone(name: "PT", tzid: "America/Los_Angeles")

    static let feeds = [
        SubscribePage.Feed(name: "Mirage", file: "calendar.ics", description: "Events, deadlines and meetings", eventCount: 12),
        SubscribePage.Feed(name: "Mirage: deadlines", file: "deadlines.ics", description: "Calls for papers", eventCount: 1),
    ]

    static let noteLink: @Sendable (NoteRef) -> String? = { "https://example.org" + ($0.permalink ?? "/" + $0.path) }

    /// Two notes; deadlines before the window, in it, timed in AoE, PT (daylight saving) and no zone,
    /// a month, a cancelled one; an event and two projects.
    static func model() -> Model {
        let early = [
            Item(kind: .deadline, subkind: .cfp, title: "Old CfP closes", when: .day(day("2015-12-19")), forEvent: "Old Conf"),
            Item(kind: .deadline, subkind: .application, title: "Outreachy applications close", when: .day(day("2016-01-08")),
                forEvent: "Outreachy"),
            Item(kind: .event, subkind: .conference, title: "Cloud Innovator Forum 2016", when: .day(day("2016-01-22"))),
        ]
        let late = [
            Item(kind: .deadline, subkind: .cfp, title: "CIF16 CfP closes", when: .day(day("2016-01-22")),
                forEvent: "Cloud Innovator Forum 2016"),
            Item(kind: .deadline, subkind: .submission, title: "ICFP paper deadline", when: timed("2016-02-27", 23, 59, aoe),
                forEvent: "ICFP 2016", url: "https://icfpconference.org/cfp"),
            Item(kind: .deadline, subkind: .registration, title: "Hackathon registration", when: timed("2016-02-10", 16, 0, nil)),
            Item(kind: .deadline, subkind: .cfp, title: "RustConf talk proposals", when: timed("2016-03-14", 10, 0, pacific),
                status: .tentative, forEvent: "RustConf"),
            Item(kind: .deadline, subkind: .cfp, title: "Devroom CfP", when: When(start: day("2016-03-01"), precision: .month),
                forEvent: "FOSDEM"),
            Item(kind: .deadline, subkind: .application, title: "Travel grants", when: .day(day("2016-01-29")), status: .cancelled),
            Item(kind: .deadline, subkind: .other, title: "Someday", when: When(start: day("2016-01-01"), precision: .year)),
            Item(kind: .deadline, subkind: .other, title: "Undated", when: .undated),
            Item(kind: .project, title: "NTP", status: .available),
            Item(kind: .project, title: "Static site", status: .inProgress),
        ]
        return Merger().merge([(note("2015-12-16"), early), (note("2016-01-13"), late)])
    }

    static func page(baseURL: String? = "https://example.org/almanac/") -> SubscribePage {
        SubscribePage(title: "Mirage calendars", baseURL: baseURL, feeds: feeds, boardFile: "projects.md", noteURL: noteLink)
    }

    /// The values of an attribute, in page order.
    static func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    // MARK: - Feeds

    @Test func eachFeedHasItsAddressAndWebcalLink() {
        let html = Self.page().render(Self.model())
        #expect(html.contains("""
            <article class="feed">
            <h3>Mirage</h3>
            <p class="count">12 events</p>
            <p>Events, deadlines and meetings</p>
            <p class="actions"><a class="button" href="webcal://example.org/almanac/calendar.ics" aria-label="Subscribe to Mirage">\
            Subscribe</a></p>
            <p class="address"><span>Address to paste:</span> <a href="https://example.org/almanac/calendar.ics">\
            <code>https://<wbr>example.org/<wbr>almanac/<wbr>calendar.ics</code></a></p>
            </article>
            """))
        #expect(html.contains("<p class=\"count\">1 event</p>"))
        #expect(html.contains("href=\"webcal://example.org/almanac/deadlines.ics\""))
        #expect(!html.contains(" data-webcal=") && !html.contains(" data-unpublished"))
        for client in ["Google Calendar", "Apple Calendar (Mac, iPhone, iPad)", "Thunderbird", "Outlook"] {
            #expect(html.contains("<summary>\(client)</summary>"))
        }
        #expect(html.contains("<a href=\"projects.md\">project board</a> lists 2 projects, 1 of them open for someone to take"))
    }

    @Test(arguments: [nil, "", "example.org/almanac", "https://", "javascript:alert(1)"])
    func withoutAPublishedURLTheFilesAreLinkedRelatively(baseURL: String?) {
        let html = Self.page(baseURL: baseURL).render(Self.model())
        #expect(html.contains("""
            <p class="actions"><a class="button" data-webcal="calendar.ics" hidden aria-label="Subscribe to Mirage">Subscribe</a> \
            <a class="button secondary" href="calendar.ics">Download calendar.ics</a></p>
            """))
        #expect(html.contains("</div>\n<p class=\"hint\" data-unpublished>Subscribing needs the address where these files are published "
            + "on the web (https://…/calendar.ics); a downloaded copy does not update."))
        #expect(html.components(separatedBy: " data-unpublished").count == 2)
        #expect(!html.contains("webcal://"))
        #expect(!html.contains("javascript:"))
    }

    @Test func httpBaseURLsAndOddFileNames() {
        let page = SubscribePage(title: "T", baseURL: "http://example.org",
            feeds: [.init(name: "A", file: "my feed\".ics", description: "", eventCount: 0)], boardFile: nil)
        let html = page.render(Model())
        #expect(html.contains("href=\"webcal://example.org/my%20feed%22.ics\""))
        #expect(html.contains("href=\"http://example.org/my%20feed%22.ics\""))
        #expect(html.contains("<p class=\"count\">no events yet</p>"))
        #expect(!html.contains("project board"))
    }

    // MARK: - Deadlines

    @Test func deadlinesFromAWeekBeforeTheNewestNoteSoonestFirst() {
        let html = Self.page().render(Self.model())
        #expect(Self.values(of: "data-deadline", in: html) == [
            "2016-01-08",  // 5 days before the newest note (2016-01-13): still listed; the script hides it when passed
            "2016-01-22",
            "2016-01-29",  // cancelled
            "2016-02-10T16:00:00",  // no zone: the viewer's local time
            "2016-02-27T23:59:00-12:00",  // AoE
            "2016-03-14T10:00:00-07:00",  // PT, daylight saving time from 13 March 2016
            "2016-03-31",  // a month: open until its last day
        ])
        #expect(!html.contains("Old CfP") && !html.contains("Someday") && !html.contains("Undated"))
        #expect(html.contains("""
            <li data-deadline="2016-02-27T23:59:00-12:00">
            <div class="when"><time datetime="2016-02-27T23:59:00-12:00">Sat 27 Feb 2016</time><span class="clock">23:59 AoE (UTC−12)</span></div>
            <div class="what"><a class="title" href="https://icfpconference.org/cfp">ICFP paper deadline</a>\
            <span class="facts">for ICFP 2016 · <span class="source">from \
            <a href="https://example.org/wiki/weekly-2016-01-13">Weekly Meeting: 2016-01-13</a></span></span></div>
            <div class="countdown"></div>
            </li>
            """))
        #expect(html.contains("""
            <li class="cancelled" data-deadline="2016-01-29">
            <div class="when"><time datetime="2016-01-29">Fri 29 Jan 2016</time></div>
            <div class="what"><span class="title">Travel grants</span> <span class="tag">cancelled</span>\
            <span class="facts"><span class="source">from \
            <a href="https://example.org/wiki/weekly-2016-01-13">Weekly Meeting: 2016-01-13</a></span></span></div>
            </li>
            """))
        #expect(html.contains("""
            <li data-deadline="2016-03-31">
            <div class="when"><time datetime="2016-03">March 2016 <span class="tbc">(date to be confirmed)</span></time></div>
            """))
        #expect(html.contains("<span class=\"clock\">10:00 PT</span>"))
        #expect(html.contains("RustConf talk proposals</span> <span class=\"tag\">tentative</span>"))
        #expect(html.contains("<p class=\"empty\" id=\"no-deadlines\" hidden>"))
    }

    @Test func timesWithoutAZoneTakeTheDefaultZone() {
        let model = Merger().merge([(Self.note("2016-06-20"), [
            Item(kind: .deadline, title: "Bursaries", when: Self.timed("2016-07-01", 16, 0, nil)),
            Item(kind: .deadline, title: "Talks", when: Self.timed("2016-07-02", 9, 0, Self.aoe)),
        ])])
        var page = Self.page()
        page.defaultTimeZone = "Europe/Lisbon"
        let html = page.render(model)
        #expect(Self.values(of: "data-deadline", in: html) == ["2016-07-01T16:00:00+01:00", "2016-07-02T09:00:00-12:00"])
        #expect(html.contains("<span class=\"clock\">16:00 Europe/Lisbon</span>"))
        page.defaultTimeZone = "Not/AZone"
        #expect(Self.values(of: "data-deadline", in: page.render(model)).first == "2016-07-01T16:00:00")
    }

    @Test func noDeadlinesSaysSo() {
        let model = Merger().merge([(Self.note("2016-01-13"), [Item(kind: .event, title: "Party", when: .day(Self.day("2016-02-01")))])])
        let html = Self.page().render(model)
        #expect(html.contains("<p class=\"empty\">No upcoming deadlines in the notes.</p>"))
        #expect(!html.contains(" data-deadline="))
    }

    @Test func zonesAreNamedWithTheirOffset() {
        #expect(SubscribePage.zoneText(Self.aoe) == "AoE (UTC−12)")
        #expect(SubscribePage.zoneText(Zone(name: "UTC", utcOffsetMinutes: 0)) == "UTC")
        #expect(SubscribePage.zoneText(Zone(name: "CET", utcOffsetMinutes: 60)) == "CET (UTC+1)")
        #expect(SubscribePage.zoneText(Zone(name: "IST", utcOffsetMinutes: 330)) == "IST (UTC+5:30)")
        #expect(SubscribePage.zoneText(Self.pacific) == "PT")
        #expect(SubscribePage.closingMoment(Self.timed("2016-03-10", 10, 0, Self.pacific)) == "2016-03-10T10:00:00-08:00")
        #expect(SubscribePage.closingMoment(Self.timed("2016-03-10", 9, 30, Zone(name: "IST", utcOffsetMinutes: 330)))
            == "2016-03-10T09:30:00+05:30")
        #expect(SubscribePage.closingMoment(Self.timed("2016-03-10", 9, 30, Zone(name: "XT", tzid: "Nowhere/Atlantis")))
            == "2016-03-10T09:30:00")
        #expect(SubscribePage.closingMoment(.day(Self.day("2016-03-10"))) == nil)
    }

    /// What each client is known to do with a subscribed feed (issue 22).
    @Test func eachClientsKnownBehaviourIsSaid() {
        let html = SubscribePage.instructions(published: true).joined(separator: "\n")
        for said in [
            "Google refreshes a subscription every 8 to 24 hours and ignores the refresh interval the calendar asks for",
            "It does not show reminders from a subscribed calendar", "it hides cancelled events",
            "Apple Calendar shows the calendar’s reminders", "Thunderbird shows the calendar’s reminders",
            "Outlook on the web does not take a webcal link",
            "the calendar’s reminders reach Apple Calendar and Thunderbird users only",
        ] {
            #expect(html.contains(said), "\(said)")
        }
    }

    @Test func importedCalendarsNeitherCountAsNotesNorDateThePage() {
        let calendar = NoteInfo(path: "calendars/partners.ics", date: Self.day("2017-06-01"), dateSource: .calendar,
            title: "Partners", format: .calendar)
        let model = Merger().merge([
            (Self.note("2016-01-13"), [Item(kind: .deadline, title: "A closes", when: .day(Self.day("2016-01-10")))]),
            (calendar, [Item(kind: .event, title: "Partner day", when: .day(Self.day("2017-07-01")), externalUID: "x@partners")]),
        ])
        let html = Self.page().render(model)
        #expect(html.contains("Generated by Almanac from 1 note and 1 event of 1 calendar (newest: <time datetime=\"2016-01-13\">2016-01-13</time>): "
            + "2 in the feeds (1 event, 1 deadline, 0 meetings).</footer>"))
        #expect(Self.values(of: "data-deadline", in: html) == ["2016-01-10"])
    }

    // MARK: - Safety

    @Test func noteTextCannotInjectIntoThePage() {
        let hostile = "<script>alert(1)</script>"
        let bad = NoteInfo(path: "notes/2016-01-13.md", date: Self.day("2016-01-13"), dateSource: .frontMatter,
            title: "Notes \(hostile)", permalink: "/notes/1", format: .markdown)
        let items = [
            Item(kind: .deadline, title: hostile, when: .day(Self.day("2016-01-20")), forEvent: "\"><img src=x onerror=alert(1)>",
                url: "javascript:alert(1)"),
            Item(kind: .deadline, title: "Quote ' and \" & co", when: .day(Self.day("2016-01-21")), url: "https://e.org/a b\"c'd<e>"),
        ]
        let model = Merger().merge([(bad, items)])
        for page in [Self.page(), SubscribePage(title: hostile, baseURL: "javascript:alert(1)//", feeds: [
            .init(name: hostile, file: "\"><script>x.ics", description: "'onmouseover='alert(1)", eventCount: 1),
        ], boardFile: "javascript:alert(1)", noteURL: { _ in "javascript:alert(1)" })] {
            let html = page.render(model)
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("javascript:"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("'onmouseover"))
            #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        let html = Self.page().render(model)
        #expect(html.contains("<span class=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        #expect(html.contains("for &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<a class=\"title\" href=\"https://e.org/a%20b%22c%27d%3Ce%3E\">Quote &#39; and &quot; &amp; co</a>"))
        #expect(html.contains("from <a href=\"https://example.org/notes/1\">Notes &lt;script&gt;alert(1)&lt;/script&gt;</a></span>"))
    }

    @Test func everyLinkIsAWebLinkOrAFileNextToThePage() {
        let model = Merger().merge([(Self.note("2016-01-13", permalink: "javascript:alert(1)"), [
            Item(kind: .deadline, title: "A", when: .day(Self.day("2016-01-20")), url: " JAVASCRIPT:alert(1)"),
            Item(kind: .deadline, title: "B", when: .day(Self.day("2016-01-21")), url: "data:text/html,<b>"),
        ])])
        for base in ["https://example.org", nil] {
            let html = Self.page(baseURL: base).render(model)
            for href in Self.values(of: "href", in: html) + Self.values(of: "data-webcal", in: html) {
                let web = ["https://", "http://", "webcal://", "mailto:"].contains { href.hasPrefix($0) }
                #expect(web || !href.contains(":"), "\(href)")
            }
            #expect(!html.lowercased().contains("href=\"javascript:") && !html.contains("data:text"))
        }
    }

    @Test(arguments: [
        ("<b>&\"'</b>", "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;"),
        ("line\r\nbreak\u{0}\u{7}", "line\n\nbreak"),
        ("Tomás – 日本", "Tomás – 日本"),
    ])
    func escapesForTextAndAttributes(input: String, escaped: String) {
        #expect(HTMLText.escape(input) == escaped)
    }

    @Test func onlyWebAndMailLinks() {
        #expect(HTMLText.safeURL("javascript:alert(1)") == nil)
        #expect(HTMLText.safeURL(" JavaScript:alert(1)") == nil)
        #expect(HTMLText.safeURL("data:text/html,hi") == nil)
        #expect(HTMLText.safeURL("vbscript:x") == nil)
        #expect(HTMLText.safeURL("/relative") == nil)
        #expect(HTMLText.safeURL("https://") == nil)
        #expect(HTMLText.safeURL("HTTPS://e.org/x y") == "HTTPS://e.org/x%20y")
        #expect(HTMLText.safeURL("webcal://e.org/c.ics") == "webcal://e.org/c.ics")
        #expect(HTMLText.safeURL("mailto:a@e.org") == "mailto:a@e.org")
        #expect(HTMLText.safeURL("https://e.org/\u{0}\n") == "https://e.org/")
    }

    // MARK: - Determinism and the whole page

    @Test func theSameNotesGiveTheSameBytes() {
        let once = Self.page().render(Self.model())
        let again = Self.page().render(Self.model())
        #expect(once == again)
        let early = Merger().merge([(Self.note("2016-01-13"), Array(Self.model().items.map(\.item).reversed()))])
        let late = Merger().merge([(Self.note("2016-01-13"), Self.model().items.map(\.item))])
        #expect(Self.page().render(early) == Self.page().render(late))
    }

    @Test func theScriptIsAllowedByItsHash() {
        let digest = SHA256.hash(Array(SubscribePage.script.utf8))
        #expect(SubscribePage.scriptHash == "sha256-" + Data(digest).base64EncodedString())
        #expect(SubscribePage.contentSecurityPolicy.contains("script-src '\(SubscribePage.scriptHash)'"))
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aTinyPageInFull() {
        let model = Merger().merge([(Self.note("2016-01-13"), [
            Item(kind: .deadline, subkind: .cfp, title: "CIF16 CfP closes", when: .day(Self.day("2016-01-22")),
                forEvent: "Cloud Innovator Forum 2016"),
        ])])
        let page = SubscribePage(title: "Mirage calendars", baseURL: "https://example.org/almanac",
            feeds: [Self.feeds[1]], boardFile: nil, noteURL: Self.noteLink)
        let expected = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(SubscribePage.contentSecurityPolicy)">
            <meta name="generator" content="Almanac">
            <title>Mirage calendars</title>
            <style>
            \(SubscribePage.style)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>Mirage calendars</h1>
            <p class="lede">Subscribe once and the events, deadlines and meetings from the meeting notes appear in your \
            calendar app and stay up to date (the notes go up to <time datetime="2016-01-13">13 January 2016</time>).</p>
            </header>
            <section aria-labelledby="calendars">
            <h2 id="calendars">Calendars</h2>
            <div class="feeds">
            <article class="feed">
            <h3>Mirage: deadlines</h3>
            <p class="count">1 event</p>
            <p>Calls for papers</p>
            <p class="actions"><a class="button" href="webcal://example.org/almanac/deadlines.ics" \
            aria-label="Subscribe to Mirage: deadlines">Subscribe</a></p>
            <p class="address"><span>Address to paste:</span> <a href="https://example.org/almanac/deadlines.ics">\
            <code>https://<wbr>example.org/<wbr>almanac/<wbr>deadlines.ics</code></a></p>
            </article>
            </div>
            </section>
            \(SubscribePage.instructions(published: true).joined(separator: "\n"))
            <section aria-labelledby="deadlines">
            <h2 id="deadlines">Upcoming deadlines</h2>
            <ol class="deadlines">
            <li data-deadline="2016-01-22">
            <div class="when"><time datetime="2016-01-22">Fri 22 Jan 2016</time></div>
            <div class="what"><span class="title">CIF16 CfP closes</span><span class="facts">for Cloud Innovator Forum 2016 · \
            <span class="source">from <a href="https://example.org/wiki/weekly-2016-01-13">Weekly Meeting: 2016-01-13</a></span></span></div>
            <div class="countdown"></div>
            </li>
            </ol>
            <p class="empty" id="no-deadlines" hidden>No upcoming deadlines: the ones in the notes have passed.</p>
            </section>
            <footer>Generated by Almanac from 1 note (newest: <time datetime="2016-01-13">2016-01-13</time>): \
            1 in the feeds (0 events, 1 deadline, 0 meetings).</footer>
            </main>
            <script>\(SubscribePage.script)</script>
            </body>
            </html>

            """
        #expect(page.render(model) == expected)
    }

    // MARK: - A sample page to look at

    /// `ALMANAC_WRITE_SAMPLE_PAGE=/tmp/page.html swift test --filter SubscribePageTests` writes a sample
    /// page dated around today (so the countdowns show) and its relative-link variant
    /// (`/tmp/page-relative.html`), for scripts/screenshot.sh.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ALMANAC_WRITE_SAMPLE_PAGE"] != nil))
    func writesASamplePage() throws {
        let path = ProcessInfo.processInfo.environment["ALMANAC_WRITE_SAMPLE_PAGE"]!
        let seconds = Int(Date().timeIntervalSince1970)
        let today = CivilDate(dayNumber: seconds / 86_400)
        func on(_ days: Int) -> CivilDate { today.adding(days: days) }
        func info(_ days: Int) -> NoteInfo {
            NoteInfo(path: "notes/\(on(days)).md", date: on(days), dateSource: .frontMatter, title: "Weekly Meeting: \(on(days))",
                permalink: "/meetings/\(on(days))", format: .markdown)
        }
        let earlier = [
            Item(kind: .deadline, subkind: .application, title: "Outreachy applications close", when: .day(on(-3)), forEvent: "Outreachy"),
            Item(kind: .event, subkind: .conference, title: "European Weather Station Conference 2027", when: .day(on(40))),
        ]
        let latest = [
            Item(kind: .deadline, subkind: .cfp, title: "EWSC27 CfP closes", when: .day(on(0)),
                forEvent: "European Weather Station Conference 2027", url: "https://ewsc.example.org/cfp"),
            Item(kind: .deadline, subkind: .application, title: "Travel grant applications",
                when: When(start: on(0), startTime: TimeOfDay(hour: 23, minute: 59), precision: .datetime, zone: Self.aoe),
                forEvent: "European Weather Station Conference 2027"),
            Item(kind: .deadline, subkind: .cfp, title: "SensorConf talk proposals",
                when: When(start: on(9), startTime: TimeOfDay(hour: 10), precision: .datetime, zone: Self.pacific), forEvent: "SensorConf"),
            Item(kind: .deadline, subkind: .registration, title: "Station build day sign-up", when: .day(on(20), tentative: true),
                status: .tentative, forEvent: "Station build day"),
            Item(kind: .deadline, subkind: .cfp, title: "Open hardware devroom CfP",
                when: When(start: on(45).firstOfMonth, precision: .month), forEvent: "FOSDEM"),
            Item(kind: .deadline, subkind: .application, title: "Hackathon bursaries", when: .day(on(12)), status: .cancelled),
            Item(kind: .deadline, subkind: .submission, title: "Poster <script>alert(1)</script> & demos", when: .day(on(30)),
                forEvent: "Tidepool \"community\" day", url: "javascript:alert(1)"),
            Item(kind: .project, subkind: .pioneer, title: "Rain gauge calibration", status: .available),
            Item(kind: .project, subkind: .pioneer, title: "Wind vane driver", status: .available),
            Item(kind: .project, subkind: .outreachy, title: "Station map", status: .inProgress),
        ]
        let model = Merger().merge([(info(-16), earlier), (info(-2), latest)])
        let feeds = [
            SubscribePage.Feed(name: "Tidepool", file: "calendar.ics", description: "Events, deadlines and meetings from Tidepool's notes",
                eventCount: 14),
            SubscribePage.Feed(name: "Tidepool: deadlines", file: "deadlines.ics",
                description: "Calls for papers, applications, registrations and other deadlines from Tidepool's notes", eventCount: 7),
            SubscribePage.Feed(name: "Tidepool: events", file: "events.ics",
                description: "Conferences, workshops, hackathons, meetups, talks and releases from Tidepool's notes", eventCount: 5),
            SubscribePage.Feed(name: "Tidepool: meetings", file: "meetings.ics", description: "Tidepool's calls and meetings", eventCount: 2),
        ]
        let link: @Sendable (NoteRef) -> String? = { "https://tidepool.example.org" + ($0.permalink ?? "/" + $0.path) }
        let published = SubscribePage(title: "Tidepool calendars", baseURL: "https://tidepool.example.org/almanac", feeds: feeds,
            boardFile: "projects.md", noteURL: link)
        try published.render(model).write(toFile: path, atomically: true, encoding: .utf8)
        let relative = SubscribePage(title: "Tidepool calendars", baseURL: nil, feeds: feeds, boardFile: "projects.md", noteURL: link)
        let relativePath = (path.hasSuffix(".html") ? String(path.dropLast(5)) : path) + "-relative.html"
        try relative.render(model).write(toFile: relativePath, atomically: true, encoding: .utf8)
    }
}

/// SHA-256 (FIPS 180-4), for checking the Content-Security-Policy hash of the page's script.
enum SHA256 {
    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message + [0x80]
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 64)
            for i in 0..<16 {
                w[i] = (0..<4).reduce(0) { $0 << 8 | UInt32(data[chunk + 4 * i + $1]) }
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, value) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ value }
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    static func hex(_ message: [UInt8]) -> String {
        hash(message).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
