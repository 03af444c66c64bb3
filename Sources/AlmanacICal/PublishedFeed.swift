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

    /// Reads the VEVENTs of `text`; nil when libical finds no calendar in it.
    public init?(text: String) {
        guard let raw = icalparser_parse_string(text) else { return nil }
        Component(owning: raw).withPointer { calendar in
            var event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT)
            while let vevent = event {
                if let uid = icalcomponent_get_uid(vevent).map({ String(cString: $0) }) { seen[uid] = Self.read(vevent) }
                event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)
            }
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
