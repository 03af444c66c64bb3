import AlmanacNames
import AlmanacCore
public import AlmanacModel
import Foundation

/// Model → calendar events: what each kind of item becomes in a feed people subscribe to.
///
/// - Days and weeks are all-day events with an exclusive DTEND; ranges span their days.
/// - Timed items are written in UTC when the note's zone has a fixed offset (AoE = UTC−12, CET…),
///   with a TZID and VTIMEZONE when it names a region (PT, Europe/Lisbon), in `defaultTimeZone` when
///   the note gives no zone, and with no zone at all as an all-day event with the time in the title:
///   never as floating local time, which clients read differently (Google as UTC). A timed deadline
///   lasts 15 minutes from its instant; other timed items an hour unless the note gives an end.
/// - Month and quarter precision: a one-day all-day event on the first day, marked tentative and
///   titled with the period ("(March 2016, date to be confirmed)"), so subscribers see it coming
///   without a month-long bar. Year precision and undated items stay out of feeds (they are in
///   items.json and on the board).
/// - STATUS: CANCELLED for cancelled items, TENTATIVE for hedged dates and tentative or proposed
///   items, CONFIRMED otherwise. SEQUENCE is the item's revision; DTSTAMP and LAST-MODIFIED are the
///   date of the note that last changed it, so unchanged notes give byte-identical feeds.
public struct FeedBuilder: Sendable {
    /// The URL of a note, for DESCRIPTION links; nil for none.
    public var noteURL: @Sendable (NoteRef) -> String?
    /// Reminders, in minutes before the start (off by default: subscribed calendars often ignore them).
    public var alarms: [Int]
    /// The zone of times the notes give without one (an IANA name); when nil, such a time is written as an
    /// all-day event with the time in its title (never as floating local time).
    public var defaultTimeZone: String?
    /// The folder source paths are shown relative to in DESCRIPTION ("Source: notes/2026-09-02.md:15"),
    /// so a feed never publishes where the notes lie on the machine that collected them
    /// (``sourceRoot(of:)``); nil shows paths as they are.
    public var sourceRoot: String?

    public init(
        noteURL: @escaping @Sendable (NoteRef) -> String? = { _ in nil }, alarms: [Int] = [], defaultTimeZone: String? = nil,
        sourceRoot: String? = nil
    ) {
        self.noteURL = noteURL
        self.alarms = alarms
        self.defaultTimeZone = defaultTimeZone
        self.sourceRoot = sourceRoot
    }

    /// The events for the items `include` accepts, in model order.
    public func events(_ model: Model, include: (ModelItem) -> Bool = { _ in true }) -> [CalendarEvent] {
        model.items.filter(include).compactMap(event)
    }

    public func event(_ entry: ModelItem) -> CalendarEvent? {
        let item = entry.item
        let when = item.when
        guard let start = when.start else { return nil }
        var summary = item.title
        if item.kind == .deadline, let event = item.forEvent, !Names.tokens(summary).contains(where: Names.tokens(event).contains) {
            summary += " (\(event))"
        }
        var tentative = when.tentative || item.status == .tentative || item.status == .proposed
        let startTime: EventTime
        let endTime: EventTime
        switch when.precision {
        case .none, .year:
            return nil
        case .month, .quarter:
            startTime = .date(start)
            endTime = .date(start.adding(days: 1))
            summary += " (\(Self.periodName(when)), date to be confirmed)"
            tentative = true
        case .day, .week:
            startTime = .date(start)
            endTime = .date((when.lastDay ?? start).adding(days: 1))
        case .datetime:
            let clock = when.startTime ?? TimeOfDay(hour: 0)!
            let defaultLength = item.kind == .deadline ? 15 : 60
            var endClock: (CivilDate, TimeOfDay)
            if let endTime = when.endTime, endTime > clock {
                endClock = (when.end ?? start, endTime)
            } else {
                endClock = Self.add(minutes: defaultLength, to: when.end ?? start, clock)
            }
            if let zone = when.zone, let offset = zone.utcOffsetMinutes {
                let s = Self.add(minutes: -offset, to: start, clock)
                let e = Self.add(minutes: -offset, to: endClock.0, endClock.1)
                startTime = .utc(s.0, s.1)
                endTime = .utc(e.0, e.1)
            } else if let tzid = when.zone?.tzid ?? (when.zone == nil ? defaultTimeZone : nil), TimeZones.zone(tzid) != nil {
                startTime = .zoned(start, clock, tzid: tzid)
                endTime = .zoned(endClock.0, endClock.1, tzid: tzid)
            } else {
                // No zone stated and none configured: the time names no instant. A floating time would be
                // read as UTC by Google Calendar and as local time elsewhere, so the day is written as an
                // all-day event and the time goes in the title (collect and lint count these).
                startTime = .date(start)
                endTime = .date((when.end ?? start).adding(days: 1))
                summary += " (\(clock)\(when.endTime.map { "–\($0)" } ?? ""), time zone not stated)"
            }
        }
        let status: CalendarEvent.Status =
            item.status == .cancelled ? .cancelled : (tentative || item.status == .postponed ? .tentative : .confirmed)
        if item.status == .cancelled, !summary.lowercased().contains("cancel") { summary = "Cancelled: " + summary }
        if status == .tentative, when.precision != .month, when.precision != .quarter { summary += " (tentative)" }
        var categories = [item.kind.rawValue]
        if let subkind = item.subkind, subkind != .other { categories.append(subkind.rawValue) }
        categories += item.tags
        return CalendarEvent(
            uid: entry.uid, summary: summary, description: description(entry), location: item.location,
            url: item.url.flatMap { Self.absolute($0, base: noteURL(entry.lastMentioned)) },
            categories: categories, status: status, start: startTime, end: endTime, sequence: entry.revision,
            stamp: entry.lastChanged.date, alarms: alarms)
    }

    /// The supporting quote, the event a deadline belongs to, the original wording of a zone, and where it was said.
    func description(_ entry: ModelItem) -> String {
        let item = entry.item
        var lines: [String] = []
        if let quote = item.sources.first?.quote { lines.append("“\(quote)”") }
        if item.kind == .deadline, let event = item.forEvent { lines.append("Deadline for: \(event)") }
        if let zone = item.when.zone, let time = item.when.startTime, let start = item.when.start {
            lines.append("As stated: \(start) \(time) \(zone.name)")
        }
        if item.when.tentative { lines.append("The date is not confirmed.") }
        if let source = item.sources.first {
            var line = "Source: \(Self.relative(source.path, to: sourceRoot)):\(source.line)"
            if let url = noteURL(entry.lastMentioned) { line += " (\(url))" }
            lines.append(line)
        }
        if entry.mentions.count > 1 {
            lines.append("Mentioned in \(entry.mentions.count) notes, \(entry.firstMentioned.date) to \(entry.lastMentioned.date).")
        }
        return lines.joined(separator: "\n")
    }

    /// The folder all of `notes` lie in (the deepest one), for ``sourceRoot``: the notes folder given to
    /// `collect`, or the configuration's folder when sources lie in several of its folders.
    public static func sourceRoot(of notes: [NoteRef]) -> String? {
        var common: [Substring]?
        for note in notes {
            let folder = note.path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            guard let known = common else {
                common = Array(folder)
                continue
            }
            common = Array(zip(known, folder).prefix { $0 == $1 }.map(\.0))
        }
        guard let common, !common.isEmpty else { return nil }
        let root = common.joined(separator: "/")
        return root.isEmpty ? "/" : root
    }

    /// `path` relative to `root` when it lies under it; else its last component when it is absolute.
    static func relative(_ path: String, to root: String?) -> String {
        if let root {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix), path.count > prefix.count { return String(path.dropFirst(prefix.count)) }
        }
        if path.hasPrefix("/") { return (path as NSString).lastPathComponent }
        return path
    }

    /// A link as an absolute URI: as it is when it has a scheme, resolved against the note's published
    /// URL when it is relative, nil when it cannot be made absolute (URL must be a URI).
    /// Only http, https and mailto links are written: a `javascript:` or `data:` URL in a subscribed feed is
    /// one click from running.
    static func absolute(_ link: String, base: String?) -> String? {
        let schemes: Set<String> = ["http", "https", "mailto"]
        if let url = URL(string: link), let scheme = url.scheme, !scheme.isEmpty {
            return schemes.contains(scheme.lowercased()) ? url.absoluteString : nil
        }
        guard let base, let baseURL = URL(string: base), let resolved = URL(string: link, relativeTo: baseURL),
            let scheme = resolved.scheme, schemes.contains(scheme.lowercased())
        else { return nil }
        return resolved.absoluteString
    }

    static func periodName(_ when: When) -> String {
        guard let start = when.start else { return "" }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        if when.precision == .quarter { return "Q\((start.month - 1) / 3 + 1) \(start.year)" }
        var text = "\(months[start.month - 1]) \(start.year)"
        if let end = when.end, end != start {
            text = end.year == start.year
                ? "\(months[start.month - 1])–\(months[end.month - 1]) \(start.year)"
                : "\(text)–\(months[end.month - 1]) \(end.year)"
        }
        return text
    }

    static func add(minutes: Int, to date: CivilDate, _ time: TimeOfDay) -> (CivilDate, TimeOfDay) {
        let total = date.dayNumber * 1440 + time.minutesSinceMidnight + minutes
        let day = total >= 0 ? total / 1440 : (total - 1439) / 1440
        let minute = total - day * 1440
        return (CivilDate(dayNumber: day), TimeOfDay(hour: minute / 60, minute: minute % 60)!)
    }
}
