import AlmanacCore
public import AlmanacModel
import AlmanacBoard
public import AlmanacICal
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
        return base + percentEncoded(path, keepEscapes: note.permalink != nil)
    }

    /// A path as a URL path: a file name's `#`, `?`, `%`, spaces and other characters a URL path cannot hold
    /// percent-encoded, so `notes/a #1?.md` links to that file and not to a fragment or a query. A permalink
    /// is a URL path already: its `%XX` escapes are kept.
    static func percentEncoded(_ path: String, keepEscapes: Bool) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%;")
        var out = ""
        var rest = Substring(path)
        while let first = rest.first {
            if keepEscapes, first == "%", rest.count >= 3, rest.dropFirst().prefix(2).allSatisfy(\.isHexDigit) {
                out += rest.prefix(3)
                rest = rest.dropFirst(3)
                continue
            }
            out += String(first).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            rest = rest.dropFirst()
        }
        return out
    }

    /// What subscribers of the `calendar.ics` in `directory` have seen, when there is one.
    public static func published(in directory: String) -> PublishedFeed? {
        (try? String(contentsOfFile: (directory as NSString).appendingPathComponent("calendar.ics"), encoding: .utf8))
            .flatMap { PublishedFeed(text: $0) }
    }

    /// Writes every feed, projects.md, items.json and index.html into `directory`; returns the paths, in
    /// order. SEQUENCE carries on from `published`, the feed subscribers already have (``published(in:)``):
    /// an edit inside one note is a revision too, and SEQUENCE never goes back.
    public func publish(_ model: Model, to directory: String, published: PublishedFeed?) throws -> [String] {
        let writer = OutputWriter(directory: directory)
        try writer.prepare()
        let base = configuration.baseURL
        let root = configuration.folder
        let link: @Sendable (NoteRef) -> String? = { Publisher.noteURL($0, base: base, root: root) }
        var files: [(name: String, data: Data)] = []
        var pageFeeds: [SubscribePage.Feed] = []
        let clock = ContinuousClock()
        var start = clock.now
        func done(_ what: String) {
            logger.debug("wrote \(what) in \(start.duration(to: clock.now))")
            start = clock.now
        }
        // Each item's event is built and written once, on all cores; feeds differ only in which events they
        // hold, and a feed with reminders writes its events again with the alarms.
        let builder = FeedBuilder(noteURL: link, defaultTimeZone: configuration.timeZone, sourceRoot: FeedBuilder.sourceRoot(of: model.notes))
        let items = model.items
        let events = parallelMap(items) { entry in builder.event(entry).map { published?.revised($0) ?? $0 } }
        let texts = parallelMap(events) { $0.map(ICalendarWriter.text(of:)) }
        done("\(texts.count { $0 != nil }) events")
        let ical = ICalendarWriter()
        for feed in feeds {
            let info = FeedInfo(name: feed.name, description: feed.description, refreshMinutes: configuration.refreshMinutes)
            let chosen = items.indices.filter { events[$0] != nil && feed.includes(items[$0]) }
            let feedTexts = feed.alarms.isEmpty ? chosen.map { texts[$0]! } : parallelMap(chosen) { index in
                var event = events[index]!
                event.alarms = feed.alarms
                return ICalendarWriter.text(of: event)
            }
            let (head, tail) = ical.frame(zoneYears: chosen.flatMap { ICalendarWriter.zoneYears(of: events[$0]!) }, feed: info,
                empty: chosen.isEmpty)
            files.append((feed.file, Data((head + feedTexts.joined() + tail).utf8)))
            pageFeeds.append(SubscribePage.Feed(name: feed.name, file: feed.file, description: feed.description, eventCount: chosen.count))
            done(feed.file + " (rendered)")
        }
        let pageModel = Model(items: items.filter { $0.item.kind == .deadline || $0.item.kind == .project }, notes: model.notes)
        let board = ProjectBoard(title: configuration.board.title ?? "\(configuration.name) projects",
            sections: configuration.board.sections.isEmpty ? ProjectBoard.defaultSections : configuration.board.sections,
            noteURL: link, staleMonths: configuration.board.staleMonths)
        files.append(("projects.md", Data(board.render(pageModel).utf8)))
        done("projects.md")
        files.append(("items.json", Data(ItemsJSON.model(model))))
        done("items.json")
        // The page links to the feeds where the output folder is published (feeds_url), not the notes site.
        let page = SubscribePage(title: "\(configuration.name) calendars", baseURL: configuration.feedsURL, feeds: pageFeeds,
            boardFile: "projects.md", noteURL: link, defaultTimeZone: configuration.timeZone, tally: Tally(model))
        files.append(("index.html", Data(page.render(pageModel).utf8)))
        done("index.html")
        // All or nothing: a failure leaves every output as the last run left it.
        let written = try writer.writeAll(files)
        done("\(files.count) files")
        return written
    }
}
