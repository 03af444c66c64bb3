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
        let writer = OutputWriter(directory: directory)
        try writer.prepare()
        let base = configuration.baseURL
        let root = configuration.folder
        let link: @Sendable (NoteRef) -> String? = { Publisher.noteURL($0, base: base, root: root) }
        let ical = ICalendarWriter()
        var written: [String] = []
        var pageFeeds: [SubscribePage.Feed] = []
        let clock = ContinuousClock()
        var start = clock.now
        func done(_ what: String) {
            logger.debug("wrote \(what) in \(start.duration(to: clock.now))")
            start = clock.now
        }
        // items.json depends on nothing else written here and is the largest file: it is rendered
        // alongside the feeds.
        let itemsJSON = Background { Data(ItemsJSON.model(model).bytes()) }
        // Each item's event is built once; feeds differ only in which they hold and their reminders.
        let builder = FeedBuilder(noteURL: link, defaultTimeZone: configuration.timeZone)
        // SEQUENCE carries on from the feed subscribers already have (an edit inside one note is a revision too).
        let published = (try? String(contentsOfFile: (directory as NSString).appendingPathComponent("calendar.ics"), encoding: .utf8))
            .flatMap { PublishedFeed(text: $0) }
        let items = model.items
        let built = parallelMap(Array(items.indices)) { index in
            builder.event(items[index]).map { (index, published?.revised($0) ?? $0) }
        }.compactMap { $0 }
        // Each VEVENT is written once, on all cores; feeds with reminders write theirs again with the alarms.
        let texts = parallelMap(built) { ICalendarWriter.text(of: $0.1) }
        done("\(texts.count) events")
        for feed in feeds {
            let info = FeedInfo(name: feed.name, description: feed.description, refreshMinutes: configuration.refreshMinutes)
            let chosen = built.indices.filter { feed.includes(items[built[$0].0]) }
            let events = chosen.map { index in
                var event = built[index].1
                event.alarms = feed.alarms
                return event
            }
            let eventTexts = feed.alarms.isEmpty ? chosen.map { texts[$0] } : parallelMap(events) { ICalendarWriter.text(of: $0) }
            written.append(try writer.write(ical.render(events, texts: eventTexts, feed: info), to: feed.file))
            pageFeeds.append(SubscribePage.Feed(name: feed.name, file: feed.file, description: feed.description, eventCount: events.count))
            done(feed.file)
        }
        let board = ProjectBoard(title: configuration.board.title ?? "\(configuration.name) projects",
            sections: configuration.board.sections.isEmpty ? ProjectBoard.defaultSections : configuration.board.sections,
            noteURL: link, staleMonths: configuration.board.staleMonths)
        written.append(try writer.write(board.render(model), to: "projects.md"))
        done("projects.md")
        written.append(try writer.write(itemsJSON.value, to: "items.json"))
        done("items.json (rendered alongside the feeds)")
        // The page links to the feeds where the output folder is published (feeds_url), not the notes site.
        let page = SubscribePage(title: "\(configuration.name) calendars", baseURL: configuration.feedsURL, feeds: pageFeeds,
            boardFile: "projects.md", noteURL: link, defaultTimeZone: configuration.timeZone)
        written.append(try writer.write(page.render(model), to: "index.html"))
        done("index.html")
        return written
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
