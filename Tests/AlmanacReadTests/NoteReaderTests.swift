import AlmanacCore
import AlmanacRead
import Foundation
import Testing

struct NoteReaderTests {
    let reader = NoteReader()

    @Test func dateFromFrontMatterThenTextThenFileName() {
        let front = reader.read(text: "---\ndate: 2015-12-16\ntitle: x\n---\nbody 2020-01-01\n", path: "n/2019-05-05.md")
        #expect(front.note?.info.date.description == "2015-12-16")
        #expect(front.note?.info.dateSource == .frontMatter)
        let text = reader.read(text: "# Meeting 2017-03-04\n\nbody\n", path: "n/2019-05-05.md")
        #expect(text.note?.info.date.description == "2017-03-04")
        #expect(text.note?.info.dateSource == .text)
        let name = reader.read(text: "# Meeting\n\nbody\n", path: "n/2019_05_05-notes.md")
        #expect(name.note?.info.date.description == "2019-05-05")
        #expect(name.note?.info.dateSource == .fileName)
    }

    @Test func secondFrontMatterStyle() {
        let text = """
            ---
            updated: 2015-02-11
            author:
              name: Ana Example
              email: ana@example.org
            subject: 'Weekly Meeting: 2015-02-11'
            permalink: weekly-2015-02-11
            ---

            body
            """
        let note = reader.read(text: text, path: "x.md").note
        #expect(note?.info.date.description == "2015-02-11")
        #expect(note?.info.title == "Weekly Meeting: 2015-02-11")
        #expect(note?.info.authors == ["Ana Example"])
        #expect(note?.info.permalink == "weekly-2015-02-11")
        #expect(note?.document.blocks.first?.line == 10)
    }

    @Test func windowsLineEndings() {
        let text = "---\r\ndate: 2015-12-16\r\ntitle: Weekly\r\n---\r\n\r\n- item one\r\n- item two\r\n"
        let note = reader.read(text: text, path: "crlf.md").note
        #expect(note?.info.date.description == "2015-12-16")
        #expect(note?.info.title == "Weekly")
        #expect(note?.document.blocks.map(\.text) == ["item one", "item two"])
        #expect(note?.document.blocks.map(\.line) == [6, 7])
    }

    @Test func noDateIsReportedAndSkipped() {
        let outcome = reader.read(text: "# Notes\n\nnothing dated here\n", path: "notes/untitled.md")
        #expect(outcome.note == nil)
        #expect(outcome.diagnostics.map(\.description) == [
            "notes/untitled.md:1:1: warning: note has no date (none in front matter, text or file name); skipped"
        ])
    }

    @Test func malformedFrontMatterNamesTheLine() {
        let outcome = reader.read(text: "---\ntitle: \"unclosed\ndate: 2015-12-16\n---\n# Meeting 2015-12-17\n", path: "bad.md")
        #expect(outcome.diagnostics.count == 1)
        #expect(outcome.diagnostics.first?.description.hasPrefix("bad.md:2:8: warning: front matter key 'title' is not valid YAML:") == true)
        // The note is still read, with the keys that parse.
        #expect(outcome.note?.info.date.description == "2015-12-16")
        #expect(outcome.note?.info.dateSource == .frontMatter)
    }

    @Test func unclosedFrontMatter() {
        let outcome = reader.read(text: "---\ntitle: x\n\n# 2015-12-16 notes\n", path: "open.md")
        #expect(outcome.diagnostics.map(\.description) == [
            "open.md:1:1: warning: front matter opened here is never closed (no closing '---' line); read as text"
        ])
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        var bytes = Array("---\ndate: 2015-12-16\n---\nok line\nbad ".utf8)
        bytes += [0xC3, 0x28]
        let outcome = reader.read(bytes: bytes, path: "latin1.md")
        #expect(outcome.note == nil)
        #expect(outcome.diagnostics.map(\.description) == ["latin1.md:5:5: warning: not valid UTF-8 (byte 0xC3); skipped"])
    }

    @Test func binaryAndEmptyFiles() {
        #expect(reader.read(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], path: "x.md").diagnostics.map(\.description)
            == ["x.md:1:5: warning: binary file (NUL byte), not a note; skipped"])
        #expect(reader.read(bytes: Array(" \n\n".utf8), path: "e.md").diagnostics.map(\.description)
            == ["e.md: warning: empty note; skipped"])
    }

    @Test func unreadablePath() {
        let outcome = reader.read(contentsOf: "/nonexistent/almanac/n.md")
        #expect(outcome.note == nil)
        #expect(outcome.diagnostics.first?.description.hasPrefix("/nonexistent/almanac/n.md: warning: cannot read file:") == true)
    }

    @Test func formatIsSniffedForTxt() {
        #expect(reader.read(text: "---\ndate: 2015-12-16\n---\n- a\n", path: "a.txt").note?.info.format == .markdown)
        #expect(reader.read(text: "Title 2015-12-16\nBy A - 2015-12-16\n\n  • item\n", path: "b.txt").note?.info.format == .text)
        #expect(reader.read(text: "<!doctype html><html><body><h1>2015-12-16</h1></body></html>", path: "c.txt").note?.info.format == .html)
    }
}
