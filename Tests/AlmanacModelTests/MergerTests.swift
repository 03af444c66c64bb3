import AlmanacCore
import AlmanacModel
import Testing

func day(_ text: String) -> CivilDate { CivilDate(text)! }

func note(_ date: String, _ path: String? = nil) -> NoteInfo {
    NoteInfo(path: path ?? "notes/\(date).md", date: day(date), dateSource: .frontMatter, title: "Weekly Meeting: \(date)", format: .markdown)
}

func source(_ date: String, _ line: Int, _ quote: String) -> Evidence { Evidence(path: "notes/\(date).md", line: line, quote: quote) }

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

    @Test func theModelDoesNotDependOnTheOrderNotesAreGivenIn() throws {
        let notes = (0..<12).map { week -> (info: NoteInfo, items: [Item]) in
            let date = day("2031-01-05").adding(days: 7 * week)
            let party = Item(kind: .event, subkind: .meetup, title: week % 2 == 0 ? "Install party" : "Unikernel install party",
                when: .day(day("2031-03-01").adding(days: week / 4)), status: .scheduled, location: week < 6 ? "Town hall" : "Library")
            let call = Item(kind: .meeting, subkind: .call, title: "Next call", when: .day(date.adding(days: 7)), status: .scheduled)
            return (note("\(date)"), [party, call])
        }
        let model = Merger().merge(notes)
        #expect(model == Merger().merge(notes.reversed()))
        #expect(model.items.filter { $0.item.kind == .event }.map(\.item.location) == ["Library"])
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

/// The merge finds every known item that can match a mention, however many share its words.
struct MergeLookupTests {
    /// Forty later events share each word of "Harbour Hackathon"; a mention of it a year later is still
    /// matched to it, not made a new item.
    @Test func anItemIsFoundAmongManyThatShareItsWords() throws {
        let target = Item(kind: .event, subkind: .hackathon, title: "Harbour Hackathon")
        let others = (1...20).flatMap { number in
            [Item(kind: .event, title: "Harbour Regatta \(number)"), Item(kind: .event, subkind: .hackathon, title: "Lighthouse\(number) Hackathon")]
        }
        var again = target
        again.location = "Porto"
        let model = Merger().merge([(note("2031-01-05"), [target]), (note("2031-01-12"), others), (note("2032-01-05"), [again])])
        #expect(model.items.count == 41)
        let merged = try #require(model.items.first { $0.item.title == "Harbour Hackathon" })
        #expect(merged.mentions.count == 2)
        #expect(merged.item.location == "Porto")
    }

    /// Dated events are looked up among those near them in time and the undated ones: an undated mention
    /// finds a dated item and the other way round; mentions years apart stay two items.
    @Test func datedAndUndatedMentionsFindEachOther() throws {
        let dated = Item(kind: .event, subkind: .summit, title: "Kelp Summit", when: .day(day("2031-06-01")))
        let undated = Item(kind: .event, subkind: .summit, title: "Kelp Summit", location: "Vigo")
        let later = Item(kind: .event, subkind: .summit, title: "Kelp Summit", when: .day(day("2031-07-20")))
        let model = Merger().merge([(note("2031-01-05"), [dated]), (note("2031-02-05"), [undated]), (note("2031-12-05"), [later])])
        let summit = try #require(model.items.first)
        #expect(model.items.count == 1)
        #expect(summit.mentions.count == 3)
        #expect(summit.item.when == .day(day("2031-07-20")) && summit.item.location == "Vigo")
        // Two years apart: two summits.
        let apart = Item(kind: .event, subkind: .summit, title: "Kelp Summit", when: .day(day("2034-06-01")))
        #expect(Merger().merge([(note("2031-01-05"), [dated]), (note("2034-01-05"), [apart])]).items.count == 2)
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
        let calendar = NoteInfo(path: "notes/meetings.ics", date: day("2026-09-02"), dateSource: .calendar, format: .calendar)
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
        let calendar = NoteInfo(path: "c.ics", date: day("2026-09-02"), dateSource: .calendar, format: .calendar)
        let model = Merger().merge([(calendar, [meeting("Call", uid: "x@example.org", path: "c.ics"),
            meeting("Call", uid: "x@example.org", path: "c.ics"), meeting("Call", uid: "x@example.org", path: "c.ics")])])
        #expect(model.items.map(\.uid).sorted() == ["x@example.org", "x@example.org-2", "x@example.org-3"])
    }
}
