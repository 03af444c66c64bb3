internal import CLibical
import AlmanacCore
import Foundation

/// Writes feeds through libical: every byte of iCalendar text Almanac produces comes from
/// `icalcomponent_as_ical_string_r`, so escaping, folding and CRLFs are libical's.
///
/// ```swift
/// let text = ICalendarWriter().render(events, feed: FeedInfo(name: "Almanac", description: "All items"))
/// ```
public struct ICalendarWriter: Sendable {
    public var productID: String

    public init(productID: String = "-//Almanac//Almanac meeting-notes calendar//EN") {
        self.productID = productID
    }

    /// The feed of `events`. The calendar around them (its properties and VTIMEZONEs, ``frame(zoneYears:feed:)``)
    /// is written by libical too; the events go before its END line, where libical would have put them.
    public func render(_ events: [CalendarEvent], feed: FeedInfo) -> String {
        let (head, tail) = frame(zoneYears: events.flatMap(Self.zoneYears), feed: feed, empty: events.isEmpty)
        return events.reduce(into: head) { text, event in text += Self.text(of: event) } + tail
    }

    /// One VEVENT as libical writes it, so an event in several feeds is written once (on any thread).
    public static func text(of event: CalendarEvent) -> String {
        component(for: event).serialized()
    }

    /// The zones an event's times are given in, each with the year of that time: what the VTIMEZONEs of
    /// a feed holding it are made from.
    public static func zoneYears(of event: CalendarEvent) -> [ZoneYear] {
        [event.start, event.end].compactMap { time in
            if case .zoned(let date, _, let tzid) = time { return ZoneYear(tzid: tzid, year: date.year) }
            return nil
        }
    }

    public struct ZoneYear: Sendable, Hashable, Codable {
        public var tzid: String
        public var year: Int

        public init(tzid: String, year: Int) {
            self.tzid = tzid
            self.year = year
        }
    }

    /// The feed around its VEVENTs: what goes before them (the calendar's properties and the VTIMEZONEs of
    /// `zoneYears`) and after them (its END line, where libical would have put them).
    ///
    /// An `empty` feed (no events yet) still holds one component, as RFC 5545 requires and sabre/vobject
    /// (Nextcloud) insists: the UTC VTIMEZONE (``placeholderZone``), which every consumer reads as a
    /// calendar with no events, where a placeholder VEVENT would show subscribers an event that is none.
    public func frame(zoneYears: [ZoneYear], feed: FeedInfo, empty: Bool = false) -> (head: String, tail: String) {
        var calendar = Component(ICAL_VCALENDAR_COMPONENT)
        calendar.add(icalproperty_new_version("2.0"))
        calendar.add(icalproperty_new_prodid(productID))
        calendar.add(icalproperty_new_calscale("GREGORIAN"))
        calendar.add(icalproperty_new_name(Self.oneLine(feed.name)))
        calendar.add(Self.x("X-WR-CALNAME", Self.oneLine(feed.name)))
        calendar.add(icalproperty_new_description(feed.description))
        calendar.add(Self.x("X-WR-CALDESC", feed.description))
        var refresh = icaldurationtype()
        refresh.hours = UInt32(feed.refreshMinutes / 60)
        refresh.minutes = UInt32(feed.refreshMinutes % 60)
        if let interval = icalproperty_new_refreshinterval(refresh) {
            icalproperty_add_parameter(interval, icalparameter_new_value(ICAL_VALUE_DURATION))
            calendar.add(interval)
        }
        if let ttl = Self.durationText(minutes: feed.refreshMinutes) {
            calendar.add(Self.x("X-PUBLISHED-TTL", ttl))
        }
        for zone in Set(zoneYears.map(\.tzid)).sorted() {
            let years = zoneYears.filter { $0.tzid == zone }.map(\.year)
            if let component = TimeZones.component(for: zone, years: years.min()!...years.max()!) {
                calendar.add(component)
            }
        }
        if empty, zoneYears.isEmpty { calendar.add(Self.placeholderZone()) }
        var text = calendar.serialized()
        let end = "END:VCALENDAR\r\n"
        guard text.hasSuffix(end) else { return (text, "") }
        text.removeLast(end.count)
        return (text, end)
    }

    /// The component of an empty feed: UTC as a VTIMEZONE (TZID UTC, one STANDARD observance of +0000
    /// from 1970).
    static func placeholderZone() -> Component {
        var zone = Component(ICAL_VTIMEZONE_COMPONENT)
        zone.add(icalproperty_new_tzid("UTC"))
        zone.add(TimeZones.observance(daylight: false, localStart: 0, from: 0, to: 0))
        return zone
    }

    static func component(for event: CalendarEvent) -> Component {
        var vevent = Component(ICAL_VEVENT_COMPONENT)
        vevent.add(icalproperty_new_uid(event.uid))
        vevent.add(icalproperty_new_dtstamp(Self.stamp(event.stamp)))
        vevent.add(Self.timeProperty(ICAL_DTSTART_PROPERTY, event.start))
        vevent.add(Self.timeProperty(ICAL_DTEND_PROPERTY, event.end))
        vevent.add(icalproperty_new_summary(Self.oneLine(event.summary)))
        if let description = event.description, !description.isEmpty {
            vevent.add(icalproperty_new_description(description))
        }
        if let location = event.location, !location.isEmpty { vevent.add(icalproperty_new_location(Self.oneLine(location))) }
        if let url = event.url, !url.isEmpty { vevent.add(icalproperty_new_url(url)) }
        vevent.add(icalproperty_new_status(Self.status(event.status)))
        vevent.add(icalproperty_new_sequence(Int32(clamping: event.sequence)))
        vevent.add(icalproperty_new_lastmodified(Self.stamp(event.stamp)))
        if let categories = Self.categories(event.categories) { vevent.add(icalproperty_new_categories(categories)) }
        vevent.add(icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT))
        for minutes in event.alarms {
            var alarm = Component(ICAL_VALARM_COMPONENT)
            alarm.add(icalproperty_new_action(ICAL_ACTION_DISPLAY))
            var trigger = icaltriggertype()
            trigger.time = icaltime_null_time()
            var duration = icaldurationtype()
            duration.is_neg = 1
            duration.days = UInt32(minutes / 1440)
            duration.hours = UInt32(minutes % 1440 / 60)
            duration.minutes = UInt32(minutes % 60)
            trigger.duration = duration
            alarm.add(icalproperty_new_trigger(trigger))
            alarm.add(icalproperty_new_description(Self.oneLine(event.summary)))
            vevent.add(alarm)
        }
        return vevent
    }

    // MARK: - Values

    /// SUMMARY and friends must be one line (calcurse rejects line breaks there).
    static func oneLine(_ text: String) -> String {
        // Nearly every text is one line already: no C0 or C1 control (U+0000–001F, U+007F–009F, the
        // latter led by 0xC2) and no line or paragraph separator (led by 0xE2), checked on the bytes.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) { return text }
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                space = true
                continue
            }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The categories as one CATEGORIES line of comma-separated values, each once: two CATEGORIES lines are
    /// legal, but ics.py and icalevents reject an event with more than one. A comma inside a category
    /// would split it, so it becomes a space. Nil for none.
    static func categories(_ categories: [String]) -> String? {
        var seen: [String] = []
        for category in categories {
            let value = oneLine(category).replacingOccurrences(of: ",", with: " ").trimmingSpaces()
            if !value.isEmpty, !seen.contains(value) { seen.append(value) }
        }
        return seen.isEmpty ? nil : seen.joined(separator: ",")
    }

    static func x(_ name: String, _ value: String) -> OpaquePointer? {
        guard let property = icalproperty_new_x(value) else { return nil }
        icalproperty_set_x_name(property, name)
        return property
    }

    static func durationText(minutes: Int) -> String? {
        guard minutes > 0 else { return nil }
        if minutes % 60 == 0 { return "PT\(minutes / 60)H" }
        return "PT\(minutes / 60)H\(minutes % 60)M"
    }

    /// libical's UTC zone, made once (Swift runs a static's initialiser exactly once, on any thread) so
    /// events can be written in parallel.
    nonisolated(unsafe) static let utc = icaltimezone_get_utc_timezone()

    static func stamp(_ date: CivilDate) -> icaltimetype {
        var t = icaltimetype()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        t.zone = Self.utc
        return t
    }

    static func timeProperty(_ kind: icalproperty_kind, _ time: EventTime) -> OpaquePointer? {
        var t = icaltimetype()
        let date = time.date
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        var tzid: String?
        switch time {
        case .date:
            t.is_date = 1
        case .utc(_, let clock):
            t.hour = Int32(clock.hour)
            t.minute = Int32(clock.minute)
            t.zone = Self.utc
        case .floating(_, let clock):
            t.hour = Int32(clock.hour)
            t.minute = Int32(clock.minute)
        case .zoned(_, let clock, let zone):
            t.hour = Int32(clock.hour)
            t.minute = Int32(clock.minute)
            tzid = zone
        }
        let property = icalproperty_new(kind)
        guard let property else { return nil }
        // icalproperty_new_dtstart drops a zone; set the value and the TZID parameter ourselves.
        icalproperty_set_value(property, icalvalue_new_datetimedate(t))
        if t.is_date != 0 { icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE)) }
        if let tzid { icalproperty_add_parameter(property, icalparameter_new_tzid(tzid)) }
        return property
    }

    static func status(_ status: CalendarEvent.Status) -> icalproperty_status {
        switch status {
        case .tentative: return ICAL_STATUS_TENTATIVE
        case .confirmed: return ICAL_STATUS_CONFIRMED
        case .cancelled: return ICAL_STATUS_CANCELLED
        }
    }
}
