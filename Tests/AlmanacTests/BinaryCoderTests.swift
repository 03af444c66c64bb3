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

    /// The packed form the cache keeps notes in (``Packable``): every note, item and diagnostic of the
    /// folders comes back equal.
    @Test func everyNotePacksAndUnpacks() throws {
        let pipeline = Pipeline()
        let read = pipeline.sources(pipeline.snapshot(paths: Self.folders, calendars: true))
        let diagnostics = read.diagnostics + [
            Diagnostic(path: "a.md", line: 3, column: 7, severity: .warning, message: "front matter: “date” is not a date"),
            Diagnostic(path: "b.md", severity: .error, message: "not UTF-8"),
        ]
        var out = ByteWriter()
        for note in read.notes {
            out.write(note.info)
            out.write(note.items)
        }
        out.write(diagnostics)
        var reader = ByteReader(out.bytes)
        for note in read.notes {
            #expect(try reader.read(NoteInfo.self) == note.info)
            #expect(try reader.array(Item.self) == note.items)
        }
        #expect(try reader.array(Diagnostic.self) == diagnostics)
        #expect(reader.isAtEnd)
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
