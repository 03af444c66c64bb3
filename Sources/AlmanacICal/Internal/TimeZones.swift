internal import CLibical
import AlmanacCore

/// VTIMEZONE components built from libical's zone data, but written by Almanac: the TZID is the
/// plain IANA name (no `/freeassociation.sourceforge.net/` prefix) and only the transitions of the
/// years a feed uses are listed.
enum TimeZones {
    /// The zone's UTC offset in seconds at a UTC instant, and whether daylight saving applies.
    static func offset(_ zone: OpaquePointer, dayNumber: Int, minute: Int) -> (Int, Bool) {
        let date = CivilDate(dayNumber: dayNumber)
        var t = icaltimetype()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        t.hour = Int32(minute / 60)
        t.minute = Int32(minute % 60)
        t.zone = icaltimezone_get_utc_timezone()
        var daylight: Int32 = 0
        let seconds = icaltimezone_get_utc_offset_of_utc_time(zone, &t, &daylight)
        return (Int(seconds), daylight != 0)
    }

    static func zone(_ tzid: String) -> OpaquePointer? {
        icaltimezone_get_builtin_timezone(tzid)
    }

    /// The UTC instant (date, minute of day) of a wall-clock time in `tzid`, or nil for an unknown zone.
    static func utc(_ date: CivilDate, _ time: TimeOfDay, tzid: String) -> (CivilDate, TimeOfDay)? {
        guard let zone = zone(tzid) else { return nil }
        let local = date.dayNumber * 1440 + time.minutesSinceMidnight
        // The offset at the local time read as UTC is right except within hours of a transition;
        // one correction step settles it.
        var (offset, _) = offset(zone, dayNumber: local / 1440, minute: local % 1440)
        let guess = local - offset / 60
        (offset, _) = self.offset(zone, dayNumber: guess / 1440, minute: ((guess % 1440) + 1440) % 1440)
        let instant = local - offset / 60
        let day = Int((Double(instant) / 1440).rounded(.down))
        let minute = instant - day * 1440
        return (CivilDate(dayNumber: day), TimeOfDay(hour: minute / 60, minute: minute % 60)!)
    }

    /// A VTIMEZONE for `tzid` covering `years`, or nil when libical does not know the zone.
    static func component(for tzid: String, years: ClosedRange<Int>) -> Component? {
        guard let zone = zone(tzid), let first = CivilDate(year: years.lowerBound, month: 1, day: 1),
            let last = CivilDate(year: years.upperBound, month: 12, day: 31)
        else { return nil }
        var vtimezone = Component(ICAL_VTIMEZONE_COMPONENT)
        vtimezone.add(icalproperty_new_tzid(tzid))
        var (current, daylight) = offset(zone, dayNumber: first.dayNumber, minute: 0)
        var transitions: [(instant: Int, from: Int, to: Int, daylight: Bool)] = []
        for day in first.dayNumber...last.dayNumber {
            let (next, nextDaylight) = offset(zone, dayNumber: day + 1, minute: 0)
            guard next != current else { continue }
            // The minute of change within the day, by bisection.
            var lo = day * 1440
            var hi = (day + 1) * 1440
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                let (value, _) = offset(zone, dayNumber: mid / 1440, minute: mid % 1440)
                if value == current { lo = mid } else { hi = mid }
            }
            transitions.append((hi, current, next, nextDaylight))
            current = next
            daylight = nextDaylight
        }
        if transitions.isEmpty {
            vtimezone.add(observance(daylight: daylight, localStart: first.dayNumber * 1440, from: current, to: current))
        }
        for transition in transitions {
            let local = transition.instant + transition.from / 60
            vtimezone.add(observance(daylight: transition.daylight, localStart: local, from: transition.from, to: transition.to))
        }
        return vtimezone
    }

    static func observance(daylight: Bool, localStart: Int, from: Int, to: Int) -> Component {
        var component = Component(daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT)
        let date = CivilDate(dayNumber: localStart / 1440)
        var t = icaltimetype()
        t.year = Int32(date.year)
        t.month = Int32(date.month)
        t.day = Int32(date.day)
        t.hour = Int32(localStart % 1440 / 60)
        t.minute = Int32(localStart % 60)
        component.add(icalproperty_new_dtstart(t))
        component.add(icalproperty_new_tzoffsetfrom(Int32(from)))
        component.add(icalproperty_new_tzoffsetto(Int32(to)))
        return component
    }
}
