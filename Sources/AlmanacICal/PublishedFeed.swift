internal import CLibical
import AlmanacCore

/// What subscribers last saw: each event's SEQUENCE and the properties whose change makes a new
/// revision of it (date, status, place), read from the feed published before (by libical).
///
/// The model counts revisions between notes; this carries the count across runs, so an edit that
/// moves a date inside the note that states it still raises SEQUENCE, and SEQUENCE never goes back.
/// Re-publishing the same model over its own feed changes nothing (byte-identical output).
public struct PublishedFeed: Sendable {
    struct Seen: Sendable, Hashable {
        var sequence: Int
        var start: EventTime?
        var end: EventTime?
        var status: String
        var location: String
    }

    var seen: [String: Seen] = [:]

    /// Reads the VEVENTs of `text`; nil when libical finds no calendar in it. A large feed is read in
    /// parts of `eventsPerPart` events, on all cores.
    public init?(text: String, eventsPerPart: Int = 512) {
        let parts = Self.parts(of: text, eventsPerPart: eventsPerPart)
        let read = parallelMap(parts) { part -> [(String, Seen)]? in
            guard let raw = icalparser_parse_string(part) else { return nil }
            var found: [(String, Seen)] = []
            Component(owning: raw).withPointer { calendar in
                var event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT)
                while let vevent = event {
                    if let uid = icalcomponent_get_uid(vevent).map({ String(cString: $0) }) { found.append((uid, Self.read(vevent))) }
                    event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)
                }
            }
            return found
        }
        guard !read.contains(where: { $0 == nil }) else { return nil }
        for part in read {
            for (uid, seen) in part! { self.seen[uid] = seen }
        }
    }

    /// The feed cut between its events, each part a calendar of its own holding only the lines
    /// ``read(_:)`` looks at (an event's own UID, DTSTART, DTEND, STATUS, LOCATION and SEQUENCE, with
    /// their folded continuations): the descriptions and reminders that make up most of a feed are not
    /// parsed. The whole text when it has no events. A "BEGIN:VEVENT" that starts a line always starts
    /// an event: values never hold a line break (they are escaped, and folded lines go on with a space).
    static func parts(of text: String, eventsPerPart: Int) -> [String] {
        let bytes = Array(text.utf8)
        var parts: [String] = []
        var part: [UInt8] = []
        var events = 0
        /// Components open inside the calendar: 1 in an event or a time zone, more in a reminder.
        var depth = 0
        var inEvent = false
        var keeping = false
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            lineStart = lineEnd
            if line.first == 0x20 || line.first == 0x09 {
                if keeping { part += line }
                continue
            }
            keeping = false
            if Self.starts(line, with: "BEGIN:VCALENDAR") || Self.starts(line, with: "END:VCALENDAR") { continue }
            if Self.starts(line, with: "BEGIN:") {
                depth += 1
                guard depth == 1, Self.starts(line, with: "BEGIN:VEVENT") else { continue }
                if events == eventsPerPart {
                    parts.append(Self.calendar(part))
                    part.removeAll(keepingCapacity: true)
                    events = 0
                }
                events += 1
                inEvent = true
                keeping = true
            } else if Self.starts(line, with: "END:") {
                depth -= 1
                keeping = inEvent && depth == 0
                if depth == 0 { inEvent = false }
            } else {
                keeping = inEvent && depth == 1 && Self.wanted.contains { Self.starts(line, with: $0 + ":") || Self.starts(line, with: $0 + ";") }
            }
            if keeping { part += line }
        }
        guard events > 0 else { return [text] }
        parts.append(Self.calendar(part))
        return parts
    }

    /// The properties of an event ``read(_:)`` looks at.
    private static let wanted = ["UID", "DTSTART", "DTEND", "STATUS", "LOCATION", "SEQUENCE"]

    /// Whether `line` starts with `prefix` (upper case), in either case.
    private static func starts(_ line: ArraySlice<UInt8>, with prefix: String) -> Bool {
        line.count >= prefix.utf8.count && zip(line, prefix.utf8).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }

    private static func calendar(_ events: [UInt8]) -> String {
        "BEGIN:VCALENDAR\r\n" + String(decoding: events, as: UTF8.self) + "END:VCALENDAR\r\n"
    }

    static func read(_ vevent: OpaquePointer) -> Seen {
        func time(_ kind: icalproperty_kind) -> EventTime? {
            guard let property = icalcomponent_get_first_property(vevent, kind) else { return nil }
            return ICalendarReader.convertProperty(property).time
        }
        func text(_ kind: icalproperty_kind) -> String {
            guard let property = icalcomponent_get_first_property(vevent, kind) else { return "" }
            return ICalendarReader.convertProperty(property).value
        }
        let sequence = icalcomponent_get_first_property(vevent, ICAL_SEQUENCE_PROPERTY).map { Int(icalproperty_get_sequence($0)) } ?? 0
        return Seen(sequence: sequence, start: time(ICAL_DTSTART_PROPERTY), end: time(ICAL_DTEND_PROPERTY),
            status: text(ICAL_STATUS_PROPERTY), location: text(ICAL_LOCATION_PROPERTY))
    }

    /// `event` with a SEQUENCE no lower than the one subscribers saw, and one higher when its date,
    /// status or place differs from what they saw.
    public func revised(_ event: CalendarEvent) -> CalendarEvent {
        guard let before = seen[event.uid] else { return event }
        let now = Seen(sequence: before.sequence, start: event.start, end: event.end, status: event.status.rawValue,
            location: event.location.map(ICalendarWriter.oneLine) ?? "")
        var revised = event
        revised.sequence = max(event.sequence, now == before ? before.sequence : before.sequence + 1)
        return revised
    }
}
