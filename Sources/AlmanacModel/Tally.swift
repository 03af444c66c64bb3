import AlmanacNames
public import AlmanacCore

/// What a run read and what the feeds hold, counted once from the model: the same numbers in
/// `collect`'s summary, on the subscribe page and in the README.
///
/// ```swift
/// Tally(model).summary   // "13 in the feeds (5 events, 2 deadlines, 6 meetings); left out: 8 projects (on the board), undated items: 1"
/// ```
public struct Tally: Sendable, Hashable, Codable {
    /// Notes read: files (not calendars) that gave one, and each message of a mail file.
    public var notes: Int
    /// Calendar (.ics) files, and the events they gave.
    public var calendars: Int
    public var calendarEvents: Int
    /// Items in the feeds, per kind (event, deadline, meeting).
    public var events: Int
    public var deadlines: Int
    public var meetings: Int
    /// Events, deadlines and meetings the feeds leave out: no day (undated, or only a year).
    public var undated: Int
    /// Projects: on the board, never in the feeds.
    public var projects: Int
    /// Timed items in the feeds whose note gives no zone (written in `time_zone`, else as all-day events).
    public var zoneless: Int

    public init(_ model: Model) {
        var notePaths = Set<String>()
        var calendarPaths = Set<String>()
        calendarEvents = 0
        for note in model.notes {
            if Self.isCalendar(note.path) {
                calendarPaths.insert(note.path)
                calendarEvents += 1
            } else {
                // Each message of a mail file is a note of its own.
                notePaths.insert(note.messageID.map { note.path + "\u{0}" + $0 } ?? note.path)
            }
        }
        notes = notePaths.count
        calendars = calendarPaths.count
        (events, deadlines, meetings, undated, projects, zoneless) = (0, 0, 0, 0, 0, 0)
        for entry in model.items {
            let item = entry.item
            guard item.kind != .project else {
                projects += 1
                continue
            }
            guard Self.isInFeeds(item.when) else {
                undated += 1
                continue
            }
            switch item.kind {
            case .event: events += 1
            case .deadline: deadlines += 1
            case .meeting: meetings += 1
            case .project: break
            }
            if Self.isZoneless(item) { zoneless += 1 }
        }
    }

    /// Whether an item dated `when` is in the feeds: it has a day, or at least a month.
    public static func isInFeeds(_ when: When) -> Bool {
        when.start != nil && when.precision != .none && when.precision != .year
    }

    /// A time a note gives without a zone (an imported calendar's floating time is not the notes' to fix).
    public static func isZoneless(_ item: Item) -> Bool {
        item.when.precision == .datetime && item.when.zone == nil && item.when.startTime != nil
            && !(item.sources.first.map { isCalendar($0.path) } ?? false)
    }

    /// An imported calendar rather than a note.
    public static func isCalendar(_ path: String) -> Bool { path.lowercased().hasSuffix(".ics") }

    public var inFeeds: Int { events + deadlines + meetings }

    /// "6 notes and 2 events of 1 calendar".
    public var sources: String {
        var text = notes.counting("note")
        if calendars > 0 { text += " and \(calendarEvents.counting("event")) of \(calendars.counting("calendar"))" }
        return text
    }

    /// "13 in the feeds (5 events, 2 deadlines, 6 meetings); left out: 8 projects (on the board), undated items: 1".
    public var summary: String {
        var text = "\(inFeeds) in the feeds (\(events.counting("event")), \(deadlines.counting("deadline")), \(meetings.counting("meeting")))"
        var left: [String] = []
        if projects > 0 { left.append("\(projects.counting("project")) (on the board)") }
        if undated > 0 { left.append("undated items: \(undated)") }
        if !left.isEmpty { text += "; left out: " + left.joined(separator: ", ") }
        return text
    }

    /// What to tell the user when times had no zone and none is configured; nil when there is nothing to say.
    public func zonelessAdvice(timeZone: String?) -> String? {
        guard zoneless > 0, timeZone == nil else { return nil }
        return "\(zoneless == 1 ? "1 time has" : "\(zoneless) times have") no time zone, so the feeds give "
            + "\(zoneless == 1 ? "its day as an all-day event" : "their days as all-day events") with the time in the title; "
            + "set `time_zone:` in almanac.yml (an IANA name such as Europe/London) or pass --time-zone"
    }
}
