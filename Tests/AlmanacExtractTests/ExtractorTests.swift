import AlmanacCore
import AlmanacExtract
import AlmanacRead
import AlmanacTestSupport
import Foundation
import Testing

/// One line per item with everything a user sees, lines excluded (they differ by format).
func describe(_ item: Item) -> String {
    var parts = ["\(item.kind.rawValue)/\(item.subkind?.rawValue ?? "-")", item.title]
    if !item.aliases.isEmpty { parts.append("aka " + item.aliases.joined(separator: "|")) }
    parts.append(item.when.startText ?? "undated")
    if let end = item.when.endText { parts.append("to " + end) }
    if item.when.tentative { parts.append("tentative") }
    parts.append(item.status.rawValue)
    if let location = item.location { parts.append("in " + location) }
    if let event = item.forEvent { parts.append("for " + event) }
    if !item.people.isEmpty { parts.append("people " + item.people.joined(separator: "|")) }
    return parts.joined(separator: "; ")
}

func items(at path: String) throws -> [Item] {
    let outcome = NoteReader().read(contentsOf: path)
    let note = try #require(outcome.note, "\(outcome.diagnostics)")
    return Extractor().extract(note)
}

struct SeedAcceptanceTests {
    static let expected = [
        "deadline/cfp; CIF16 CfP closes; 2015-12-19; scheduled; for Cloud Innovator Forum 2016",
        "event/meetup; Unikernel install party; aka Hello World party; 2016-02-22; tentative; tentative",
        "meeting/call; Weekly Meeting: 2015-12-16; 2015-12-16; past; people Amir Chaudhry|Thomas Leonard|Jon Ludlam|Mindy Preston|Dave Scott|Dan Williams|Jeremy Yallop|Wassim",
        "event/conference; Cloud Innovator Forum 2016; aka Cloud Innovator Forum|CIF16; 2016-01-22; scheduled; in Pasadena CA",
        "event/conference; dev/winter; undated; proposed",
        "event/hackathon; MirageOS hackathon; aka Hackathon; undated; proposed",
        "project/outreachy; NTP; undated; in-progress",
        "meeting/call; Next call; undated; scheduled",
    ]

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func markdownSeed() throws {
        let path = TestPaths.shared!.appendingPathComponent("seeds/000_0eee7e9741c89038.txt").path
        let found = try items(at: path)
        #expect(found.map(describe) == Self.expected)
        // Provenance: the CfP deadline and the event both cite the agenda line.
        #expect(found[0].sources.map(\.line) == [16])
        #expect(found[3].sources.map(\.line).sorted() == [16, 52, 54])
        #expect(found[2].sources.first?.line == 27)
    }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func renderedTextSeedGivesTheSameItems() throws {
        let path = TestPaths.shared!.appendingPathComponent("seeds/001_8b0b4f333de2a59a.txt").path
        let found = try items(at: path)
        #expect(found.map(describe) == Self.expected)
        #expect(found[0].sources.map(\.line) == [13])
        #expect(found[2].sources.first?.line == 23)
    }
}

struct FormatParityTests {
    static let expected = [
        "deadline/cfp; PLS24 CfP closes; 2024-03-15; scheduled; for Packet Level Summit 2024",
        "event/hackathon; Spring sprint; 2024-04-20; tentative; tentative",
        "meeting/call; Weekly Meeting: 2024-03-06; 2024-03-06; past; people Noor Haddad|Emil Sato|Lena Brandt|Kofi",
        "event/summit; Packet Level Summit 2024; aka Packet Level Summit|PLS24; 2024-04-12; scheduled; in Porto",
        "project/gsoc; IPv6 fragments; undated; in-progress",
        "meeting/call; Next call; 2024-03-20; scheduled",
    ]

    @Test(arguments: ["weekly.md", "weekly.txt", "weekly.html"])
    func sameItemsFromEveryFormat(file: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil))
        #expect(try items(at: url.path).map(describe) == Self.expected)
    }

    @Test func linesAreTheFormatsOwn() throws {
        let markdown = try items(at: #require(Bundle.module.url(forResource: "Fixtures/weekly.md", withExtension: nil)).path)
        let html = try items(at: #require(Bundle.module.url(forResource: "Fixtures/weekly.html", withExtension: nil)).path)
        #expect(markdown.map { $0.sources[0].line } == [14, 15, 19, 25, 31, 35])
        #expect(html.map { $0.sources[0].line } == [13, 14, 20, 23, 26, 29])
    }
}

struct ExtractionRuleTests {
    func extract(_ body: String, date: String = "2024-03-06") -> [String] {
        let text = "---\ntitle: \"Weekly Meeting\"\ndate: \(date)\n---\n\n" + body
        let note = NoteReader().read(text: text, path: "note.md").note!
        return Extractor().extract(note).filter { !($0.kind == .meeting && $0.status == .past) }.map(describe)
    }

    @Test func cancelledAndResumedCalls() {
        #expect(extract("No call next week (13th March) as several of us travel; we resume on the 20th March.") == [
            "meeting/call; Call (cancelled); 2024-03-13; cancelled",
            "meeting/call; Next call; 2024-03-20; scheduled",
        ])
    }

    @Test func callNextWeekIsTheSameWeekday() {
        #expect(extract("Plan for next week's call: review the roadmap.") == ["meeting/call; Next call; 2024-03-13; scheduled"])
    }

    @Test func releases() {
        #expect(extract("Tidepool 0.9 was released on Monday.", date: "2026-09-16") == [
            "event/release; Tidepool 0.9 release; 2026-09-14; past"
        ])
        #expect(extract("Rosa released Mirage 1.1.1 (yay!).") == ["event/release; Mirage 1.1.1 release; undated; past"])
        #expect(extract("Had to pin the repo as the released version didn't work.") == [])
    }

    @Test func deadlineNeedsADate() {
        #expect(extract("Applications close on 21 March for the summer programme.") == [
            "deadline/application; Applications close; 2024-03-21; scheduled"
        ])
        #expect(extract("We discussed applications in general.") == [])
    }

    @Test func listedProjectIdeas() {
        #expect(extract("#### GSoC Projects ####\n\nWe discussed these ideas:\n\n- A router VM, which routes traffic.\n- OCaml SSH\n") == [
            "project/gsoc; Router VM; undated; proposed",
            "project/gsoc; OCaml SSH; undated; proposed",
        ])
    }
}

/// One item per thing per note, however many other mentions share its words.
struct ConsolidationTests {
    /// "Harbour workshop" shares each word with 210 other events; its two mentions are still one item.
    @Test func aThingMentionedTwiceAmongHundredsIsOneItem() throws {
        var text = "---\ndate: 2031-01-05\n---\n\n- The Harbour workshop is on 3 June 2031.\n"
        for number in 1...210 {
            text += "- The Harbour Reef\(number) meetup is on \(1 + number % 28) May 2031.\n"
            text += "- The Tide\(number) workshop is on \(1 + number % 28) May 2031.\n"
        }
        text += "- The Harbour workshop will be in Porto.\n"
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("2031-01-05.md")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let events = try items(at: path.path).filter { $0.kind == .event }
        #expect(events.count == 421)
        #expect(events.filter { $0.title == "Harbour workshop" }.map(describe) == [
            "event/workshop; Harbour workshop; 2031-06-03; scheduled; in Porto"
        ])
    }
}

struct ListedProjectTests {
    @Test func aListedProjectIsAListedItem() {
        let project = ListedProject(title: "Offline sync", programme: .gsoc, difficulty: 3, timeEstimate: "350 h", mentors: ["Gil"],
            contributors: ["Kit", "Gil"], skills: ["C"], description: "Sync later.", links: ["https://example.org/sync"], status: .done,
            line: 12)
        #expect(project.item(path: "wiki/ideas.md") == Item(
            kind: .project, subkind: .gsoc, title: "Offline sync", status: .done, people: ["Gil", "Kit"], difficulty: 3,
            url: "https://example.org/sync", sources: [Evidence(path: "wiki/ideas.md", line: 12, quote: "Offline sync")],
            project: ProjectDetails(timeEstimate: "350 h", mentors: ["Gil"], contributors: ["Kit", "Gil"], skills: ["C"],
                description: "Sync later.", links: ["https://example.org/sync"], listed: true)))
    }
}

/// Status words are whole words and phrases of the sentence, not substrings of it.
struct StatusWordTests {
    @Test func aStatusIsSaidInWholeWords() throws {
        let text = """
            ---
            date: 2031-01-05
            ---

            - The Harbour hackathon is on 3 June 2031; we pushed the fix for the venue form.
            - The Reef workshop on 5 June 2031 was called off.
            - The Kelp meetup on 7 June 2031 is pushed back to a later date.
            - The Tide summit is on 9 June 2031, undropped.

            """
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("2031-01-05.md")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let events = try items(at: path.path).filter { $0.kind == .event }
        #expect(events.map { "\($0.title): \($0.status.rawValue)" } == [
            "Harbour hackathon: scheduled", "Reef workshop: cancelled", "Kelp meetup: postponed", "Tide summit: scheduled",
        ])
    }
}
