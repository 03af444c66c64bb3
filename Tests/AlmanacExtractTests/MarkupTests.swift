import AlmanacCore
import AlmanacExtract
import AlmanacRead
import Foundation
import Testing

/// The weekly note of ``FormatParityTests`` in every other markup Almanac reads, and a note per markup
/// in the style only it has (issue 21).
struct MarkupParityTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)).path
    }

    @Test(arguments: ["weekly.rst", "weekly.adoc", "weekly.org", "weekly.eml"])
    func sameItemsAsMarkdown(file: String) throws {
        #expect(try items(at: Self.fixture(file)).map(describe) == FormatParityTests.expected)
    }

    /// `explain` cites each format's own lines.
    @Test func linesAreEachMarkupsOwn() throws {
        let lines = try ["weekly.rst", "weekly.adoc", "weekly.org", "weekly.eml"].map { file in
            try items(at: Self.fixture(file)).map { $0.sources[0].line }
        }
        #expect(lines == [
            [12, 13, 18, 26, 33, 38],
            [11, 12, 16, 22, 28, 32],
            [10, 11, 15, 20, 26, 30],
            [16, 17, 21, 26, 30, 32],
        ])
    }
}

/// What only one markup has, each in a note of its own style.
struct MarkupStyleTests {
    func extracted(_ name: String) throws -> [String] {
        try items(at: MarkupParityTests.fixture("markups/\(name)")).map(describe)
    }

    /// A newsletter in Org: SCHEDULED dates a heading's meetup, a repeater makes a weekly series of calls,
    /// DEADLINE is the CfP deadline of the heading's conference; inactive timestamps and code are no items.
    @Test func orgPlanningLinesAndARepeater() throws {
        let calls = stride(from: 0, to: 12, by: 1).map { week in
            "meeting/call; Station builders call; \(CivilDate(year: 2025, month: 10, day: 1)!.adding(days: 7 * week))T16:00; scheduled"
        }
        #expect(try extracted("newsletter.org") == [
            "event/release; Tidepool 0.9 release; 2025-09-15; to 2025-09-21; past",
            "event/meetup; Tidepool Lisbon meetup; 2025-10-02T18:00; to 2025-10-02T20:00; scheduled",
        ] + calls + [
            "deadline/cfp; Talk proposals for Tidecon 2025 deadline; 2025-10-15; scheduled; for Tidecon 2025",
            "event/conference; Tidecon 2025; undated; scheduled",
        ])
    }

    /// A release schedule in RST: the grid table's rows (a cell over two lines is one cell) as schedule
    /// entries (a freeze is a deadline, the row's place its location), the note admonition's contents;
    /// the code block is not read.
    @Test func rstGridTableSchedule() throws {
        #expect(try extracted("release-schedule.rst") == [
            "event/release; Tidepool 1.0 release; undated; scheduled",
            "deadline/other; Feature freeze: no new features after this day; 2026-02-02; scheduled",
            "event/meetup; Release party; 2026-03-07; scheduled; in Lisbon",
            "event/conference; Tidecon 2026 conference; 2026-05-14; scheduled; in Ghent",
        ])
        let note = try #require(NoteReader().read(contentsOf: MarkupParityTests.fixture("markups/release-schedule.rst")).note)
        let rows = note.document.blocks.filter { $0.kind == .tableRow }
        #expect(rows.map { $0.cells.map($0.text) } == [
            ["Date", "Milestone", "Where"],
            ["2026-02-02", "Feature freeze: no new features after this day", ""],
            ["2026-02-16", "Tidepool 1.0 beta", "online"],
            ["2026-03-07", "Release party", "Lisbon"],
        ])
        #expect(rows.map(\.line) == [11, 13, 16, 18])
    }

    /// An AsciiDoc page whose deadline is an attribute reference in the date line, and its table of ideas.
    @Test func asciiDocAttributeInADateLine() throws {
        #expect(try extracted("gsoc-timeline.adoc") == [
            "deadline/application; applications close; 2026-03-31; scheduled",
            "project/gsoc; Rain gauge calibration; undated; proposed; people Aiko Mori",
            "project/gsoc; Wind vane self-test; undated; proposed; people Ben Okafor",
            "event/summit; GSoC Mentor Summit; 2026-10-14; scheduled; in Munich",
        ])
    }

    /// A CfP announcement as the list sent it: multipart, quoted-printable ISO-8859-1 text, an encoded Subject.
    @Test func multipartQuotedPrintableMail() throws {
        let path = try MarkupParityTests.fixture("markups/cfp-announcement.eml")
        let note = try #require(NoteReader().read(contentsOf: path).note)
        #expect(note.info.title == "Tidecon 2026 in Málaga: papers wanted")
        #expect(note.info.authors == ["Tomás Ferreira"])
        #expect(note.info.messageID == "cfp-tidecon-2026@example.org")
        #expect(note.info.dateSource == .mailHeader)
        #expect(try extracted("cfp-announcement.eml") == [
            "event/conference; Tidecon 2026 conference; 2026-05-14; scheduled; in Málaga",
            "deadline/cfp; Tidecon 2026 CfP closes; 2026-03-15; scheduled; for Tidecon 2026 conference",
        ])
    }

    /// A thread in an mbox: each message a note; the reply extends the CfP and quotes the first message,
    /// whose quoted date is no mention of the reply's.
    @Test func mboxThreadReplyExtendsTheCfP() throws {
        let path = try MarkupParityTests.fixture("markups/cfp-thread.mbox")
        let reader = NoteReader()
        let bytes = try #require(reader.bytes(contentsOf: path).bytes)
        let notes = reader.readAll(bytes: bytes[...], path: path).compactMap(\.note)
        #expect(notes.map(\.info.messageID) == ["cfp-1@example.org", "cfp-2@example.org"])
        #expect(notes.map(\.info.title) == ["Tidecon 2026 CfP", "Tidecon 2026 CfP"])
        let items = notes.map { Extractor().extract($0).map(describe) }
        #expect(items == [
            [
                "deadline/cfp; Tidecon 2026 CfP closes; 2026-03-15; scheduled; for Tidecon 2026 conference",
                "event/conference; Tidecon 2026 conference; 2026-05-14; scheduled; in Ghent",
            ],
            [
                "deadline/cfp; Tidecon 2026 CfP deadline; 2026-03-29; scheduled; for Tidecon 2026",
                "event/conference; Tidecon 2026; undated; scheduled",
            ],
        ])
        // The reply's lines are the file's; nothing of the quote, the signature or the list footer is read.
        #expect(notes[1].document.blocks.map { "\($0.line): \($0.text)" } == [
            "27: Good news: the Tidecon 2026 CfP deadline is extended to 29 March 2026."
        ])
    }
}
