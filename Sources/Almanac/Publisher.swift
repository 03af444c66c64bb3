import AlmanacCore
public import AlmanacModel
import AlmanacBoard
import AlmanacICal
import Foundation
public import Logging

/// Model → files: the feeds, the project board, the model JSON and the subscribe page (index.html),
/// each written atomically.
public struct Publisher: Sendable {
    public var configuration: Configuration
    /// Where timings go (debug level: `--verbose`).
    public var logger = Logger(label: "almanac")

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// A feed people subscribe to: its file, what it says about itself, and which items it holds.
    public struct Feed: Sendable {
        public var name: String
        public var file: String
        public var description: String
        public var alarms: [Int]
        public var includes: @Sendable (ModelItem) -> Bool
    }

    /// The built-in feeds (everything, deadlines, events, meetings) and the configured ones.
    public var feeds: [Feed] {
        let name = configuration.name
        let reminders = configuration.reminders
        var feeds = [
            Feed(name: name, file: "calendar.ics", description: "Events, deadlines and meetings from \(name)'s notes",
                alarms: reminders["calendar.ics"] ?? [], includes: { _ in true }),
            Feed(name: "\(name): deadlines", file: "deadlines.ics",
                description: "Calls for papers, applications, registrations and other deadlines from \(name)'s notes",
                alarms: reminders["deadlines.ics"] ?? [], includes: { $0.item.kind == .deadline }),
            Feed(name: "\(name): events", file: "events.ics",
                description: "Conferences, workshops, hackathons, meetups, talks and releases from \(name)'s notes",
                alarms: reminders["events.ics"] ?? [], includes: { $0.item.kind == .event }),
            Feed(name: "\(name): meetings", file: "meetings.ics", description: "\(name)'s calls and meetings",
                alarms: reminders["meetings.ics"] ?? [], includes: { $0.item.kind == .meeting }),
        ]
        for definition in configuration.feeds {
            feeds.append(Feed(name: definition.name, file: definition.file,
                description: definition.description ?? "\(definition.name) from \(name)'s notes",
                alarms: definition.alarms + (reminders[definition.file] ?? []), includes: { definition.accepts($0.item) }))
        }
        return feeds
    }

    /// The link to a note on the published site, when a base URL is set.
    public func noteURL(_ note: NoteRef) -> String? {
        Self.noteURL(note, base: configuration.baseURL, root: configuration.folder)
    }

    /// `base` + the note's permalink, else its path relative to `root` (the configuration's folder).
    static func noteURL(_ note: NoteRef, base: String?, root: String?) -> String? {
        guard var base, !base.isEmpty, note.path.hasSuffix(".ics") == false else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        var path = note.permalink ?? note.path
        if note.permalink == nil, let root, !root.isEmpty, path.hasPrefix(root + "/") { path.removeFirst(root.count + 1) }
        if !path.hasPrefix("/") { path = "/" + path }
        return base + path
    }

    /// Writes every feed, projects.md and items.json into `directory`; returns the paths, in order.
    public func publish(_ model: Model, to directory: String) throws -> [String] {
        let plan = Plan(notes: model.notes, slots: model.items.map { .fresh($0) },
            pageItems: model.items.filter { $0.item.kind == .deadline || $0.item.kind == .project }, tally: Tally(model))
        return try publish(plan, to: directory).written
    }

    /// An item to publish: rendered from its state, or kept as the previous outputs have it (its UID, and
    /// its place among the previous items, ``Previous/place``).
    enum Slot: Sendable {
        case fresh(ModelItem)
        case kept(uid: String, at: Int)
    }

    /// What a run publishes.
    struct Plan: Sendable {
        var notes: [NoteRef]
        /// In model order.
        var slots: [Slot]
        /// What the board and the page show (deadlines and projects), in model order.
        var pageItems: [ModelItem]
        /// The hash of each slot's packed bytes (``Packable``; 0 when not worked out): kept with where its
        /// text went, for the next whole run (two runs' items with the same bytes write the same text).
        var hashes: [UInt64]? = nil
        /// The previous outputs and where each item's text is in them, for `.kept` slots and SEQUENCE.
        var previous: Previous?
        /// The model's counts, for the page's footer.
        var tally: Tally?
    }

    /// The outputs of the previous run, with where each item's text is in them.
    struct Previous: Sendable {
        /// By file name (mapped, not read: only the texts copied are).
        var files: [String: Data]

        /// Each item's place among the previous items (items.json's order), by UID.
        let place: [String: Int]
        /// Each file's items by place: the range of their text, nil for an item the file did not hold.
        let ranges: [String: [Range<Int>?]]
        /// By place: the zones of an event's times (nil for most), and the hash of its packed bytes (0: not known).
        let zones: [[ICalendarWriter.ZoneYear]?]
        let hashes: [UInt64]

        /// Nil when a text the fragments place lies outside its file.
        init?(fragments: Fragments, files: [String: Data]) {
            let count = fragments.uids.count
            var ranges: [String: [Range<Int>?]] = [:]
            for file in fragments.files {
                guard let size = files[file.name]?.count else { return nil }
                var held = [Range<Int>?](repeating: nil, count: count)
                for (index, place) in file.places.enumerated() {
                    let start = file.ranges[2 * index], end = start + file.ranges[2 * index + 1]
                    guard end <= size else { return nil }
                    held[place] = start..<end
                }
                ranges[file.name] = held
            }
            // items.json holds every item: a kept item's entry is always there to copy.
            guard ranges["items.json"]?.allSatisfy({ $0 != nil }) == true else { return nil }
            self.files = files
            self.ranges = ranges
            place = Dictionary(zip(fragments.uids, fragments.uids.indices), uniquingKeysWith: { first, _ in first })
            var zones = [[ICalendarWriter.ZoneYear]?](repeating: nil, count: count)
            for (place, zoneYears) in zip(fragments.zonedPlaces, fragments.zones) { zones[place] = zoneYears }
            self.zones = zones
            hashes = fragments.hashes.isEmpty ? Array(repeating: 0, count: count) : fragments.hashes
        }

        /// The place of the item `uid`, when its hash is known and is `hash`.
        func place(of uid: String, hash: UInt64) -> Int? {
            guard let place = place[uid], hash != 0, hashes[place] == hash else { return nil }
            return place
        }

        /// The text of the item `uid` in `file`, when that file held it.
        func text(_ file: String, _ uid: String) -> String? {
            guard let place = place[uid], let range = ranges[file]?[place], let bytes = files[file] else { return nil }
            return String(decoding: bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)], as: UTF8.self)
        }
    }

    /// Where each item's text is in the files a run wrote, and the zones of its times: a later run copies
    /// the text of an item that has not changed instead of writing it again. Items are named by their
    /// place in items.json's order (`uids`).
    public struct Fragments: Sendable {
        struct File: Sendable {
            var name: String
            /// The places of the items the file holds, in its order.
            var places: [Int]
            /// Start and length of each one's text.
            var ranges: [Int]
        }

        var files: [File] = []
        /// Every item's UID, in items.json's order.
        var uids: [String] = []
        /// The hash of the packed bytes of each item, by place; 0 when it was not worked out.
        var hashes: [UInt64] = []
        /// The events whose times are in a zone: their places, and the zones (with years) of each.
        var zonedPlaces: [Int] = []
        var zones: [[ICalendarWriter.ZoneYear]] = []
    }

    /// Writes the plan's feeds, projects.md, items.json and index.html into `directory`; returns the
    /// paths, in order, and where each item went in them.
    func publish(_ plan: Plan, to directory: String) throws -> (written: [String], fragments: Fragments) {
        let writer = OutputWriter(directory: directory)
        try writer.prepare()
        let base = configuration.baseURL
        let root = configuration.folder
        let link: @Sendable (NoteRef) -> String? = { Publisher.noteURL($0, base: base, root: root) }
        let ical = ICalendarWriter()
        var written: [String] = []
        var pageFeeds: [SubscribePage.Feed] = []
        var fragments = Fragments()
        var zoned: [Int: [ICalendarWriter.ZoneYear]] = [:]
        let clock = ContinuousClock()
        var start = clock.now
        func done(_ what: String) {
            logger.debug("wrote \(what) in \(start.duration(to: clock.now))")
            start = clock.now
        }
        let slots = plan.slots
        let previous = plan.previous
        // items.json depends on nothing else written here and is the largest file: it is rendered
        // alongside the feeds, each entry on its own (or copied), on all cores.
        let itemsJSON = Background {
            let held = previous?.ranges["items.json"] ?? []
            return ItemsJSON.document(notes: plan.notes, entries: parallelMap(slots) { slot -> FileBytes.Piece in
                switch slot {
                case .fresh(let entry): .new(ItemsJSON.entry(entry).bytes(level: 2))
                case .kept(_, let place): .previous(held[place]!)
                }
            })
        }
        // Each item's event is built once; feeds differ only in which they hold and their reminders.
        let builder = FeedBuilder(noteURL: link, defaultTimeZone: configuration.timeZone, sourceRoot: FeedBuilder.sourceRoot(of: plan.notes))
        // SEQUENCE carries on from the feed subscribers already have (an edit inside one note is a revision
        // too): the whole previous feed is read, or only the events written again when the run knows where they are.
        let published: PublishedFeed?
        if let previous {
            var text = "BEGIN:VCALENDAR\r\n"
            for case .fresh(let entry) in slots {
                if let event = previous.text("calendar.ics", entry.uid) { text += event }
            }
            published = PublishedFeed(text: text + "END:VCALENDAR\r\n")
        } else {
            published = (try? String(contentsOfFile: (directory as NSString).appendingPathComponent("calendar.ics"), encoding: .utf8))
                .flatMap { PublishedFeed(text: $0) }
        }
        let built = parallelMap(Array(slots.indices)) { index -> CalendarEvent? in
            guard case .fresh(let entry) = slots[index] else { return nil }
            return builder.event(entry).map { published?.revised($0) ?? $0 }
        }
        // Each VEVENT is written once, on all cores; feeds with reminders write theirs again with the alarms.
        let texts = parallelMap(built) { $0.map(ICalendarWriter.text(of:)) }
        done("\(texts.count { $0 != nil }) events")
        for feed in feeds {
            let info = FeedInfo(name: feed.name, description: feed.description, refreshMinutes: configuration.refreshMinutes)
            // The feed's events, by slot: new ones with their event, kept ones with where the feed had them.
            let held = previous?.ranges[feed.file]
            var chosen: [Int] = []
            var kept: [Range<Int>?] = []
            for (index, slot) in slots.enumerated() {
                switch slot {
                case .fresh(let entry):
                    guard built[index] != nil, feed.includes(entry) else { continue }
                    kept.append(nil)
                case .kept(_, let place):
                    guard let range = held?[place] else { continue }
                    kept.append(range)
                }
                chosen.append(index)
            }
            // A feed with reminders writes its new events again, with the alarms.
            let alarmed = feed.alarms.isEmpty ? [] : parallelMap(chosen) { index -> String? in
                guard var event = built[index] else { return nil }
                event.alarms = feed.alarms
                return ICalendarWriter.text(of: event)
            }
            var zoneYears: [ICalendarWriter.ZoneYear] = []
            for index in chosen {
                let zones = switch slots[index] {
                case .fresh: built[index].map(ICalendarWriter.zoneYears) ?? []
                case .kept(_, let place): previous?.zones[place] ?? []
                }
                guard !zones.isEmpty else { continue }
                zoneYears += zones
                zoned[index] = zones
            }
            let (head, tail) = ical.frame(zoneYears: zoneYears, feed: info, empty: chosen.isEmpty)
            // The text of a new event: the one written once, or the feed's own with the alarms.
            func text(_ order: Int) -> String { feed.alarms.isEmpty ? texts[chosen[order]]! : alarmed[order]! }
            var file = FileBytes()
            file.reserveCapacity(chosen.indices.reduce(head.utf8.count + tail.utf8.count) { total, order in
                kept[order] == nil ? total + text(order).utf8.count : total
            })
            file.append(head)
            var ranges: [Int] = []
            ranges.reserveCapacity(2 * chosen.count)
            for order in chosen.indices {
                let start = file.count
                if let range = kept[order] {
                    file.append(previous: range)
                } else {
                    file.append(text(order))
                }
                ranges += [start, file.count - start]
            }
            file.append(tail)
            written.append(try writer.write(file, previous: previous?.files[feed.file], to: feed.file))
            fragments.files.append(Fragments.File(name: feed.file, places: chosen, ranges: ranges))
            pageFeeds.append(SubscribePage.Feed(name: feed.name, file: feed.file, description: feed.description, eventCount: chosen.count))
            done(feed.file)
        }
        for place in zoned.keys.sorted() {
            fragments.zonedPlaces.append(place)
            fragments.zones.append(zoned[place]!)
        }
        let pageModel = Model(items: plan.pageItems, notes: plan.notes)
        let board = ProjectBoard(title: configuration.board.title ?? "\(configuration.name) projects",
            sections: configuration.board.sections.isEmpty ? ProjectBoard.defaultSections : configuration.board.sections,
            noteURL: link, staleMonths: configuration.board.staleMonths)
        written.append(try writer.write(board.render(pageModel), to: "projects.md"))
        done("projects.md")
        let (json, ranges) = itemsJSON.value
        written.append(try writer.write(json, previous: previous?.files["items.json"], to: "items.json"))
        fragments.files.append(Fragments.File(name: "items.json", places: Array(slots.indices),
            ranges: ranges.flatMap { [$0.lowerBound, $0.count] }))
        fragments.uids = slots.map(\.uid)
        fragments.hashes = plan.hashes ?? []
        done("items.json (rendered alongside the feeds)")
        // The page links to the feeds where the output folder is published (feeds_url), not the notes site.
        let page = SubscribePage(title: "\(configuration.name) calendars", baseURL: configuration.feedsURL, feeds: pageFeeds,
            boardFile: "projects.md", noteURL: link, defaultTimeZone: configuration.timeZone, tally: plan.tally)
        written.append(try writer.write(page.render(pageModel), to: "index.html"))
        done("index.html")
        return (written, fragments)
    }
}

extension Publisher.Fragments {
    /// The fragments in ``ByteWriter``'s form.
    func bytes() -> [UInt8] {
        var out = ByteWriter()
        out.write(files) { out, file in
            out.write(file.name)
            out.write(file.places)
            out.write(file.ranges)
        }
        out.write(uids)
        out.write(hashes)
        out.write(zonedPlaces)
        out.write(zones) { out, zones in
            out.write(zones) { out, zone in
                out.write(zone.tzid)
                out.write(zone.year)
            }
        }
        return out.bytes
    }

    /// Reads what ``bytes()`` wrote; throws when the bytes are damaged.
    init(bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        files = try reader.array(each: 24) { reader in
            File(name: try reader.string(), places: try reader.ints(), ranges: try reader.ints())
        }
        uids = try reader.strings()
        hashes = try reader.uint64s()
        zonedPlaces = try reader.ints()
        zones = try reader.array(each: 8) { reader in
            try reader.array(each: 16) { ICalendarWriter.ZoneYear(tzid: try $0.string(), year: try $0.int()) }
        }
        let places = 0..<uids.count
        guard reader.isAtEnd, zones.count == zonedPlaces.count, zonedPlaces.allSatisfy(places.contains),
            hashes.isEmpty || hashes.count == uids.count,
            files.allSatisfy({ file in
                file.ranges.count == 2 * file.places.count && file.places.allSatisfy(places.contains) && file.ranges.allSatisfy { $0 >= 0 }
            })
        else { throw ByteReader.Damaged() }
    }
}

extension Publisher.Slot {
    var uid: String {
        switch self {
        case .fresh(let entry): entry.uid
        case .kept(let uid, _): uid
        }
    }

    /// The item, when it is written afresh.
    var freshItem: ModelItem? {
        if case .fresh(let entry) = self { entry } else { nil }
    }
}

/// A value worked out on another thread; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The value, once the work has finished (the semaphore orders the write before this read).
    var value: Value {
        done.wait()
        done.signal()
        return result!
    }
}
