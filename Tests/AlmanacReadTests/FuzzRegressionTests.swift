import AlmanacRead
import Foundation
import Testing

/// Inputs the fuzz target (Tests/Fuzz, scripts/fuzz.sh) found slow: each `[`, `(` or emphasis closer
/// used to walk to the end of its paragraph, so a 64 KB line of `[` took seconds and 256 KB minutes.
struct FuzzRegressionTests {
    /// Parses `text` as a Markdown note body and returns the document dump.
    func parse(_ text: String) -> String {
        MarkdownParser().parse(text).dump()
    }

    /// `count` times `opening`, then `count` times `closing`: up to 256 KB in one paragraph.
    @Test(arguments: [
        ("[", "", 256 * 1024),  // unclosed brackets
        ("![", "", 128 * 1024),  // unclosed images
        ("[", "]", 128 * 1024),  // nested brackets
        ("[a](", "", 64 * 1024),  // unclosed link destinations
        ("a: [", "", 64 * 1024),  // YAML flow sequences in a paragraph
        ("a* ", "", 80 * 1024),  // emphasis closers with no opener
    ])
    func pathologicalParagraphs(opening: String, closing: String, count: Int) {
        let text = String(repeating: opening, count: count) + String(repeating: closing, count: count)
        // The old quadratic walks took minutes at this size (speed is measured by the fuzz runs, not here).
        #expect(parse(text).hasPrefix("0 @1 p "))
    }

    /// The walks remember each bracket's close; links, labels, code spans and escapes inside links
    /// resolve as they did before.
    @Test func bracketsInsideLinksAndCodeSpans() {
        #expect(parse("See [the [nested](/in) `]` text](/out) and [ref] then [x][ref] and [[a]] [b](c (d) e) [open (x") == """
            0 @1 p See the nested ] text and [ref] then x and [[a]] b [open (x {link(/out):the nested ] text; \
            link(/in):nested; code:]; link(c):b}
            """)
        #expect(parse("[ref]: /r\n\n[[[`]`]](/u) ![img [a](b)](c) **[bold *em* [x](y)](z)** a*b*c a** b** **c") == """
            0 @3 p [[]] bold em x abc a** b** **c {link(/u):[]]; code:]; link(z):bold em x; strong:bold em x; \
            em:em; link(y):x; em:b}
            """)
        #expect(parse(#"x [a](`)`) [b](\)) [c\]](d) [[e](f) g](h)"#) == """
            0 @1 p x a`) b c] e g {link(`):a; link(\\)):b; link(d):c]; link(h):e g; link(f):e}
            """)
    }

    /// A label over 999 characters is no label (CommonMark), even with a definition of that name.
    @Test func longLabelsAreNotReferences() {
        let label = String(repeating: "a", count: 1000)
        #expect(parse("[\(label)]: /long\n[b]: /b\n\n[\(label)] and [b]").hasSuffix(" {link(/b):b}"))
    }
}

/// HTML the fuzz target found crashing the reader.
struct HTMLFuzzRegressionTests {
    /// A block in a table cell flushed the row, and the cell's range was then taken from no block
    /// (a force-unwrapped nil): `<td><p>…</p></td>`, common in exported pages, crashed the reader.
    @Test func blockInsideATableCell() {
        let page = HTMLParser().parse("<table><tr><td><p>x</p></td><td>y</td></tr><tr><th><ul><li>z</li></ul></th></tr></table>")
        #expect(page.document.dump() == "0 @1 p x\n1 @1 tr y\n2 @1 li0 z")
    }
}

/// A crash the fuzz target found: a Markdown note with YAML front matter, read as an HTML page, gave a
/// block a line past the file's last line.
struct FuzzLineTests {
    @Test func markdownReadAsHTMLKeepsItsLines() throws {
        let text = """
            ---
            updated: 2016-09-07
            subject: Weekly call
            author:
              name: Ilse Varga
            ---

            # Weekly call

            1. Install party at the library: Sat 17 Sep, 2pm-6pm CEST
            2. FOSS Autumn Summit CfP deadline is 9/30 (was 9/23)
            3. `v0.9` freeze in two weeks, then the 1.0 release sometime in Q4 2016

            Attendees: Ilse, Marco, Dee

            """
        let note = try #require(NoteReader().read(bytes: Array(text.utf8), path: "notes/2016-09-07.html").note)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        for block in note.document.blocks {
            for anchor in block.anchors { #expect((1...lines).contains(anchor.line), "\(block.text)") }
        }
    }
}

/// A fuzz finding: an HTML table row whose last cell is empty (`<td><a href="…</a></td>`) gave that cell a
/// range one past the row's text.
struct FuzzCellTests {
    @Test func anEmptyLastCellEndsWithItsRow() throws {
        let html = """
            <html><body><table>
            <tr><th>When</th><th>What</th></tr>
            <tr><td>Tue 3 Apr, 18:00 BST</td><td><a href="/meet#x our meetup</a></td></tr>
            </table></body></html>
            """
        let note = try #require(NoteReader().read(text: html, path: "fuzz/2015-12-16.html").note)
        let rows = note.document.blocks.filter { $0.kind == .tableRow }
        #expect(rows.count == 2)
        for row in rows {
            for cell in row.cells { #expect(cell.lowerBound <= cell.upperBound && cell.upperBound <= row.text.utf8.count, "\(row.text)") }
        }
    }
}

/// A fuzz finding (the input as libFuzzer left it: an HTML page in a mail message with NUL bytes and
/// CRLF lines): a block cited a line past the message's last.
struct FuzzMailLineTests {
    static let input = "PGh0bWw+O2JvPGh0bWw+PGJvZHk+OzxhcnRpZGUtYW5ub3VuY2VAbGlzdHMuZXhhbXBsZS5vcmcNClN1YmplY3Q6ID0/VVRGLTg/UT9bdAAAAAAAAAAAAAAAAABpZGUtYW5ub3VuY2VdX1RpZGVjb25fMjAyNl9pbl9NPUMzPUExbGFnYTpfcGFwZXJzX3dhbnR1ZD89DQpEYXRlOgkAAAAAAAAARmViIDIwMjYgMDk6MTU6MDAgKzAwMDANCk1lc3NhZ2UtSUQ6IDxjZnAtdGlkZWNvbi0yMDI2QGV4YW1wbGUub3JnPg0KTUlNRS1WZXJzaW9uOiAxLjANCkNvbnRlbnQtVGludXRlcyB3ZXJlIHRha2VuIGJ5IE5vb3I7IGNvbW1lbnRzIGxpa2UgdGhpcyBvbmUgYXJlIG5vdCByZWFkLiBldmVyeW89DQpuZSwgZmlyc3QtdGltZSBzcGVha2VycyBtb3N0IG9mIGFsbC4NCg0KVG9XdGlkZf////////////////////////////9fcjIiDQoNClRoaXMgaXN0aWR5PjxhcnRpY2xlPgo8aDI+VXBjb21pbmc8L2gyPgo8dGFibGU+Cjx0QmVhZD48dHI+PHRoPhdoZW48L3RoPjx0aD5XaGF0PCwgMTg6MDAgQlNUPC90ZD48dGS7w2FyIGhjZQ=="

    @Test func linesOfAMessageStayInsideIt() throws {
        let bytes = try Array(#require(Data(base64Encoded: Self.input)))
        let lastLine = bytes.filter { $0 == 0x0A }.count + 1
        for outcome in NoteReader().readAll(bytes: bytes[...], path: "fuzz/2015-12-16.eml") {
            for block in outcome.note?.document.blocks ?? [] {
                for anchor in block.anchors { #expect(anchor.line <= lastLine, "\(block.text)") }
            }
        }
    }
}
