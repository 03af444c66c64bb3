import AlmanacCore
import AlmanacRead
import Foundation
import Testing

struct MarkdownParserTests {
    @Test func blocksKeepStructureAndLines() {
        let text = """
            ### Agenda ###

            - Events
              - CIF16 (CfP closes 19 Dec)
            * Projects

            Attendees:
            Ana (chair), Ben.

            Setext heading
            --------------

            1. first
            2. second
            """
        let document = MarkdownParser().parse(text, firstLine: 10)
        #expect(document.dump() == """
            0 @10 h3 Agenda
            1 @12 li0§0 Events
            2 @13 li1^1§0 CIF16 (CfP closes 19 Dec)
            3 @14 li0§0 Projects
            4 @16 p§0 Attendees: Ana (chair), Ben.
            5 @19 h2 Setext heading
            6 @22 li0§5 first
            7 @23 li0§5 second
            """)
    }

    /// A block quote is Markdown of its own: its paragraphs, list items and nested lists are blocks (its
    /// paragraphs and headings of kind quote), at their own lines and columns; the document's link
    /// definitions hold inside it; quotes nested deeper than eight are read as one paragraph, so no
    /// input recurses without end.
    @Test func blockQuotesAreReadAsBlocks() throws {
        let text = """
            ## News

            > ### Report
            > First paragraph of the [report][r].
            >
            > * one item
            >     - nested item
            > > inner quote

            after

            [r]: https://example.org/r
            """
        let document = MarkdownParser().parse(text)
        #expect(document.dump() == """
            0 @1 h2 News
            1 @3 quote§0 Report
            2 @4 quote§0 First paragraph of the report. {link(https://example.org/r):report}
            3 @6 li0§0 one item
            4 @7 li1^3§0 nested item
            5 @8 quote§0 inner quote
            6 @10 p§0 after
            """)
        #expect(document.blocks[4].anchors.first?.column == 9)
        #expect(document.blocks[5].anchors.first?.column == 5)
        // Eight quotes read as blocks, the ninth as a paragraph of the rest.
        let deep = MarkdownParser().parse(String(repeating: ">", count: 100_000) + " deep").blocks
        #expect(deep.count == 1)
        #expect(deep.first?.text.utf8.count == 100_000 - 9 + " deep".utf8.count)
    }

    @Test func inlineMarkupBecomesSpans() {
        let text = """
            **Cloud Forum** — see [the site][site], `code 2016-01-22` and <https://example.org/x>.
            Also *emphasis*, __strong__ and snake_case_names.

            [site]: https://example.org/forum
            """
        let document = MarkdownParser().parse(text)
        #expect(document.blocks.count == 1)
        #expect(document.dump() == """
            0 @1 p Cloud Forum — see the site, code 2016-01-22 and https://example.org/x. Also emphasis, strong and snake_case_names. {strong:Cloud Forum; leadIn:Cloud Forum; link(https://example.org/forum):the site; code:code 2016-01-22; url:https://example.org/x; link(https://example.org/x):https://example.org/x; em:emphasis; strong:strong}
            """)
    }

    @Test func sourcePositionsSurviveMarkup() throws {
        let document = MarkdownParser().parse("intro line\n**Bold** text with [a link][x] and\nmore on line three\n\n[x]: http://x.org", firstLine: 5)
        let block = try #require(document.blocks.first)
        let offset = try #require(block.text.utf8.firstIndex(of: UInt8(ascii: "m")).map { block.text.utf8.distance(from: block.text.utf8.startIndex, to: $0) })
        #expect(block.location(of: offset).line == 7)
        #expect(block.location(of: 0) == (5, 1))
        let bold = try #require(block.text.range(of: "Bold"))
        #expect(block.location(of: block.text.utf8.distance(from: block.text.startIndex, to: bold.lowerBound)) == (6, 3))
    }

    @Test func codeFencesAndTablesAndComments() {
        let text = """
            <!-- hidden
            comment -->
            ```
            date 2016-01-22
            ```

            | Project | Stars |
            |---------|:-----:|
            | NTP \\| sync | 2 |
            """
        let document = MarkdownParser().parse(text)
        #expect(document.dump() == """
            0 @4 code date 2016-01-22
            1 @7 tr Project | Stars
            2 @9 tr NTP | sync | 2
            """)
        #expect(document.blocks[2].cells.map { document.blocks[2].text($0) } == ["NTP | sync", "2"])
    }
}

struct TextParserTests {
    @Test func renderedPageText() {
        let text = """
            Site Logo

            Docs and guides

            Weekly Meeting: 2024-03-06
            By Noor Haddad - 2024-03-06


              • Community events
                • PLS24 (CfP closes 15 Mar)
              • Student projects

            Attendees: Noor Haddad (chair), Emil Sato.


            Community events

            Packet Level Summit — Emil will submit a talk.
            """
        let document = TextParser().parse(text)
        #expect(document.dump() == """
            0 @5 h1 Weekly Meeting: 2024-03-06
            1 @6 p§0 By Noor Haddad - 2024-03-06 {leadIn:By Noor Haddad}
            2 @9 li0§0 Community events
            3 @10 li1^2§0 PLS24 (CfP closes 15 Mar)
            4 @11 li0§0 Student projects
            5 @13 p§0 Attendees: Noor Haddad (chair), Emil Sato. {leadIn:Attendees}
            6 @16 h2§0 Community events
            7 @18 p§6 Packet Level Summit — Emil will submit a talk. {leadIn:Packet Level Summit}
            """)
    }
}

struct HTMLParserTests {
    @Test func pageBecomesTheSameStructure() {
        let html = """
            <html><head><title>T</title></head><body>
            <nav><a href="/">Home</a></nav>
            <main>
            <h1>Weekly Meeting</h1>
            <ul><li>Events<ul><li>PLS24 &amp; friends</li></ul></li></ul>
            <p><strong>Spring sprint</strong> &mdash; keen. <a href="javascript:alert(1)">x</a> <a href="https://e.org">site</a></p>
            <table><tr><th>Project</th><th>Stars</th></tr><tr><td>NTP</td><td>2</td></tr></table>
            <script>var date = "2016-01-22";</script>
            </main><footer>2099-01-01</footer></body></html>
            """
        let page = HTMLParser().parse(html)
        #expect(page.title == "Weekly Meeting")
        #expect(page.document.dump() == """
            0 @4 h1 Weekly Meeting
            1 @5 li0§0 Events
            2 @5 li1^1§0 PLS24 & friends
            3 @6 p§0 Spring sprint — keen. x site {strong:Spring sprint; leadIn:Spring sprint; link(https://e.org):site}
            4 @7 tr§0 Project | Stars
            5 @7 tr§0 NTP | 2
            """)
    }

    @Test func statedDate() {
        let page = HTMLParser().parse("<html><head><meta property=\"article:published_time\" content=\"2015-12-16T10:00:00Z\"></head><body><p>x</p></body></html>")
        #expect(page.date?.description == "2015-12-16")
    }
}
