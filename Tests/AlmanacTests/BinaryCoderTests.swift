import Almanac
import AlmanacCore
import AlmanacRead
import AlmanacStore
import AlmanacTestSupport
import Foundation
import Testing

/// The cache's binary form: what goes in comes out equal, and damaged bytes are refused, never trusted.
struct BinaryCoderTests {
    /// data/ always; the seeds and the corpus when ../shared is there.
    static var folders: [String] {
        [TestPaths.data.path] + (TestPaths.shared.map { [$0.appendingPathComponent("seeds").path, $0.appendingPathComponent("corpus").path] } ?? [])
    }

    @Test func everyNoteAndProjectsListRoundTrips() throws {
        let pipeline = Pipeline()
        let read = pipeline.sources(pipeline.snapshot(paths: Self.folders, calendars: true))
        #expect(read.notes.count >= 5)
        #expect(!read.lists.isEmpty)
        for note in read.notes {
            let back = try BinaryCoder.decode(NoteItems.self, from: try BinaryCoder.encode(note))
            #expect(back.info == note.info)
            #expect(back.items == note.items)
        }
        for list in read.lists {
            let back = try BinaryCoder.decode(ProjectList.self, from: try BinaryCoder.encode(list))
            #expect(back.projects == list.projects && back.diagnostics == list.diagnostics && back.date == list.date)
            #expect(back.path == list.path && back.title == list.title && back.titleLine == list.titleLine)
        }
    }

    /// An item with every field set, through the cache's form.
    @Test func anItemWithEveryFieldRoundTrips() throws {
        let day = { CivilDate($0)! }
        let item = Item(kind: .project, subkind: .outreachy, title: "Tide charts", aliases: ["Charts"],
            when: When(start: day("2031-03-01"), startTime: TimeOfDay(hour: 9, minute: 30), end: day("2031-03-02"),
                endTime: TimeOfDay(hour: 17), precision: .datetime, zone: Zone(name: "PT", utcOffsetMinutes: nil, tzid: "America/Los_Angeles"),
                tentative: true),
            status: .inProgress, location: "Porto", forEvent: "Harbour Summit", people: ["Ana", "Bo"], difficulty: 2,
            url: "https://example.org", sources: [Evidence(path: "n.md", line: 3, column: 5, quote: "“Tide” charts")],
            project: ProjectDetails(timeEstimate: "3 months", mentors: ["Ana"], contributors: ["Bo"], skills: ["Swift"],
                description: "Charts of tides", links: ["https://example.org/charts"], listed: true),
            inferred: [Inference("year was a close call", at: Evidence(path: "n.md", line: 4, quote: "1 March"))],
            tags: ["kelp"], externalUID: "abc@example.org")
        #expect(try BinaryCoder.decode(Item.self, from: try BinaryCoder.encode(item)) == item)
    }

    @Test func optionalsEmptyArraysAndNumbersKeepTheirValues() throws {
        var item = Item(kind: .event, subkind: nil, title: "Ünïcode – “quotes”", aliases: [], when: .undated, location: nil,
            difficulty: -3, url: "")
        item.tags = ["", "a"]
        let diagnostic = Diagnostic.warning("x", path: "p", line: Int.max, column: Int.min)
        #expect(try BinaryCoder.decode(Item.self, from: try BinaryCoder.encode(item)) == item)
        #expect(try BinaryCoder.decode(Diagnostic.self, from: try BinaryCoder.encode(diagnostic)) == diagnostic)
        #expect(try BinaryCoder.decode([Double].self, from: try BinaryCoder.encode([0.5, -.infinity])) == [0.5, -.infinity])
    }

    @Test func damagedBytesThrow() throws {
        let item = Item(kind: .deadline, title: "CfP", when: .day(CivilDate(year: 2031, month: 5, day: 1)!), forEvent: "Conf")
        let good = try BinaryCoder.encode(item)
        // Cut anywhere: an error, not a crash or a wrong value.
        for length in 0..<good.count {
            #expect(throws: DecodingError.self) { try BinaryCoder.decode(Item.self, from: good.prefix(length)) }
        }
        #expect(throws: DecodingError.self) { try BinaryCoder.decode(Item.self, from: good + [0]) }
        var otherVersion = good
        otherVersion[otherVersion.startIndex] = 99
        #expect(throws: DecodingError.self) { try BinaryCoder.decode(Item.self, from: otherVersion) }
        // A huge array count is refused before anything is allocated for it.
        var huge = try BinaryCoder.encode([1, 2])
        huge.replaceSubrange(1..<9, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: DecodingError.self) { try BinaryCoder.decode([Int].self, from: huge) }
    }

    @Test func aNilOutsideAPropertyIsRefusedWhenWritten() {
        #expect(throws: EncodingError.self) { try BinaryCoder.encode([1, nil] as [Int?]) }
    }
}
