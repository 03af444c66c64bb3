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

    /// The feed cut between its events, each part a calendar of its own; the whole text when it has
    /// no events. A "BEGIN:VEVENT" that starts a line always starts an event: values never hold a
    /// line break (they are escaped, and folded lines go on with a space).
    static func parts(of text: String, eventsPerPart: Int) -> [String] {
        let bytes = Array(text.utf8)
        let begin = Array("BEGIN:VEVENT".utf8)
        var starts: [Int] = []
        var end = bytes.count
        var lineStart = 0
        while lineStart < bytes.count {
            if bytes[lineStart] == 0x42, bytes[lineStart...].starts(with: begin) { starts.append(lineStart) }
            if bytes[lineStart] == 0x45, bytes[lineStart...].starts(with: "END:VCALENDAR".utf8) { end = lineStart }
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { break }
            lineStart = newline + 1
        }
        guard !starts.isEmpty, end > starts[starts.count - 1] else { return [text] }
        return stride(from: 0, to: starts.count, by: eventsPerPart).map { first in
            let upTo = first + eventsPerPart < starts.count ? starts[first + eventsPerPart] : end
            return "BEGIN:VCALENDAR\r\n" + String(decoding: bytes[starts[first]..<upTo], as: UTF8.self) + "END:VCALENDAR\r\n"
        }
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
