import AlmanacCore
import AlmanacRead
import Foundation
import Testing

/// The readers of issue 21: each gives the Markdown reader's blocks, spans and lines.
struct RSTParserTests {
    @Test func titlesListsTablesAndInlineMarkup() {
        let text = """
            :Date: 2026-01-12
            :Author: Priya Raman

            ==========
            Tidepool 1
            ==========

            Schedule
            --------

            * Freeze on **2026-02-02**, see `the plan <https://x.example/plan>`_ and :pep:`101`.
            * Beta::

                  not read 2026-01-01

            Term
               Its definition.

            =====  ==========
            When   What
            =====  ==========
            03-02  Release
                   day
            =====  ==========

            +------+-------+
            | A    | B     |
            | more |       |
            +------+-------+

            .. note:: Heads up

               The party is in Lisbon.

            .. code-block:: python

               x = "2026-01-01"

            .. a comment, not read
            """
        let (document, diagnostics) = RSTParser().parse(text, path: "x.rst")
        #expect(diagnostics.isEmpty)
        #expect(document.dump() == """
            0 @5 h1 Tidepool 1
            1 @8 h2§0 Schedule
            2 @11 li0§1 Freeze on 2026-02-02, see the plan and PEP 101. {strong:2026-02-02; link(https://x.example/plan):the plan}
            3 @12 li0§1 Beta:
            4 @14 code^3§1 not read 2026-01-01
            5 @16 p§1 Term
            6 @17 p§1 Its definition.
            7 @20 tr§1 When | What
            8 @22 tr§1 03-02 | Release day
            9 @27 tr§1 A more | B
            10 @31 p§1 Heads up
            11 @33 p§1 The party is in Lisbon.
            12 @37 code§1 x = "2026-01-01"
            """)
    }

    @Test func docinfoGivesTheNotesDate() throws {
        let outcome = NoteReader().read(text: ":Date: 2026-01-12\n:Title: Schedule\n\nText.\n", path: "notes/x.rst")
        let note = try #require(outcome.note)
        #expect(note.info.date == CivilDate(year: 2026, month: 1, day: 12))
        #expect(note.info.title == "Schedule")
        #expect(note.info.format == .restructuredText)
        #expect(note.document.blocks.map(\.text) == ["Text."])
    }

    @Test func plainRSTInATextFileIsRST() throws {
        let text = "Schedule\n~~~~~~~~\n\n.. note::\n\n   Freeze on 2026-02-02.\n\nSee `x <https://x.example>`_.\n"
        let note = try #require(NoteReader().read(text: text, path: "2026-01-12.txt").note)
        #expect(note.info.format == .restructuredText)
        #expect(note.document.blocks.map(\.text) == ["Schedule", "Freeze on 2026-02-02.", "See x."])
    }
}

struct AsciiDocParserTests {
    @Test func headerAttributesSectionsListsAndTables() {
        let text = """
            = Tidecon
            Aiko Mori <aiko@example.org>
            v1.0, 2026-02-10: first
            :cfp: 31 March 2026
            :site: https://tide.example

            == Dates

            * CfP closes {cfp}, see {site}[the site].
            ** Details: link:https://tide.example/cfp[CfP page]
            . First
            Proposals:: Due {cfp}.

            NOTE: The summit is in Munich.

            [cols="2,1"]
            |===
            |Project |Level

            |Rain gauge
            |medium
            |===

            ----
            2026-01-01 not read
            ----
            """
        let (document, diagnostics) = AsciiDocParser().parse(text, path: "x.adoc")
        #expect(diagnostics.isEmpty)
        #expect(document.dump() == """
            0 @7 h2 Dates
            1 @9 li0§0 CfP closes 31 March 2026, see the site. {link(https://tide.example):the site}
            2 @10 li1^1§0 Details: CfP page {link(https://tide.example/cfp):CfP page}
            3 @11 li2^2§0 First
            4 @12 li3^3§0 Proposals: Due 31 March 2026.
            5 @14 p§0 The summit is in Munich.
            6 @18 tr§0 Project | Level
            7 @20 tr§0 Rain gauge | medium
            8 @25 code§0 2026-01-01 not read
            """)
        let note = NoteReader().read(text: text, path: "x.adoc").note
        #expect(note?.info.date == CivilDate(year: 2026, month: 2, day: 10))
        #expect(note?.info.title == "Tidecon")
        #expect(note?.info.authors == ["Aiko Mori"])
    }

    @Test func revdateFromAnAttribute() {
        let text = "= Notes\n:day: 2026-03-04\n:revdate: {day}\n\nText.\n"
        #expect(NoteReader().read(text: text, path: "x.adoc").note?.info.date == CivilDate(year: 2026, month: 3, day: 4))
    }
}

struct OrgParserTests {
    @Test func headingsPlanningTimestampsAndBlocks() {
        let text = """
            #+TITLE: News
            #+DATE: <2025-09-24 Wed>

            * TODO [#A] Lisbon meetup                                   :events:
            SCHEDULED: <2025-10-02 Thu 18:00 +1w> DEADLINE: <2025-09-30 Tue>
            :PROPERTIES:
            :ID: 1
            :END:
            - Venue: [[https://maker.example][the makerspace]], <2025-10-02 Thu>--<2025-10-03 Fri>
              - noted [2025-09-20 Sat]
            | When | What |
            |------+------|
            | Oct 2 | *Meetup* |
            #+BEGIN_SRC shell
            echo 2025-12-01
            #+END_SRC
            * COMMENT Hidden
            Not read.
            """
        let (document, diagnostics) = OrgParser().parse(text, path: "x.org")
        #expect(diagnostics.isEmpty)
        #expect(document.dump() == """
            0 @4 h1 Lisbon meetup
            1 @5 p§0 SCHEDULED: 2025-10-02 18:00 +1w {code:+1w}
            2 @5 p§0 DEADLINE: 2025-09-30
            3 @9 li0§0 Venue: the makerspace, 2025-10-02 to 2025-10-03 {link(https://maker.example):the makerspace}
            4 @10 li1^3§0 noted [2025-09-20 Sat] {code:[2025-09-20 Sat]}
            5 @11 tr§0 When | What
            6 @13 tr§0 Oct 2 | Meetup {strong:Meetup}
            7 @15 code§0 echo 2025-12-01
            """)
    }
}

struct MailTests {
    static func message(_ text: String, firstLine: Int = 1) -> MailMessage {
        MailMessage(bytes: Array(text.utf8)[...], firstLine: firstLine, path: "list.mbox")
    }

    @Test func encodedWordsQuotedPrintableAndLines() {
        let message = Self.message("""
            From: =?ISO-8859-1?Q?Tom=E1s?= Ferreira <tomas@example.org>
            Subject: Re: [tide-dev] Fwd: =?UTF-8?B?VGlkZWNvbiBpbiBNw6FsYWdh?=
             =?UTF-8?Q?_CfP?=
            Date: Mon, 2 Feb 2026 23:15:00 -0800
            Message-ID: <cfp-1@example.org>
            Content-Type: text/plain; charset=windows-1252
            Content-Transfer-Encoding: quoted-printable

            The CfP closes on 15 March =96 soft=
            ly broken.
            On Sun, 1 Feb 2026, Rosa wrote:
            > Quoted: 1 April.
            Own line.
            --\u{20}
            Signature: 2 April.
            """)
        #expect(message.subject == "Tidecon in Málaga CfP")
        #expect(message.author == "Tomás Ferreira")
        #expect(message.date == CivilDate(year: 2026, month: 2, day: 2))
        #expect(message.messageID == "cfp-1@example.org")
        guard case .text(let lines) = message.body else {
            Issue.record("no text body")
            return
        }
        #expect(lines.filter { !$0.text.isEmpty }.map { "\($0.line): \($0.text)" } == [
            "9: The CfP closes on 15 March – softly broken.",
            "13: Own line.",
        ])
    }

    @Test func multipartPrefersPlainTextAndDecodesBase64() {
        let message = Self.message("""
            Subject: Meetup
            Date: 3 Oct 2025 10:00 +0000
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/html; charset=utf-8

            <p>HTML: 9 October</p>
            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            TWVldHVwIG9uIDkgT2N0b2Jlci4K
            --inner--
            --outer
            Content-Type: text/plain
            Content-Disposition: attachment; filename="x.txt"

            Attached: 1 December.
            --outer--
            """)
        guard case .text(let lines) = message.body else {
            Issue.record("no text body")
            return
        }
        #expect(lines.filter { !$0.text.isEmpty }.map { "\($0.line): \($0.text)" } == ["16: Meetup on 9 October."])
    }

    @Test func htmlOnlyGoesThroughTheHTMLReader() throws {
        let text = """
            Subject: Meetup
            Date: 3 Oct 2025 10:00 +0000
            Content-Type: text/html; charset=utf-8

            <html><body>
            <p>The meetup is on <b>9 October</b>.</p>
            </body></html>
            """
        let note = try #require(NoteReader().read(bytes: Array(text.utf8), path: "m.eml").note)
        #expect(note.document.blocks.map { "\($0.line): \($0.text)" } == ["6: The meetup is on 9 October."])
    }

    @Test func malformedHeadersAndEncodingsAreWarnings() {
        let message = Self.message("""
            Subject: =?x-unknown?Q?caf=E9?=
            Date: someday
            Content-Type: text/plain; charset=utf-8
            this line is no header
            Body: 9 October.
            """, firstLine: 40)
        #expect(message.diagnostics.map(\.description) == [
            "list.mbox:43:1: warning: malformed header line (no 'Name:'); read as the start of the body",
            "list.mbox:40:1: warning: unknown charset 'x-unknown'; read as ISO-8859-1",
        ])
        #expect(message.subject == "café")
        #expect(message.date == nil)
    }

    @Test func subjectTags() {
        #expect(MailMessage.cleanSubject("Re: RE: [tide-dev] Fwd: Tidecon CfP") == "Tidecon CfP")
        #expect(MailMessage.cleanSubject("AW: Re[2]: [x] [y] Meetup") == "Meetup")
        #expect(MailMessage.cleanSubject("Return of the meetup") == "Return of the meetup")
    }

    @Test func mboxSplitsAndStreamsAlike() throws {
        var text = ""
        for index in 1...40 {
            text += "From a@example.org Mon Feb  2 09:15:00 2026\nSubject: Message \(index)\nDate: 2 Feb 2026 09:15 +0000\n\n"
            text += "Line one.\n>From the quoted mbox.\nFrom here on, a sentence.\n\n"
        }
        let bytes = Array(text.utf8)
        let split = Mailbox.messages(in: bytes)
        #expect(split.count == 40)
        #expect(split.map(\.firstLine).prefix(3) == [1, 9, 17])
        let path = NSTemporaryDirectory() + "almanac-mbox-\(UUID().uuidString).mbox"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try MailboxReader(path: path)
        var streamed: [(bytes: [UInt8], firstLine: Int)] = []
        while let message = reader.next() { streamed.append(message) }
        #expect(streamed.map(\.firstLine) == split.map(\.firstLine))
        #expect(streamed.map(\.bytes) == split.map { Array($0.bytes) })
        let notes = NoteReader().readAll(bytes: bytes[...], path: path).compactMap(\.note)
        #expect(notes.count == 40)
        #expect(notes[1].info.title == "Message 2")
        #expect(notes[1].document.blocks.map { "\($0.line): \($0.text)" } == ["13: Line one. From the quoted mbox. From here on, a sentence."])
    }
}

/// What the fuzz targets of the markup readers found, and their limits.
struct MarkupFuzzRegressionTests {
    /// An empty last cell of a grid table was a range past the row's text.
    @Test func emptyLastCellIsInsideTheRow() {
        let (document, _) = RSTParser().parse("+---+---+\n| a |   |\n+---+---+\n", path: "x.rst")
        let row = document.blocks[0]
        #expect(row.cells.allSatisfy { $0.upperBound <= row.text.utf8.count })
        #expect(row.cells.map(row.text) == ["a", ""])
    }

    /// A staircase of ever deeper blocks is read flat past the nesting limit, not by ever deeper recursion.
    @Test func deepNestingIsBounded() {
        let rst = (0..<400).map { String(repeating: " ", count: $0) + "- item \($0)" }.joined(separator: "\n\n")
        #expect(RSTParser().parse(rst, path: "x.rst").document.blocks.count == 400)
        let adoc = String(repeating: "====\n****\n", count: 200) + "Deep text.\n"
        #expect(AsciiDocParser().parse(adoc, path: "x.adoc").document.blocks.map(\.text).contains("Deep text."))
        let org = String(repeating: "#+BEGIN_QUOTE\n", count: 200) + "Deep text.\n"
        #expect(OrgParser().parse(org, path: "x.org").document.blocks.map(\.text).contains("Deep text."))
    }
}

extension MarkupFuzzRegressionTests {
    /// The same in a Markdown table ("||"), which a mail body read as Markdown showed.
    @Test func emptyMarkdownCellIsInsideTheRow() {
        let document = MarkdownParser().parse("| a | b ||\n|---|---|---|\n| c ||\n")
        for row in document.blocks { #expect(row.cells.allSatisfy { $0.upperBound <= row.text.utf8.count }) }
    }
}
