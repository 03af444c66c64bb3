import AlmanacCore
import AlmanacICal
import AlmanacTestSupport
import Foundation
import Testing

// The proof that the feeds are right, with the built `almanac` as a user runs it: collect the seeds, data/
// and the mirage-weekly corpus, then check every .ics with `almanac validate`, libical's parser,
// the consumer matrix (scripts/check-feeds.py: seven iCalendar consumers), import the calendars into calcurse and
// compare the days it shows with the feeds; and collect a small fixture twice, edit one date, collect again.

/// The built `almanac` with `arguments`, run in the repository.
func almanacCommand(_ arguments: [String]) throws -> ProcessResult {
    try runProcess(TestPaths.almanacBinary.path, arguments)
}

/// The inputs the issue names, and how `almanac collect` is pointed at each.
enum FeedSource: String, CaseIterable, CustomTestStringConvertible {
    case seeds, data, corpus

    var testDescription: String { rawValue }

    /// The sources of ../shared, whose tests are skipped when it is absent.
    static let shared: [FeedSource] = [.seeds, .corpus]

    /// The arguments naming the notes.
    var collectArguments: [String] {
        switch self {
        case .data: ["--config", TestPaths.data.appendingPathComponent("almanac.yml").path]
        case .seeds: [TestPaths.shared!.appendingPathComponent("seeds").path]
        case .corpus: [TestPaths.shared!.appendingPathComponent("corpus/mirage-weekly/notes").path]
        }
    }

    /// Collects into a new folder (no cache, so nothing is written beside the notes).
    func collect() throws -> URL {
        let arguments = collectArguments
        let out = try TestPaths.temporaryDirectory("almanac-feeds-\(rawValue)")
        let result = try almanacCommand(["collect"] + arguments + ["--out", out.path, "--no-cache", "--quiet"])
        #expect(result.status == 0, "almanac collect \(arguments): \(result.err)")
        return out
    }
}

/// The .ics files in `folder`, sorted.
func icsFiles(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ics") }.sorted()
        .map { folder.appendingPathComponent($0) }
}

/// A DTSTART as scripts/check-feeds.py prints it; nil for a zoned time (the script prints that in UTC).
func moment(_ time: EventTime?) -> String? {
    switch time {
    case .date(let day): return day.description
    case .utc(let day, let clock): return "\(day)T\(clock):00Z"
    case .floating(let day, let clock): return "\(day)T\(clock):00"
    case .zoned, nil: return nil
    }
}

struct FeedProofTests {
    /// The consumer matrix's Python, from the virtual environment scripts/consumers.sh makes.
    static let venv = TestPaths.root.appendingPathComponent(".build/consumers/venv/bin/python").path
    /// scripts/consumers.sh copies the pins into the venv once pip has installed them all.
    static var consumersInstalled: Bool {
        FileManager.default.fileExists(atPath: TestPaths.root.appendingPathComponent(".build/consumers/venv/consumers.txt").path)
    }

    @Test(arguments: [FeedSource.data])
    func validateAndLibicalAcceptTheFeeds(_ source: FeedSource) throws { _ = try libicalReads(source) }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"), arguments: FeedSource.shared)
    func validateAndLibicalAcceptTheSharedFeeds(_ source: FeedSource) throws { _ = try libicalReads(source) }

    @Test(.enabled(if: consumersInstalled, "the consumer matrix is not installed (scripts/consumers.sh installs it)"),
        arguments: [FeedSource.data])
    func consumersReadWhatLibicalReads(_ source: FeedSource) throws { try consumersRead(source) }

    @Test(.enabled(if: consumersInstalled, "the consumer matrix is not installed (scripts/consumers.sh installs it)"),
        .enabled(if: TestPaths.hasShared, "../shared is not beside the repository"), arguments: FeedSource.shared)
    func consumersReadWhatLibicalReadsInShared(_ source: FeedSource) throws { try consumersRead(source) }

    /// The feeds of `source`, checked by `almanac validate --strict` and parsed by libical: each file's
    /// events as "UID DTSTART" lines (zoned times aside) and their count.
    func libicalReads(_ source: FeedSource) throws -> (files: [URL], lines: [String: Set<String>], counts: [String: Int]) {
        let out = try source.collect()
        let files = try icsFiles(in: out)
        #expect(Set(files.map(\.lastPathComponent)).isSuperset(of: ["calendar.ics", "deadlines.ics", "events.ics", "meetings.ics"]))

        // Almanac's own validator, as CI would run it: strict, so warnings fail too.
        let validate = try almanacCommand(["validate", "--strict"] + files.map(\.path))
        #expect(validate.status == 0, "\(validate.out)\(validate.err)")
        #expect(validate.out == files.map { "\($0.path): valid\n" }.joined())
        #expect(validate.err == "")

        // libical: every file parses without an X-LIC-ERROR, with as many VEVENTs as the text has.
        var expectedLines: [String: Set<String>] = [:]
        var eventCounts: [String: Int] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let parsed = try #require(ICalendarReader().parse(text), "libical cannot parse \(file.lastPathComponent)")
            #expect(parsed.name == "VCALENDAR")
            #expect(parsed.errors.isEmpty, "\(file.lastPathComponent): \(parsed.errors)")
            let events = parsed.components(named: "VEVENT")
            #expect(events.count == text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1)
            eventCounts[file.path] = events.count
            for event in events {
                let uid = try #require(event["UID"]?.value)
                if let start = moment(event["DTSTART"]?.time) { expectedLines[file.path, default: []].insert("\(uid) \(start)") }
            }
        }
        #expect(eventCounts[out.appendingPathComponent("calendar.ics").path, default: 0] > 0)
        return (files, expectedLines, eventCounts)
    }

    /// The consumer matrix (scripts/check-feeds.py): seven consumers read every feed of `source` with the
    /// same events, and the same UID and DTSTART as libical for each.
    func consumersRead(_ source: FeedSource) throws {
        let (files, expectedLines, eventCounts) = try libicalReads(source)
        defer { try? FileManager.default.removeItem(at: files[0].deletingLastPathComponent()) }
        let script = TestPaths.root.appendingPathComponent("scripts/check-feeds.py").path
        let python = try runProcess(Self.venv, [script] + files.map(\.path))
        #expect(python.status == 0, "\(python.out)\(python.err)")
        #expect(python.err == "")
        #expect(!python.out.contains(": error: "), "\(python.out)")
        for file in files {
            let prefix = "\(file.path): "
            let lines = python.out.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)) }
            let count = eventCounts[file.path, default: 0]
            #expect(lines.last?.hasPrefix("ok, \(count) events (") == true, "\(file.lastPathComponent): \(lines.last ?? "")")
            let eventLines = lines.dropLast()
            #expect(eventLines.count == count)
            // Every event's UID and DTSTART as libical reads them (zoned times aside: Python prints them in UTC).
            let uidAndStart = Set(eventLines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") })
            #expect(expectedLines[file.path, default: []].isSubset(of: uidAndStart),
                "\(file.lastPathComponent): \(expectedLines[file.path, default: []].subtracting(uidAndStart).sorted())")
        }
    }
}

/// A real calendar program: calcurse imports calendar.ics into a throwaway folder and shows each event on its day.
struct CalcurseImportTests {
    static let calcurse = "/usr/bin/calcurse"

    /// What calcurse shows for `calendar` between `from` and `to`: `DAY * SUMMARY` for an all-day event,
    /// `DAY - START END SUMMARY` for a timed one (in UTC), sorted; and its import report.
    func calcurseDays(_ calendar: URL, from: CivilDate, to: CivilDate) throws -> (report: String, days: [String]) {
        let home = try TestPaths.temporaryDirectory("almanac-calcurse")
        defer { try? FileManager.default.removeItem(at: home) }
        let folder = home.appendingPathComponent("calcurse")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Never the user's ~/.calcurse or ~/.config: HOME and the XDG folders are the throwaway folder, and
        // -C/-D name it too. TZ=UTC so timed events show at their UTC instants.
        let environment = [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "TZ": "UTC", "LC_ALL": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        ]
        let base = ["-C", folder.path, "-D", folder.path]
        let imported = try runProcess(Self.calcurse, base + ["-i", calendar.path], environment: environment, in: home, timeout: 30)
        #expect(!imported.timedOut, "calcurse -i did not finish")
        #expect(imported.status == 0, "\(imported.out)\(imported.err)")
        let query = try runProcess(
            Self.calcurse,
            base + [
                "-Q", "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d", "--from", from.description, "--to", to.description,
                "--format-event", " * %m\\n", "--format-recur-event", " * %m\\n",
                "--format-apt", " - %(start:%Y-%m-%dT%H:%M) %(end:%Y-%m-%dT%H:%M) %m\\n",
                "--format-recur-apt", " - %(start:%Y-%m-%dT%H:%M) %(end:%Y-%m-%dT%H:%M) %m\\n",
            ], environment: environment, in: home, timeout: 30)
        #expect(!query.timedOut, "calcurse -Q did not finish")
        #expect(query.status == 0, "\(query.out)\(query.err)")
        // Day headings are `YYYY-MM-DD:`; the lines under one are that day's items.
        var day = ""
        var days: [String] = []
        for line in query.out.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasSuffix(":"), CivilDate(String(line.dropLast())) != nil {
                day = String(line.dropLast())
            } else {
                days.append("\(day)\(line)")
            }
        }
        return (imported.out, days.sorted())
    }

    static var installed: Bool { FileManager.default.isExecutableFile(atPath: calcurse) }

    /// The seeds' calendar, imported: every event on the day the notes give, and nothing else.
    @Test(.enabled(if: installed, "calcurse is not installed (scripts/install-deps.sh installs it)"),
        .enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func seedEventsLandOnTheirDays() throws {
        let out = try FeedSource.seeds.collect()
        defer { try? FileManager.default.removeItem(at: out) }
        let (report, days) = try calcurseDays(
            out.appendingPathComponent("calendar.ics"), from: CivilDate("2015-12-01")!, to: CivilDate("2016-03-31")!)
        #expect(report.contains("0 apps / 4 events / 0 todos / 0 skipped"), "\(report)")
        #expect(days == [
            "2015-12-16 * Weekly Meeting: 2015-12-16",
            "2015-12-19 * CIF16 CfP closes (Cloud Innovator Forum 2016)",
            "2016-01-22 * Cloud Innovator Forum 2016",
            "2016-02-22 * Unikernel install party (tentative)",
        ])
    }

    /// data/'s calendar, imported: all-day items, a two-day hackathon and UTC times where the notes put them.
    @Test(.enabled(if: installed, "calcurse is not installed (scripts/install-deps.sh installs it)"))
    func dataEventsLandOnTheirDays() throws {
        let out = try FeedSource.data.collect()
        defer { try? FileManager.default.removeItem(at: out) }
        let (report, days) = try calcurseDays(
            out.appendingPathComponent("calendar.ics"), from: CivilDate("2026-08-01")!, to: CivilDate("2026-12-31")!)
        #expect(report.contains(" 0 todos / 0 skipped"), "\(report)")
        let expected = [
            "2026-09-14 * Tidepool 0.9 release",
            "2026-10-14 - 2026-10-14T16:00 2026-10-14T17:00 Weekly Meeting: 2026-10-14",
            "2026-10-21 - 2026-10-21T15:00 2026-10-21T16:00 Sensor calibration webinar",
            "2026-10-24 * Tidepool hackathon",
            "2026-10-25 * Tidepool hackathon",
            "2026-11-04 * European Weather Station Conference 2026",
        ]
        for line in expected { #expect(days.contains(line), "calcurse shows no \"\(line)\": \(days)") }
        #expect(!days.contains { $0.hasPrefix("2026-10-26 ") && $0.hasSuffix("Tidepool hackathon") }, "DTEND is exclusive")
        try expectSameDays(days, as: out.appendingPathComponent("calendar.ics"))
    }

    /// Every source: calcurse shows exactly the days libical reads in the feed, each all-day event on every
    /// day from DTSTART up to (not including) DTEND, each timed one at its UTC start and end.
    @Test(.enabled(if: installed, "calcurse is not installed (scripts/install-deps.sh installs it)"), arguments: [FeedSource.data])
    func calcurseShowsWhatLibicalReads(_ source: FeedSource) throws { try calcurseShowsWhatLibicalReadsIn(source) }

    @Test(.enabled(if: installed, "calcurse is not installed (scripts/install-deps.sh installs it)"),
        .enabled(if: TestPaths.hasShared, "../shared is not beside the repository"), arguments: FeedSource.shared)
    func calcurseShowsWhatLibicalReadsInShared(_ source: FeedSource) throws { try calcurseShowsWhatLibicalReadsIn(source) }

    func calcurseShowsWhatLibicalReadsIn(_ source: FeedSource) throws {
        let out = try source.collect()
        defer { try? FileManager.default.removeItem(at: out) }
        let calendar = out.appendingPathComponent("calendar.ics")
        let parsed = try #require(ICalendarReader().parse(try String(contentsOf: calendar, encoding: .utf8)))
        let starts = parsed.components(named: "VEVENT").compactMap { $0["DTSTART"]?.time?.date }
        let ends = parsed.components(named: "VEVENT").compactMap { $0["DTEND"]?.time?.date }
        guard let first = starts.min(), let last = (starts + ends).max() else {
            Issue.record("\(source): calendar.ics has no dated events")
            return
        }
        let (_, days) = try calcurseDays(calendar, from: first, to: last)
        try expectSameDays(days, as: calendar)
    }

    /// Compares calcurse's lines with the ones the feed's events (as libical reads them) should give.
    func expectSameDays(_ days: [String], as calendar: URL) throws {
        let parsed = try #require(ICalendarReader().parse(try String(contentsOf: calendar, encoding: .utf8)))
        var expected: [String] = []
        for event in parsed.components(named: "VEVENT") {
            let summary = event["SUMMARY"]?.value ?? ""
            switch (event["DTSTART"]?.time, event["DTEND"]?.time) {
            case (.date(let start), let end):
                var endDay = start.adding(days: 1)
                if case .date(let day) = end { endDay = day }
                var day = start
                while day < endDay {
                    expected.append("\(day) * \(summary)")
                    day = day.adding(days: 1)
                }
            case (.utc(let day, let clock), .utc(let endDay, let endClock)) where day == endDay:
                expected.append("\(day) - \(day)T\(clock) \(endDay)T\(endClock) \(summary)")
            case (.floating(let day, let clock), .floating(let endDay, let endClock)) where day == endDay:
                expected.append("\(day) - \(day)T\(clock) \(endDay)T\(endClock) \(summary)")
            default:
                // Zoned, open-ended or overnight times: calcurse shows them its own way; only the summary is checked.
                #expect(days.contains { $0.hasSuffix(" \(summary)") }, "calcurse shows no \(summary)")
                expected.append(contentsOf: days.filter { $0.hasSuffix(" \(summary)") })
            }
        }
        #expect(!days.isEmpty)
        #expect(days == expected.sorted(), "\(calendar.path)")
    }
}

/// Collecting is deterministic, and an edited date changes only its own event.
struct DeterminismTests {
    /// Three weekly notes of a fictional bird-song community. The sound walk is mentioned in all three; the
    /// last note confirms it for 12 April.
    static let notes: [String: String] = [
        "2031-03-05.md": """
            ---
            title: "Weekly Meeting: 2031-03-05"
            date: 2031-03-05
            authors: [Ilse Varga]
            permalink: /meetings/2031-03-05
            ---

            ### Agenda ###

            - Wrenfield 2.0 release
            - Conferences
              - NordSong Summit (CfP closes 21 Mar, summit is in Tampere on 15 May)
            - Sound walk meetup

            Attendees: Ilse Varga (chair), Mateo Quist, Nadia Haddad, Oskar Lund

            ### Notes ###

            #### Wrenfield 2.0 release ####

            - Wrenfield 2.0 is scheduled for release on Monday 17th March. Mateo is
              writing the release notes.

            #### Conferences ####

            **NordSong Summit** — We will submit one talk about the call classifier.

            #### Sound walk meetup ####

            **Sound walk meetup** — A recording walk in Porto on 12 April, Nadia is
            organising it.

            #### AoB ####

            - The next call is scheduled for **Wednesday, 19th March**.

            """,
        "2031-03-19.md": """
            ---
            title: "Weekly Meeting: 2031-03-19"
            date: 2031-03-19
            authors: [Mateo Quist]
            permalink: /meetings/2031-03-19
            ---

            ### Agenda ###

            - Wrenfield 2.0 release
            - Sound walk meetup

            Attendees: Mateo Quist (chair), Ilse Varga, Nadia Haddad

            ### Notes ###

            #### Wrenfield 2.0 release ####

            - The Wrenfield 2.0 release moves to Monday 24th March; two translations
              are still missing.

            #### Sound walk meetup ####

            **Sound walk meetup** — Still planned in Porto on 12 April. Bring a
            recorder if you have one.

            #### AoB ####

            - The next call is scheduled for **Wednesday, 2nd April**.

            """,
        "2031-04-02.md": """
            ---
            title: "Weekly Meeting: 2031-04-02"
            date: 2031-04-02
            authors: [Nadia Haddad]
            permalink: /meetings/2031-04-02
            ---

            ### Agenda ###

            - Release retrospective
            - Sound walk meetup

            Attendees: Nadia Haddad (chair), Ilse Varga, Oskar Lund

            ### Notes ###

            #### Release retrospective ####

            Wrenfield 2.0 was released on Monday 24th March as planned.

            #### Sound walk meetup ####

            **Sound walk meetup** — The walk in Porto is confirmed for Saturday 12 April,
            meeting at the river at 9:00.

            #### AoB ####

            - The next call is scheduled for **Wednesday, 16th April**.

            """,
    ]

    /// A folder holding `notes/` with the fixture notes.
    func project() throws -> URL {
        let folder = try TestPaths.temporaryDirectory("almanac-determinism")
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        for (name, text) in Self.notes {
            try text.write(to: notes.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// `almanac collect` of the fixture notes into `out`: with a cache file, or none.
    func collect(_ folder: URL, into out: String, cache: Bool = false) throws {
        let cacheArguments = cache ? ["--cache", folder.appendingPathComponent("cache.sqlite").path] : ["--no-cache"]
        let result = try almanacCommand(
            ["collect", folder.appendingPathComponent("notes").path, "--out", folder.appendingPathComponent(out).path, "--quiet"]
                + cacheArguments)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err == "")
    }

    /// Every file `collect` wrote, by name.
    func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    /// A feed split into what precedes the first event, each VEVENT's exact bytes by UID, and what follows the last.
    func blocks(_ data: Data) throws -> (head: String, events: [String: String], tail: String) {
        let text = try #require(String(data: data, encoding: .utf8))
        var pieces = text.components(separatedBy: "BEGIN:VEVENT\r\n")
        let head = pieces.removeFirst()
        var tail = ""
        var events: [String: String] = [:]
        for (index, piece) in pieces.enumerated() {
            var block = piece
            if index == pieces.count - 1, let end = block.range(of: "END:VEVENT\r\n") {
                tail = String(block[end.upperBound...])
                block = String(block[..<end.upperBound])
            }
            let uidLine = try #require(block.split(separator: "\r\n").first { $0.hasPrefix("UID:") })
            let uid = String(uidLine.dropFirst(4))
            #expect(events[uid] == nil, "UID \(uid) appears twice")
            events[uid] = "BEGIN:VEVENT\r\n" + block
        }
        return (head, events, tail)
    }

    /// The value of `name` in an event block (unfolded lines are short here: SEQUENCE, DTSTART).
    func property(_ name: String, in block: String) -> String? {
        block.split(separator: "\r\n").first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }.map(String.init)
    }

    @Test func collectingTwiceGivesTheSameBytes() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try collect(folder, into: "first")
        try collect(folder, into: "second")
        try collect(folder, into: "cached", cache: true)
        let first = try files(folder.appendingPathComponent("first"))
        #expect(first.keys.sorted() == ["calendar.ics", "deadlines.ics", "events.ics", "index.html", "items.json", "meetings.ics", "projects.md"])
        #expect(try files(folder.appendingPathComponent("second")) == first)
        #expect(try files(folder.appendingPathComponent("cached")) == first)
        // Collecting again into the same folder changes nothing either.
        try collect(folder, into: "first")
        #expect(try files(folder.appendingPathComponent("first")) == first)
    }

    /// The last note moves the sound walk from 12 to 19 April: its event gets the new day and a higher
    /// SEQUENCE under the same UID; every other event, in every feed, keeps every byte.
    @Test func anEditedDateChangesOnlyItsEvent() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try collect(folder, into: "public")
        try collect(folder, into: "cached", cache: true)
        let before = try files(folder.appendingPathComponent("public"))

        // Edit the note in place (same path, same length), as someone correcting the notes would.
        let note = folder.appendingPathComponent("notes/2031-04-02.md")
        let text = try String(contentsOf: note, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "confirmed for Saturday 12 April", with: "confirmed for Saturday 19 April")
        try #require(edited != text)
        try edited.write(to: note, atomically: true, encoding: .utf8)

        try collect(folder, into: "public")
        try collect(folder, into: "cached", cache: true)
        let after = try files(folder.appendingPathComponent("public"))
        // The cache, which parses only the edited note again, gives the same bytes as reading every note.
        #expect(try files(folder.appendingPathComponent("cached")) == after)
        #expect(after.keys.sorted() == before.keys.sorted())

        let walk = try #require(try blocks(before["calendar.ics"]!).events.first { $0.value.contains("SUMMARY:Sound walk meetup\r\n") }?.key)
        for name in ["calendar.ics", "events.ics", "meetings.ics", "deadlines.ics"] {
            let old = try blocks(try #require(before[name]))
            let new = try blocks(try #require(after[name]))
            #expect(old.head == new.head, "\(name): the calendar's own properties changed")
            #expect(old.tail == new.tail, "\(name): the end of the calendar changed")
            #expect(Set(old.events.keys) == Set(new.events.keys), "\(name): the set of UIDs changed")
            for (uid, block) in old.events where uid != walk {
                #expect(new.events[uid] == block, "\(name): \(uid) changed although its date did not")
            }
            guard let oldWalk = old.events[walk] else {
                #expect(name == "meetings.ics" || name == "deadlines.ics", "\(name) has no sound walk")
                continue
            }
            let newWalk = try #require(new.events[walk])
            #expect(property("DTSTART", in: oldWalk) == "DTSTART;VALUE=DATE:20310412")
            #expect(property("DTSTART", in: newWalk) == "DTSTART;VALUE=DATE:20310419")
            #expect(property("DTEND", in: newWalk) == "DTEND;VALUE=DATE:20310420")
            let oldSequence = try #require(property("SEQUENCE", in: oldWalk).flatMap { Int($0.dropFirst("SEQUENCE:".count)) })
            let newSequence = try #require(property("SEQUENCE", in: newWalk).flatMap { Int($0.dropFirst("SEQUENCE:".count)) })
            #expect(newSequence > oldSequence, "\(name): SEQUENCE \(oldSequence) → \(newSequence)")
            // The change is dated by the note that made it.
            #expect(property("LAST-MODIFIED", in: newWalk) == "LAST-MODIFIED:20310402T000000Z")
        }
        // The board is untouched (the fixture has no projects).
        #expect(after["projects.md"] == before["projects.md"])
    }

    /// An event block without its DESCRIPTION (which quotes the note's line), lines unfolded.
    func withoutDescription(_ block: String) -> String {
        block.replacingOccurrences(of: "\r\n ", with: "").split(separator: "\r\n").filter { !$0.hasPrefix("DESCRIPTION:") }
            .joined(separator: "\r\n")
    }

    /// The only note that mentions the NordSong Summit corrects its date: same UID, the new day; every other
    /// event keeps its bytes, except the CfP's DESCRIPTION, which quotes the same agenda line. SEQUENCE rises because
    /// the earlier feed in the output folder showed the old day.
    @Test func aDateEditedInTheOnlyNoteMentioningIt() throws {
        let folder = try project()
        defer { try? FileManager.default.removeItem(at: folder) }
        try collect(folder, into: "public")
        let before = try files(folder.appendingPathComponent("public"))
        let note = folder.appendingPathComponent("notes/2031-03-05.md")
        let text = try String(contentsOf: note, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "summit is in Tampere on 15 May", with: "summit is in Tampere on 22 May")
        try #require(edited != text)
        try edited.write(to: note, atomically: true, encoding: .utf8)
        try collect(folder, into: "public")
        let after = try files(folder.appendingPathComponent("public"))

        let old = try blocks(try #require(before["calendar.ics"]))
        let new = try blocks(try #require(after["calendar.ics"]))
        #expect(old.head == new.head)
        #expect(old.tail == new.tail)
        #expect(Set(old.events.keys) == Set(new.events.keys))
        let summit = try #require(old.events.first { $0.value.contains("SUMMARY:NordSong Summit\r\n") }?.key)
        let cfp = try #require(old.events.first { $0.value.contains("\r\nCATEGORIES:deadline,cfp\r\n") }?.key)
        for (uid, block) in old.events where uid != summit && uid != cfp {
            #expect(new.events[uid] == block, "\(uid) changed although its date did not")
        }
        #expect(withoutDescription(try #require(new.events[cfp])) == withoutDescription(old.events[cfp]!))
        let newSummit = try #require(new.events[summit])
        #expect(property("DTSTART", in: old.events[summit]!) == "DTSTART;VALUE=DATE:20310515")
        #expect(property("DTSTART", in: newSummit) == "DTSTART;VALUE=DATE:20310522")
        #expect(property("DTEND", in: newSummit) == "DTEND;VALUE=DATE:20310523")
        // Publishing over the earlier feed carries its SEQUENCE on: the moved summit is a new revision.
        #expect(property("SEQUENCE", in: old.events[summit]!) == "SEQUENCE:0")
        #expect(property("SEQUENCE", in: newSummit) == "SEQUENCE:1")
        // Publishing the same notes again changes nothing.
        try collect(folder, into: "public")
        #expect(try files(folder.appendingPathComponent("public")) == after)
    }
}
