import AlmanacCore
import AlmanacModel
import Testing

func day(_ text: String) -> CivilDate { CivilDate(text)! }

func note(_ date: String, _ path: String? = nil) -> NoteInfo {
    NoteInfo(path: path ?? "notes/\(date).md", date: day(date), dateSource: "front matter", title: "Weekly Meeting: \(date)", format: .markdown)
}

func source(_ date: String, _ line: Int, _ quote: String) -> Evidence { Evidence(path: "notes/\(date).md", line: line, quote: quote) }

/// The positions a resumed replay loaded (it loads on its own thread).
final class Loaded: @unchecked Sendable {
    private(set) var positions = Set<Int>()
    func add(_ position: Int) { positions.insert(position) }
}

struct MergerTests {
    @Test func aScheduledCallAndItsOwnRecordAreOneMeeting() throws {
        let announced = Item(kind: .meeting, subkind: .call, title: "Next call", when: .day(day("2015-02-25")), status: .scheduled,
            sources: [source("2015-02-11", 158, "The next call is scheduled for Wednesday, 25th February")])
        let held = Item(kind: .meeting, subkind: .call, title: "Weekly Meeting: 2015-02-25", when: .day(day("2015-02-25")),
            status: .past, people: ["Ines Carvalho"], sources: [source("2015-02-25", 23, "Ines Carvalho (chair)")])
        let model = Merger().merge([(note("2015-02-25"), [held]), (note("2015-02-11"), [announced])])
        #expect(model.items.count == 1)
        let meeting = try #require(model.items.first)
        #expect(meeting.item.title == "Weekly Meeting: 2015-02-25")
        #expect(meeting.item.aliases == ["Next call"])
        #expect(meeting.item.status == .past)
        #expect(meeting.firstMentioned.date == day("2015-02-11"))
        #expect(meeting.mentions.count == 2)
        #expect(meeting.revision == 1)
        #expect(meeting.history.map { $0.changes.map(\.field) } == [["status", "title"]])
    }

    @Test func laterNotesWinAndTheRevisionRises() throws {
        let first = Item(kind: .event, subkind: .meetup, title: "Unikernel install party", when: When(start: day("2016-02-01"), precision: .month, tentative: true),
            status: .proposed, sources: [source("2015-12-02", 171, "install party")])
        let second = Item(kind: .event, subkind: .meetup, title: "Unikernel install party", aliases: ["Hello World party"],
            when: .day(day("2016-02-22"), tentative: true), status: .tentative, sources: [source("2015-12-16", 57, "Feb 22nd?")])
        let third = Item(kind: .event, title: "Install party", when: .undated, status: .scheduled, location: "Cambridge",
            sources: [source("2016-01-13", 40, "install party in Cambridge")])
        let model = Merger().merge([(note("2015-12-02"), [first]), (note("2015-12-16"), [second]), (note("2016-01-13"), [third])])
        #expect(model.items.count == 1)
        let party = try #require(model.items.first)
        #expect(party.item.when == .day(day("2016-02-22"), tentative: true))
        #expect(party.item.location == "Cambridge")
        #expect(party.item.status == .scheduled)
        #expect(party.revision == 2)
        #expect(party.lastChanged.date == day("2016-01-13"))
        #expect(party.item.aliases.contains("Hello World party"))
        #expect(party.history.map { $0.changes.map { "\($0.field): \($0.from) -> \($0.to)" } } == [
            ["date: 2016-02 (tentative) -> 2016-02-22 (tentative)", "status: proposed -> tentative"],
            ["status: tentative -> scheduled", "location: none -> Cambridge"],
        ])
    }

    @Test func aReplayResumedFromACheckpointIsTheWholeReplay() throws {
        let notes = (0..<16).map { week -> (info: NoteInfo, items: [Item]) in
            let date = day("2031-01-05").adding(days: 7 * week)
            let party = Item(kind: .event, subkind: .meetup, title: week % 2 == 0 ? "Install party" : "Unikernel install party",
                when: .day(day("2031-03-01").adding(days: week / 4)), status: week == 13 ? .cancelled : .scheduled,
                location: week < 6 ? "Town hall" : "Library")
            let cfp = Item(kind: .deadline, subkind: .cfp, title: "CfP", when: .day(day("2031-02-20").adding(days: week / 5)),
                forEvent: "Harbour Summit \(2031 + week % 2)")
            let call = Item(kind: .meeting, subkind: .call, title: "Next call", when: .day(date.adding(days: 7)), status: .scheduled)
            return (note("\(date)"), [party, cfp, call])
        }
        for cut in [0, 1, 9, 15, 16] {
            var replay = Merger.Replay()
            for note in notes.prefix(cut) {
                let added = replay.add(note.info, note.items)
                #expect(added)
            }
            let (checkpoint, items) = try #require(replay.checkpoint())
            // Through its byte form, the way a later run reads it.
            let read = try Merger.Replay.Checkpoint(bytes: checkpoint.bytes())
            #expect(read.bytes() == checkpoint.bytes())
            let loaded = Loaded()
            var resumed = Merger.Replay(resuming: read) { position in
                loaded.add(position)
                return items[position]
            }
            for note in notes.dropFirst(cut) {
                let added = resumed.add(note.info, note.items)
                #expect(added)
            }
            // Only what the later notes touched was loaded.
            #expect(loaded.positions.allSatisfy(resumed.touched.contains))
            #expect(resumed.model() == Merger().merge(notes), "resumed after \(cut) notes")
            #expect(!resumed.isDamaged)
        }
        // An item that cannot be loaded leaves the replay damaged, not wrong.
        var replay = Merger.Replay()
        for note in notes.prefix(8) { _ = replay.add(note.info, note.items) }
        var damaged = Merger.Replay(resuming: try #require(replay.checkpoint()).0) { _ in nil }
        for note in notes.dropFirst(8) { _ = damaged.add(note.info, note.items) }
        #expect(damaged.isDamaged)
        #expect(damaged.model() == nil)
    }

    @Test func aDamagedCheckpointIsRefused() throws {
        var replay = Merger.Replay()
        _ = replay.add(note("2031-01-05"), [Item(kind: .event, title: "Install party", when: .day(day("2031-03-01")))])
        let bytes = try #require(replay.checkpoint()).0.bytes()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: ByteReader.Damaged.self) { try Merger.Replay.Checkpoint(bytes: Array(bytes.prefix(cut))) }
        }
        #expect(throws: ByteReader.Damaged.self) { try Merger.Replay.Checkpoint(bytes: bytes + [0]) }
    }

    @Test func aModelItemPacksAndUnpacksWithEveryField() throws {
        var item = Item(kind: .project, subkind: .outreachy, title: "Tide charts", aliases: ["Charts"],
            when: When(start: day("2031-03-01"), startTime: TimeOfDay(hour: 9, minute: 30), end: day("2031-03-02"),
                endTime: TimeOfDay(hour: 17), precision: .datetime, zone: Zone(name: "PT", utcOffsetMinutes: nil, tzid: "America/Los_Angeles"),
                tentative: true),
            status: .inProgress, location: "Porto", forEvent: "Harbour Summit", people: ["Ana", "Bo"], difficulty: 2,
            url: "https://example.org", sources: [Evidence(path: "n.md", line: 3, column: 5, quote: "“Tide” charts")],
            project: ProjectDetails(timeEstimate: "3 months", mentors: ["Ana"], contributors: ["Bo"], skills: ["Swift"],
                description: "Charts of tides", links: ["https://example.org/charts"], listed: true),
            inferred: [Inference("year was a close call", at: Evidence(path: "n.md", line: 4, quote: "1 March"))],
            tags: ["kelp"], externalUID: "abc@example.org")
        var entry = ModelItem(uid: "project-tide-charts@almanac", item: item, note: NoteRef(path: "a.md", date: day("2031-01-05")))
        item.status = .done
        let later = NoteRef(path: "b.md", date: day("2031-02-05"), title: "Weekly", permalink: "/b/")
        entry.mentions.append(Mention(note: later, item: item))
        entry.history.append(Revision(note: later, changes: [.init(field: "status", from: "in-progress", to: "done")]))
        entry.lastMentioned = later
        entry.lastChanged = later
        entry.revision = 1
        let bytes = entry.packedBytes
        #expect(try ModelItem(packed: bytes) == entry)
        // Truncated or with a byte too many: refused.
        for cut in stride(from: 0, to: bytes.count, by: 5) {
            #expect(throws: ByteReader.Damaged.self) { try ModelItem(packed: Array(bytes.prefix(cut))) }
        }
        #expect(throws: ByteReader.Damaged.self) { try ModelItem(packed: bytes + [0]) }
    }

    @Test func aReplayOfNotesInOrderIsTheMerge() throws {
        let notes = (0..<12).map { week -> (info: NoteInfo, items: [Item]) in
            let date = day("2031-01-05").adding(days: 7 * week)
            let party = Item(kind: .event, subkind: .meetup, title: week % 2 == 0 ? "Install party" : "Unikernel install party",
                when: .day(day("2031-03-01").adding(days: week / 4)), status: .scheduled, location: week < 6 ? "Town hall" : "Library")
            let call = Item(kind: .meeting, subkind: .call, title: "Next call", when: .day(date.adding(days: 7)), status: .scheduled)
            return (note("\(date)"), [party, call])
        }
        var replay = Merger.Replay()
        let added = notes.map { replay.add($0.info, $0.items) }
        #expect(added.allSatisfy { $0 })
        #expect(replay.model() == Merger().merge(notes.reversed()))
        // A note dated before the last one added is refused and changes nothing.
        let late = replay.add(notes[3].info, notes[3].items)
        #expect(!late)
        #expect(replay.model() == Merger().merge(notes))
    }

    @Test func differentVersionsAreDifferentReleases() {
        let a = Item(kind: .event, subkind: .release, title: "Mirage 1.2 release", status: .past)
        let b = Item(kind: .event, subkind: .release, title: "Mirage 2.0 release", status: .scheduled)
        let model = Merger().merge([(note("2014-07-08"), [a, b])])
        #expect(model.items.count == 2)
    }

    @Test func uidsAreStableAndDistinct() {
        let event = Item(kind: .event, title: "Cloud Innovator Forum 2016", when: .day(day("2016-01-22")))
        let deadline = Item(kind: .deadline, subkind: .cfp, title: "CIF16 CfP closes", when: .day(day("2015-12-19")), forEvent: "Cloud Innovator Forum 2016")
        let once = Merger().merge([(note("2015-12-16"), [event, deadline])])
        let again = Merger().merge([(note("2015-12-16"), [deadline, event])])
        #expect(Set(once.items.map(\.uid)) == Set(again.items.map(\.uid)))
        #expect(Set(once.items.map(\.uid)).count == 2)
        #expect(once.items.map(\.uid).sorted() == ["deadline-cif16-cfp-closes-eb06e942@almanac", "event-cloud-innovator-forum-2016-ef5c2faa@almanac"])
        // A later note that only re-mentions the event keeps its UID.
        let later = Merger().merge([(note("2015-12-16"), [event]), (note("2016-01-13"), [Item(kind: .event, title: "Cloud Innovator Forum 2016", status: .scheduled)])])
        #expect(later.items.map(\.uid) == ["event-cloud-innovator-forum-2016-ef5c2faa@almanac"])
    }

    @Test func undatedNextCallsOfDifferentNotesStayApart() {
        let call = Item(kind: .meeting, subkind: .call, title: "Next call", status: .scheduled)
        let model = Merger().merge([(note("2015-12-16"), [call]), (note("2016-01-13"), [call])])
        #expect(model.items.count == 2)
    }
}

struct DeadlineMergeTests {
    @Test func anExtendedCfPIsTheSameDeadline() throws {
        let first = Item(kind: .deadline, subkind: .cfp, title: "EWSC26 CfP closes", when: .day(day("2026-09-18")),
            status: .scheduled, forEvent: "European Weather Station Conference 2026")
        let extended = Item(kind: .deadline, subkind: .cfp, title: "European Weather Station Conference CfP deadline",
            when: .day(day("2026-09-25")), status: .past, forEvent: "European Weather Station Conference")
        let model = Merger().merge([(note("2026-09-02"), [first]), (note("2026-09-30"), [extended])])
        #expect(model.items.count == 1)
        let deadline = try #require(model.items.first)
        #expect(deadline.item.when == .day(day("2026-09-25")))
        #expect(deadline.revision == 1)
    }
}

/// Issue 22, 6: a calendar's event whose UID an item already has is that item, and making a new UID always ends.
struct MergeByUIDTests {
    func meeting(_ title: String, uid: String? = nil, path: String) -> Item {
        Item(kind: .meeting, subkind: .call, title: title, when: .day(day("2026-09-02")), status: .scheduled,
            sources: [Evidence(path: path, line: 3, quote: title)], externalUID: uid)
    }

    @Test func anEventWithTheUIDOfAnItemIsThatItem() throws {
        let extracted = Merger().merge([(note("2026-09-02"), [meeting("Weekly Meeting: 2026-09-02", path: "notes/2026-09-02.md")])])
        let uid = try #require(extracted.items.first?.uid)
        let calendar = NoteInfo(path: "notes/meetings.ics", date: day("2026-09-02"), dateSource: "calendar", format: .calendar)
        // Almanac's own feed read back: the same UID (and a title it would not match by).
        let model = Merger().merge([
            (note("2026-09-02"), [meeting("Weekly Meeting: 2026-09-02", path: "notes/2026-09-02.md")]),
            (calendar, [meeting("Almanac's meeting", uid: uid, path: "notes/meetings.ics")]),
        ])
        #expect(model.items.map(\.uid) == [uid])
        #expect(model.items.first?.mentions.count == 2)
    }

    @Test func theSameUIDTwiceInOneCalendarGivesTwoItems() {
        // A recurring event's exceptions share its UID: the second cannot be the first (the same note claimed
        // it), so it gets a UID of its own; the loop that makes it ends.
        let calendar = NoteInfo(path: "c.ics", date: day("2026-09-02"), dateSource: "calendar", format: .calendar)
        let model = Merger().merge([(calendar, [meeting("Call", uid: "x@example.org", path: "c.ics"),
            meeting("Call", uid: "x@example.org", path: "c.ics"), meeting("Call", uid: "x@example.org", path: "c.ics")])])
        #expect(model.items.map(\.uid).sorted() == ["x@example.org", "x@example.org-2", "x@example.org-3"])
    }
}
