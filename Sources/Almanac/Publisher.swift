public import AlmanacCore
public import AlmanacModel
import AlmanacBoard
import AlmanacICal
import Foundation

/// Model → files: the feeds, the project board and the model JSON, each written atomically.
public struct Publisher: Sendable {
    /// Published location of the notes ("https://example.org/notes"); note links in feeds and the
    /// board are this plus the note's permalink (or its path).
    public var baseURL: String?
    public var calendarName: String
    public var refreshMinutes: Int

    public init(baseURL: String? = nil, calendarName: String = "Almanac", refreshMinutes: Int = 12 * 60) {
        self.baseURL = baseURL
        self.calendarName = calendarName
        self.refreshMinutes = refreshMinutes
    }

    /// The link to a note on the published site, when a base URL is set.
    public func noteURL(_ note: NoteRef) -> String? {
        guard var base = baseURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        var path = note.permalink ?? note.path
        if !path.hasPrefix("/") { path = "/" + path }
        return base + path
    }

    /// Writes calendar.ics, deadlines.ics, projects.md and items.json into `directory`; returns the paths.
    public func publish(_ model: Model, to directory: String) throws -> [String] {
        let writer = OutputWriter(directory: directory)
        try writer.prepare()
        let base = baseURL
        let link: @Sendable (NoteRef) -> String? = { Publisher(baseURL: base).noteURL($0) }
        let feeds = FeedBuilder(noteURL: link)
        let ical = ICalendarWriter()
        var written: [String] = []
        let all = feeds.events(model)
        written.append(try writer.write(
            ical.render(all, feed: FeedInfo(name: calendarName, description: "Events, deadlines and meetings from \(calendarName)'s notes", refreshMinutes: refreshMinutes)),
            to: "calendar.ics"))
        let deadlines = feeds.events(model) { $0.item.kind == .deadline }
        written.append(try writer.write(
            ical.render(deadlines, feed: FeedInfo(name: "\(calendarName) deadlines", description: "Calls for papers, applications and other deadlines from \(calendarName)'s notes", refreshMinutes: refreshMinutes)),
            to: "deadlines.ics"))
        written.append(try writer.write(ProjectBoard(title: "\(calendarName) projects", noteURL: link).render(model), to: "projects.md"))
        written.append(try writer.write(ItemsJSON.model(model).render(), to: "items.json"))
        return written
    }
}
