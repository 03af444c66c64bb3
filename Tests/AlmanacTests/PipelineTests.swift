import Almanac
import AlmanacCore
import AlmanacICal
import AlmanacModel
import AlmanacTestSupport
import Foundation
import Testing

struct PipelineTests {
    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func bothSeedsGiveOneSet() throws {
        let seeds = TestPaths.shared!.appendingPathComponent("seeds").path
        let collection = Pipeline().run(paths: [seeds])
        #expect(collection.diagnostics.isEmpty)
        #expect(collection.notes.count == 2)
        let single = Pipeline().run(paths: [seeds + "/000_0eee7e9741c89038.txt"])
        #expect(collection.model.items.count == single.model.items.count)
        #expect(collection.model.items.map(\.uid) == single.model.items.map(\.uid))
        #expect(collection.model.items.allSatisfy { $0.mentions.count == 2 })
    }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func seedCalendarHoldsTheDatedItems() throws {
        let seeds = TestPaths.shared!.appendingPathComponent("seeds").path
        let out = try TestPaths.temporaryDirectory()
        _ = try Publisher().publish(Pipeline().run(paths: [seeds]).model, to: out.path)
        let calendar = try String(contentsOf: out.appendingPathComponent("calendar.ics"), encoding: .utf8)
        #expect(calendar.contains("SUMMARY:Cloud Innovator Forum 2016\r\n"))
        #expect(calendar.contains("DTSTART;VALUE=DATE:20160122\r\nDTEND;VALUE=DATE:20160123\r\n"))
        #expect(calendar.contains("SUMMARY:Unikernel install party (tentative)\r\n"))
        #expect(calendar.contains("STATUS:TENTATIVE\r\n"))
        #expect(calendar.contains("DTSTART;VALUE=DATE:20151219\r\n"))
        #expect(calendar.contains("SUMMARY:Weekly Meeting: 2015-12-16\r\n"))
        // Undated items stay out of the calendar.
        #expect(!calendar.contains("SUMMARY:MirageOS hackathon"))
        #expect(!calendar.contains("SUMMARY:Next call"))
        #expect(calendar.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count == 5)
        let deadlines = try String(contentsOf: out.appendingPathComponent("deadlines.ics"), encoding: .utf8)
        #expect(deadlines.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count == 2)
        let board = try String(contentsOf: out.appendingPathComponent("projects.md"), encoding: .utf8)
        #expect(board.contains("### NTP\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("items.json"))) as? [String: Any]
        #expect((json?["items"] as? [Any])?.count == 8)
    }

    @Test func outputsAreByteIdenticalOnReRun() throws {
        let data = TestPaths.data.path
        let first = try TestPaths.temporaryDirectory()
        let second = try TestPaths.temporaryDirectory()
        let written = try Publisher(baseURL: "https://tidepool.example.org").publish(Pipeline().run(paths: [data]).model, to: first.path)
        _ = try Publisher(baseURL: "https://tidepool.example.org").publish(Pipeline().run(paths: [data]).model, to: second.path)
        #expect(written.count == 4)
        for path in written {
            let name = (path as NSString).lastPathComponent
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between runs")
            #expect(!a.isEmpty)
        }
        // libical reads every feed back without complaint.
        for name in ["calendar.ics", "deadlines.ics"] {
            let text = try String(contentsOf: first.appendingPathComponent(name), encoding: .utf8)
            let parsed = try #require(ICalendarReader().parse(text))
            #expect(parsed.errors.isEmpty, "\(name): \(parsed.errors)")
            #expect(!parsed.components(named: "VEVENT").isEmpty)
        }
        // Almanac's own validator finds nothing wrong.
        for name in ["calendar.ics", "deadlines.ics"] {
            let path = first.appendingPathComponent(name).path
            #expect(ICalendarValidator().validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: name).isEmpty)
        }
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(left == ["calendar.ics", "deadlines.ics", "items.json", "projects.md"])
    }

    @Test(.enabled(if: TestPaths.hasShared, "../shared is not beside the repository"))
    func corpusFeedsValidate() throws {
        let notes = TestPaths.shared!.appendingPathComponent("corpus/mirage-weekly/notes").path
        let out = try TestPaths.temporaryDirectory()
        let written = try Publisher().publish(Pipeline().run(paths: [notes]).model, to: out.path)
        for path in written where path.hasSuffix(".ics") {
            let diagnostics = ICalendarValidator().validate(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
            #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
            let parsed = try #require(ICalendarReader().parse(try String(contentsOfFile: path, encoding: .utf8)))
            #expect(parsed.errors.isEmpty)
        }
    }

    @Test func atomicWriteReplacesWholeFiles() throws {
        let folder = try TestPaths.temporaryDirectory()
        let writer = OutputWriter(directory: folder.path)
        try writer.write(String(repeating: "old ", count: 10_000), to: "feed.ics")
        try writer.write("new", to: "feed.ics")
        #expect(try String(contentsOf: folder.appendingPathComponent("feed.ics"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["feed.ics"])
        // An unwritable target fails without touching anything.
        #expect(throws: (any Error).self) { try OutputWriter(directory: "/proc/almanac-cannot").write("x", to: "a.ics") }
    }

    @Test func badInputsAreReportedAndTheRestIsRead() throws {
        let folder = try TestPaths.temporaryDirectory()
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try write("good.md", Array("---\ndate: 2016-03-02\ntitle: Weekly Meeting\n---\n\nAttendees: Ana (chair), Ben\n\n- The next call is scheduled for **16th March**.\n".utf8))
        try write("front.md", Array("---\ntitle: [unclosed\ndate: 2016-03-02\n---\n\nBody\n".utf8))
        try write("latin1.md", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        try write("empty.md", [])
        try write("binary.md", [0x00, 0x01, 0x02, 0x03])
        try write("undated.md", Array("# Notes\n\nNothing dated.\n".utf8))
        let collection = Pipeline().run(paths: [folder.path, folder.appendingPathComponent("missing.md").path])
        let messages = collection.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }.sorted()
        #expect(messages.count == 7)
        #expect(messages.contains("binary.md:1:1: warning: binary file (NUL byte), not a note; skipped"))
        #expect(messages.contains("empty.md: warning: empty note; skipped"))
        #expect(messages.contains("latin1.md:1:4: warning: not valid UTF-8 (byte 0xE9); skipped"))
        #expect(messages.contains("undated.md:1:1: warning: note has no date (none in front matter, text or file name); skipped"))
        #expect(messages.contains("front.md:3:5: warning: front matter is not valid YAML: did not find expected ',' or ']'"))
        #expect(messages.contains("front.md:1:1: warning: note has no date (none in front matter, text or file name); skipped"))
        #expect(messages.contains { $0.hasSuffix("missing.md: error: no such file or folder") })
        #expect(collection.notes.map { ($0.info.path as NSString).lastPathComponent } == ["good.md"])
        #expect(collection.model.items.map(\.item.title) == ["Weekly Meeting", "Next call"])
    }

    @Test func aFolderWithThousandsOfNotes() throws {
        let folder = try TestPaths.temporaryDirectory()
        for index in 0..<3000 {
            let date = CivilDate(year: 2020, month: 1, day: 1)!.adding(days: index)
            let text = "---\ndate: \(date)\ntitle: Weekly Meeting \(date)\n---\n\nAttendees: Ana (chair), Ben\n\n- The next call is scheduled for **\(date.adding(days: 7))**.\n"
            try text.write(to: folder.appendingPathComponent("\(date).md"), atomically: false, encoding: .utf8)
        }
        let collection = Pipeline().run(paths: [folder.path])
        #expect(collection.diagnostics.isEmpty)
        #expect(collection.notes.count == 3000)
        // Each meeting merges with its announcement a week earlier: 3000 meetings, plus the calls the
        // last seven notes announce for days no note covers.
        #expect(collection.model.items.count == 3007)
        #expect(collection.model.items.filter { $0.mentions.count == 2 }.count == 2993)
    }

    @Test func hugeSingleLineNote() throws {
        let folder = try TestPaths.temporaryDirectory()
        let line = String(repeating: "word 1.2.3 12:30 on 22 Jan and x ", count: 60_000)
        try ("---\ndate: 2016-01-01\n---\n" + line).write(to: folder.appendingPathComponent("huge.md"), atomically: false, encoding: .utf8)
        let collection = Pipeline().run(paths: [folder.path])
        #expect(collection.notes.count == 1)
    }
}
